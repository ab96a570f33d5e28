import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The final shards of a run output folder, sorted by name. Throws a message that says what to do
 * when the folder is not a finished run (the CLI prints it as one line).
 */
export function shardFiles(outDir: string): string[] {
  const files = listShardFiles(outDir);
  if (files.length === 0) throw new RunOutputError(`${outDir}: no shards/*.parquet; run \`curate run <config>\` (or \`curate mix <config>\`) first`);
  return files;
}

/** Like shardFiles, but a run whose mix selected nothing (no shard files) gives an empty list. */
export function listShardFiles(outDir: string): string[] {
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) {
    throw new RunOutputError(`${outDir}: no such run output folder; pass the "output" folder of a config after \`curate run <config>\``);
  }
  const dir = join(outDir, 'shards');
  // The manifest says which files are the run's shards; anything else in shards/ is not ours to read.
  const listed = manifestShards(outDir);
  const files = listed ?? (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.parquet')) : []);
  return files.sort().map((f) => join(dir, f));
}

/** Shard file names (inside shards/) the manifest lists, or undefined without a readable manifest. */
function manifestShards(outDir: string): string[] | undefined {
  try {
    const m = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { shards?: { file?: unknown }[] };
    if (!Array.isArray(m.shards)) return undefined;
    return m.shards.map((s) => s.file).filter((f): f is string => typeof f === 'string' && /^shards\/[^/\\]+\.parquet$/.test(f)).map((f) => f.slice('shards/'.length));
  } catch {
    return undefined;
  }
}

/** The folder given is not (yet) a finished run output. */
export class RunOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunOutputError';
  }
}
