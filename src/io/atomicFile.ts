import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { rethrowIfDiskFull } from './diskFull.js';

/** Temporary name a file is written under before it is committed by rename. */
export function tempPathFor(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/**
 * Commits a fully written temp file: fsync its data, rename over the final name, fsync the folder.
 * A reader (or a resumed run) sees either the old file or the complete new one, never half of it.
 */
export function commitTempFile(tmp: string, path: string): void {
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(dirname(path));
}

/** Writes a whole file atomically (temp file, fsync, rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, data);
    commitTempFile(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    rethrowIfDiskFull(e, path);
  }
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
