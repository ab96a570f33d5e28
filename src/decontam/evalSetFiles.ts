import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { ConfigError } from '../config/configError.js';
import type { DecontamConfig, EvalSetConfig } from '../config/decontamSchema.js';

/** The files of one evaluation set, sorted (absolute paths). A path or glob that matches nothing is an error. */
export function evalSetFiles(set: Pick<EvalSetConfig, 'id' | 'path'>, baseDir: string): string[] {
  const abs = isAbsolute(set.path) ? set.path : resolve(baseDir, set.path);
  if (isDynamicPattern(set.path)) {
    const files = globSync([set.path], { cwd: baseDir, absolute: true, onlyFiles: true, expandDirectories: false }).sort();
    if (files.length === 0) throw new ConfigError(`decontaminate: set "${set.id}": no file matches ${set.path}; check the set's path`);
    return files;
  }
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new ConfigError(`decontaminate: set "${set.id}": file not found: ${set.path}; check the set's path`);
  }
  if (!st.isFile()) throw new ConfigError(`decontaminate: set "${set.id}": ${set.path} is not a file; give a file or a glob such as ${set.path}/*.jsonl`);
  return [abs];
}

/** sha256 of a file, read in 1 MB pieces (sets may be large). */
function fileSha256(path: string): string {
  const h = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

export interface EvalSetDigest {
  id: string;
  /** Files relative to the base directory, with their sha256. */
  files: { file: string; sha256: string }[];
  /** sha256 over the files' names and hashes: changes whenever any item could have changed. */
  sha256: string;
}

/** sha256 of every set's files: what the index, and so phase 1, depends on. */
export function evalSetDigests(cfg: DecontamConfig, baseDir: string): EvalSetDigest[] {
  return cfg.sets.map((set) => {
    const files = evalSetFiles(set, baseDir).map((f) => ({ file: relative(baseDir, f) || f, sha256: fileSha256(f) }));
    return { id: set.id, files, sha256: createHash('sha256').update(JSON.stringify(files)).digest('hex') };
  });
}

/** One fingerprint of the whole decontamination setup: options and every set's content. */
export function decontamFingerprint(cfg: DecontamConfig, digests: EvalSetDigest[]): string {
  const { sets, ...options } = cfg;
  return createHash('sha256').update(JSON.stringify({ options, sets: sets.map((s, i) => ({ ...s, path: undefined, sha256: digests[i]!.sha256 })) })).digest('hex');
}
