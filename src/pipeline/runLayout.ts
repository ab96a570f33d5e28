import { join } from 'node:path';

/**
 * Where a run's files live. Every phase reads and writes only through these paths, so resume,
 * scale-out tasks and `verify` agree on the layout (docs/architecture.md).
 */
const chunkName = (c: number) => `chunk-${String(c).padStart(5, '0')}`;

export class RunLayout {
  constructor(readonly outDir: string, readonly name: string) {}

  /** Staging of one checkpoint chunk of a partition (chunk = every N records of the partition). */
  stagingFile(source: string, part: string, chunk: number): string {
    return join(this.outDir, 'staging', source, part, `${chunkName(chunk)}.parquet`);
  }
  rejectsFile(source: string, part: string, chunk: number): string {
    return join(this.outDir, 'rejects', source, `${part}-${chunkName(chunk)}.parquet`);
  }
  /** Written last for a chunk: its presence marks the chunk done (a checkpoint inside a large input). */
  chunkStatsFile(source: string, part: string, chunk: number): string {
    return join(this.outDir, 'staging', source, part, `${chunkName(chunk)}.stats.json`);
  }
  /** Written last for a partition: its presence marks the partition done. */
  partitionStatsFile(source: string, part: string): string {
    return join(this.outDir, 'staging', source, `${part}.stats.json`);
  }
  get stagingDir(): string {
    return join(this.outDir, 'staging');
  }
  get rejectsDir(): string {
    return join(this.outDir, 'rejects');
  }
  get ingestPlanFile(): string {
    return join(this.outDir, 'staging', '_plan.json');
  }
  get clustersFile(): string {
    return join(this.outDir, 'dedup', 'clusters.parquet');
  }
  get dedupStatsFile(): string {
    return join(this.outDir, 'dedup', 'dedup.json');
  }
  get shardsDir(): string {
    return join(this.outDir, 'shards');
  }
  shardFile(index: number): string {
    return join(this.shardsDir, `${this.name}-${String(index).padStart(5, '0')}.parquet`);
  }
  get mixPlanFile(): string {
    return join(this.outDir, 'mix', 'plan.json');
  }
  get manifestFile(): string {
    return join(this.outDir, 'manifest.json');
  }
  get manifestMarkdownFile(): string {
    return join(this.outDir, 'MANIFEST.md');
  }
  get attributionFile(): string {
    return join(this.outDir, 'ATTRIBUTION.md');
  }
  get statsFile(): string {
    return join(this.outDir, 'stats.json');
  }
  get reportFile(): string {
    return join(this.outDir, 'report.html');
  }
}
