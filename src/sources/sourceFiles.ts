import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { byCodeUnit } from './fileWalk.js';

export interface SourceFileList {
  /** Folder the relative names are relative to. */
  root: string;
  /** Relative posix paths, sorted: they are the partition ids. */
  files: string[];
}

/**
 * The input files of a dump or crawl source: `path` is a file, a folder (searched for the given
 * suffixes) or a glob (relative to baseDir). Sorted, so partitions are stable.
 */
export async function listSourceFiles(path: string, baseDir: string, suffixes: readonly string[]): Promise<SourceFileList> {
  const abs = isAbsolute(path) ? path : resolve(baseDir, path);
  if (isDynamicPattern(path)) {
    const root = staticBase(abs);
    const pattern = abs.slice(root.length + 1);
    const files = (await glob([pattern], { cwd: root, onlyFiles: true, expandDirectories: false })).map(posix).sort(byCodeUnit);
    return { root, files };
  }
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new Error(`source path not found: ${abs}; check the source's path in the config`);
  }
  if (st.isFile()) return { root: dirname(abs), files: [basename(abs)] };
  const patterns = suffixes.map((s) => `**/*${s}`);
  const files = (await glob(patterns, { cwd: abs, onlyFiles: true, expandDirectories: false })).map(posix).sort(byCodeUnit);
  return { root: abs, files };
}

/** Resolves a partition id back to a file under the root, refusing ids that escape it. */
export function partitionFile(root: string, id: string): string {
  if (id.split('/').includes('..') || isAbsolute(id)) throw new Error(`partition "${id}" is not a path under ${root}`);
  return join(root, id);
}

function staticBase(absPattern: string): string {
  const parts = absPattern.split(/[\\/]/);
  const out: string[] = [];
  for (const p of parts) {
    if (isDynamicPattern(p)) break;
    out.push(p);
  }
  return out.join('/') || '/';
}

function posix(p: string): string {
  return p.replace(/\\/g, '/');
}
