import { existsSync, readFileSync } from 'node:fs';
import type { PartitionStats } from './partitionStats.js';
import { readParquet, type Row } from '../io/parquetFile.js';
import { readIngestPlan } from './ingestPhase.js';
import type { RunContext } from './runContext.js';

export interface StagingPart {
  source: string;
  partition: string;
  chunk: number;
  file: string;
}

/**
 * The staging files of a finished phase 1, in plan order. Fails with an instruction when a
 * partition is missing (phase 1 not finished, or a task of it did not run).
 */
export function stagingParts(run: RunContext): StagingPart[] {
  if (!existsSync(run.layout.ingestPlanFile)) {
    throw new Error(`no ingest output in ${run.layout.outDir}: run \`curate ingest ${run.loaded.file}\` (or \`curate run\`) first`);
  }
  const plan = readIngestPlan(run);
  const parts: StagingPart[] = [];
  const missing: string[] = [];
  for (const s of plan.sources) {
    for (const p of s.partitions) {
      const statsFile = run.layout.partitionStatsFile(s.id, p);
      if (!existsSync(statsFile)) {
        missing.push(`${s.id}/${p}`);
        continue;
      }
      const { chunks = 1 } = JSON.parse(readFileSync(statsFile, 'utf8')) as PartitionStats;
      for (let c = 0; c < chunks; c++) parts.push({ source: s.id, partition: p, chunk: c, file: run.layout.stagingFile(s.id, p, c) });
    }
  }
  if (missing.length) {
    throw new Error(`phase 1 is incomplete: ${missing.length} partition(s) not done (e.g. ${missing[0]}); run every ingest task first`);
  }
  return parts;
}

/** Reads some columns of every staging file, in plan order. */
export async function readStagingColumns(run: RunContext, columns: string[]): Promise<Row[]> {
  const out: Row[] = [];
  for (const p of stagingParts(run)) {
    const rows = await readParquet(p.file, { columns });
    for (const r of rows) out.push(r);
  }
  return out;
}
