import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The version of a files source as the source states it, for the shards' `source_version` when the
 * config gives none: a git commit (`.git/HEAD`, refs resolved through loose refs and packed-refs,
 * worktrees' `gitdir:` files followed), else the `version` of package.json, pyproject.toml
 * (`[project]` or `[tool.poetry]`) or Cargo.toml (`[package]`). Read from the files only: no
 * clock, no network, no git binary. Every read is capped.
 */
export interface StatedVersion {
  version: string;
  /** Where it was read, relative to the folder looked in: ".git/HEAD", "package.json", … */
  from: string;
}

/** Manifests larger than this are not version files (a generated lock file, a data dump). */
const MANIFEST_MAX = 1 << 20;
/** packed-refs of a large repository stays well under this. */
const PACKED_REFS_MAX = 64 << 20;
const HEX_COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** The version stated in one folder (not its parents), or undefined. */
export function statedVersion(dir: string): StatedVersion | undefined {
  const commit = gitCommit(dir);
  if (commit) return { version: commit, from: '.git/HEAD' };
  const pkg = readCapped(join(dir, 'package.json'), MANIFEST_MAX);
  if (pkg !== undefined) {
    try {
      const v = (JSON.parse(pkg) as { version?: unknown }).version;
      if (typeof v === 'string' && v.trim()) return { version: v.trim(), from: 'package.json' };
    } catch {
      // not JSON: not a version file
    }
  }
  const py = readCapped(join(dir, 'pyproject.toml'), MANIFEST_MAX);
  if (py !== undefined) {
    const v = tomlSectionString(py, 'project', 'version') ?? tomlSectionString(py, 'tool.poetry', 'version');
    if (v) return { version: v, from: 'pyproject.toml' };
  }
  const cargo = readCapped(join(dir, 'Cargo.toml'), MANIFEST_MAX);
  if (cargo !== undefined) {
    const v = tomlSectionString(cargo, 'package', 'version');
    if (v) return { version: v, from: 'Cargo.toml' };
  }
  return undefined;
}

/**
 * Version of a file of a source: the nearest folder that states one, from the file's folder up to
 * the source root (a bundled package's own package.json before the bundle's commit). `cache` maps
 * a folder to its answer so a partition reads each folder once.
 */
export function versionOfFile(root: string, rel: string, cache: Map<string, StatedVersion | null>): StatedVersion | undefined {
  const parts = rel.split('/').slice(0, -1);
  for (let n = parts.length; n >= 0; n--) {
    const dir = n === 0 ? root : join(root, ...parts.slice(0, n));
    let v = cache.get(dir);
    if (v === undefined) cache.set(dir, (v = statedVersion(dir) ?? null));
    if (v) return v;
  }
  return undefined;
}

/** The commit checked out in `dir` (its `.git` folder or `gitdir:` file), or undefined. */
export function gitCommit(dir: string): string | undefined {
  const dotGit = join(dir, '.git');
  let gitDir: string;
  try {
    const st = statSync(dotGit);
    if (st.isDirectory()) gitDir = dotGit;
    else if (st.isFile()) {
      // A worktree or submodule: ".git" is a file "gitdir: <path>".
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(readCapped(dotGit, 4096) ?? '');
      if (!m) return undefined;
      gitDir = isAbsolute(m[1]!) ? m[1]! : resolve(dir, m[1]!);
    } else return undefined;
  } catch {
    return undefined;
  }
  // A worktree's refs live in the main repository ("commondir").
  const common = readCapped(join(gitDir, 'commondir'), 4096)?.trim();
  const commonDir = common ? (isAbsolute(common) ? common : resolve(gitDir, common)) : gitDir;
  let head = readCapped(join(gitDir, 'HEAD'), 4096)?.trim();
  for (let hops = 0; head !== undefined && hops < 5; hops++) {
    if (HEX_COMMIT.test(head)) return head; // detached HEAD
    const ref = /^ref:\s*(refs\/\S+)$/.exec(head)?.[1];
    if (!ref || ref.includes('..')) return undefined;
    head = readCapped(join(gitDir, ref), 4096)?.trim() ?? readCapped(join(commonDir, ref), 4096)?.trim() ?? packedRef(commonDir, ref);
  }
  return undefined;
}

function packedRef(gitDir: string, ref: string): string | undefined {
  const packed = readCapped(join(gitDir, 'packed-refs'), PACKED_REFS_MAX);
  if (packed === undefined) return undefined;
  for (const line of packed.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0 && line.slice(sp + 1).trim() === ref && HEX_COMMIT.test(line.slice(0, sp))) return line.slice(0, sp);
  }
  return undefined;
}

/** `key = "value"` in `[section]` of a TOML file (the subset version fields use). */
function tomlSectionString(text: string, section: string, key: string): string | undefined {
  let inSection = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const head = /^\[([^\]]+)\]\s*(?:#.*)?$/.exec(line);
    if (head) {
      inSection = head[1]!.trim() === section;
      continue;
    }
    if (!inSection) continue;
    const m = new RegExp(`^${key}\\s*=\\s*(?:"([^"\\\\]*)"|'([^']*)')\\s*(?:#.*)?$`).exec(line);
    if (m) return (m[1] ?? m[2])!.trim() || undefined;
  }
  return undefined;
}

/** A small file's text, undefined when absent, not a file or larger than `max` bytes. */
function readCapped(path: string, max: number): string | undefined {
  let fd: number | undefined;
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > max) return undefined;
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(st.size);
    const n = readSync(fd, buf, 0, st.size, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
