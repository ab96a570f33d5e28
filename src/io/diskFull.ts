/** A write failed because the disk (or the quota) is full. */
export class DiskFullError extends Error {
  readonly code = 'ENOSPC';
  constructor(readonly path: string, cause: unknown) {
    super(`no space left on the device while writing ${path} (${(cause as NodeJS.ErrnoException).code}): free some space and run the same command again; it resumes from its last checkpoint (no partial file was kept)`);
    this.name = 'DiskFullError';
  }
}

/** Rethrows ENOSPC/EDQUOT as a DiskFullError naming the file; other errors as they are. */
export function rethrowIfDiskFull(e: unknown, path: string): never {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (!(e instanceof DiskFullError) && (code === 'ENOSPC' || code === 'EDQUOT')) throw new DiskFullError(path, e);
  throw e;
}
