import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { glob } from 'tinyglobby';

/** Folders whose content is someone else's code or a build output: never walked into. */
export const VENDORED_DIRS = [
  'node_modules', 'bower_components', 'jspm_packages', 'vendor', 'third_party', 'third-party', 'thirdparty', 'external',
  '.git', '.hg', '.svn', 'dist', 'build', '__pycache__', '.venv', 'venv', 'site-packages', '.tox', '.mypy_cache', '.next', '.nuxt',
];

/** Repository license files, recognised at the source root only. */
const LICENSE_FILE = /^(licen[cs]e|copying|unlicense|copyright)([.\-_][\w.\-]*)?$/i;

export function isLicenseFileName(name: string): boolean {
  return LICENSE_FILE.test(name);
}

export interface WalkOptions {
  include?: string[];
  exclude?: string[];
  skipVendored: boolean;
  dot: boolean;
}

export interface WalkResult {
  /** True when the source path is a single file (then `files` holds its base name). */
  single: boolean;
  /** Root the relative paths are relative to. */
  root: string;
  /** Document candidates, relative posix paths, sorted by code unit (locale-independent). */
  files: string[];
  /** License files found at the root (relative names, sorted); not part of `files`. */
  licenseFiles: string[];
}

/**
 * Lists the files of a source path deterministically. A path that vanished is a source-level
 * problem and throws (the config loader checked it existed).
 */
export async function walkSourcePath(absPath: string, opts: WalkOptions): Promise<WalkResult> {
  let st;
  try {
    st = statSync(absPath);
  } catch {
    throw new Error(`source path not found: ${absPath}; check the source's path in the config`);
  }
  if (st.isFile()) {
    const name = basename(absPath);
    return { single: true, root: absPath.slice(0, absPath.length - name.length), files: [name], licenseFiles: [] };
  }
  const ignore = [...(opts.exclude ?? [])];
  if (opts.skipVendored) for (const d of VENDORED_DIRS) ignore.push(`**/${d}/**`);
  const found = await glob(opts.include && opts.include.length > 0 ? opts.include : ['**/*'], {
    cwd: absPath,
    ignore,
    dot: opts.dot,
    onlyFiles: true,
    followSymbolicLinks: false,
    expandDirectories: false,
  });
  const all = found.map((p) => p.replace(/\\/g, '/')).sort(byCodeUnit);
  const files: string[] = [];
  const licenseFiles: string[] = [];
  for (const f of all) (!f.includes('/') && isLicenseFileName(f) ? licenseFiles : files).push(f);
  return { single: false, root: absPath, files, licenseFiles };
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
