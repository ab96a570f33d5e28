import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { ConfigError } from './configError.js';
import type { Config } from './schema.js';

/** Folders a run may never write into (or be): the system's own. */
const SYSTEM_TREES = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/run', '/sbin', '/sys', '/usr'];
/** Folders a run may write below but never be: they hold everyone else's files. */
const SHARED_ROOTS = ['/', '/home', '/root', '/tmp', '/var', '/var/tmp', '/opt', '/mnt', '/media', '/srv', '/Users'];

/** The absolute path with symlinks of its existing part resolved (the part that does not exist yet is kept as written). */
export function realPathish(p: string): string {
  const abs = resolve(p);
  let head = abs;
  const tail: string[] = [];
  while (!existsSync(head)) {
    const up = dirname(head);
    if (up === head) break;
    tail.unshift(basename(head));
    head = up;
  }
  let real = head;
  try {
    real = realpathSync(head);
  } catch {
    // unreadable: compare as written
  }
  return tail.length ? join(real, ...tail) : real;
}

/** a equals b or lies inside it. */
export function isSameOrInside(a: string, b: string): boolean {
  return a === b || b === sep || a.startsWith(b.endsWith(sep) ? b : b + sep);
}

/** The folder a source path names: a glob's static part, otherwise the path itself. */
function staticPart(p: string): string {
  if (!isDynamicPattern(p)) return p;
  const out: string[] = [];
  for (const part of p.split(/[\\/]/)) {
    if (isDynamicPattern(part)) break;
    out.push(part);
  }
  return out.join('/') || (isAbsolute(p) ? '/' : '.');
}

/**
 * The output-ownership rule's first half: the output folder must be a folder of its own. It may
 * not be `/`, a system folder, a shared root (home, /tmp itself), and may not equal, lie inside
 * or contain any source path (the run would read its own files as documents, and its clean-up
 * could reach the inputs). `where(path)` gives `file:line` of a config field.
 */
export function checkOutputPath(config: Config, baseDir: string, where: (path: (string | number)[]) => string): void {
  const out = realPathish(isAbsolute(config.output) ? config.output : resolve(baseDir, config.output));
  const fail = (why: string) => {
    throw new ConfigError(`${where(['output'])} output: ${why}; choose a folder of its own, e.g. out/${config.name}`);
  };
  const home = (() => {
    try {
      return realPathish(homedir());
    } catch {
      return undefined;
    }
  })();
  if (SHARED_ROOTS.includes(out) || (home && out === home)) fail(`"${config.output}" resolves to ${out}, a folder shared with everything else on the machine`);
  for (const sys of SYSTEM_TREES) if (isSameOrInside(out, sys)) fail(`"${config.output}" resolves to ${out}, inside the system folder ${sys}`);
  config.sources.forEach((s, i) => {
    const fields: [string, string | undefined][] = [
      ['path', (s as { path?: string }).path],
      ['url_file', (s as { url_file?: string }).url_file],
    ];
    for (const [field, p] of fields) {
      if (p === undefined) continue;
      const src = realPathish(resolve(baseDir, staticPart(p)));
      const rel = isSameOrInside(out, src) ? (out === src ? 'is' : 'lies inside') : isSameOrInside(src, out) ? 'contains' : undefined;
      if (rel) {
        throw new ConfigError(
          `${where(['output'])} output: "${config.output}" ${rel} the ${field} of source "${s.id}" (${where(['sources', i, field])}: ${p}); a run would read its own files or overwrite its inputs; choose a folder of its own, e.g. out/${config.name}`,
        );
      }
    }
  });
}
