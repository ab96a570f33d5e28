import { basename } from 'node:path';
import { parquetInfo, readParquet, type Row } from '../io/parquetFile.js';
import { sampleHash } from '../mix/sampleHash.js';
import { SHARD_COLUMNS } from '../pipeline/schemas.js';
import { RunOutputError, shardFiles } from './shardFiles.js';
import { SmallestK } from './smallestK.js';

export type { Row };

export interface SampleOptions {
  /** How many documents to return (at most). */
  n: number;
  seed: number;
  domain?: string;
  source?: string;
  /** Keep rows whose quality is at least this. */
  minQuality?: number;
  /** Keep rows whose learned quality model score (quality_model) is at least this. */
  minModelScore?: number;
  /** Include the `signals` column (parsed into an object); off by default, it is large. */
  signals?: boolean;
}

/** The columns read to filter and rank, before any text is decoded. */
const RANK_COLUMNS = ['id', 'epoch', 'domain', 'source', 'quality'];

interface Pick {
  hash: number;
  id: string;
  file: number;
  row: number;
}

const byHashThenId = (a: Pick, b: Pick) => a.hash - b.hash || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A seeded random sample of documents from a run's shards: every row that passes the filters is
 * ranked by `sampleHash(seed, id)` and the n lowest are returned, in that order. The rank of a row
 * depends only on the seed and its id, so the sample is the same whatever the number, names or
 * order of the shard files. Upsampled repeats (epoch > 0) are skipped: each document shows once.
 *
 * Two passes keep memory small: the first reads only the ranking columns and keeps n candidates,
 * the second decodes only the row groups that hold a picked row.
 */
export async function sampleShards(outDir: string, opts: SampleOptions): Promise<Row[]> {
  const [rows] = await sampleGroups(shardFiles(outDir), opts, () => '');
  return rows ?? [];
}

/**
 * The same sample drawn separately for each domain (n per domain, domains in name order), in one
 * pass over the shards: what the report's sample browser shows. Each domain's rows equal
 * `sampleShards(outDir, { ...opts, domain })`.
 */
export async function sampleShardsPerDomain(outDir: string, opts: Omit<SampleOptions, 'domain'>): Promise<Row[]> {
  return (await sampleGroups(shardFiles(outDir), opts, (r) => r.domain as string)).flat();
}

/** Ranks the filtered rows of every group by hash(seed, id), keeps n per group, then reads their full rows. */
async function sampleGroups(files: string[], opts: SampleOptions, groupOf: (r: Row) => string): Promise<Row[][]> {
  const groups = new Map<string, SmallestK<Pick>>();
  for (let f = 0; f < files.length; f++) {
    if (opts.minModelScore !== undefined && !(await parquetInfo(files[f]!)).columns.includes('quality_model')) {
      throw new RunOutputError(`${files[f]}: no quality_model column; the run had no quality.model (see docs/labelling.md)`);
    }
    const rows = await readParquet(files[f]!, { columns: opts.minModelScore !== undefined ? [...RANK_COLUMNS, 'quality_model'] : RANK_COLUMNS });
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (r.epoch !== 0) continue;
      if (opts.domain !== undefined && r.domain !== opts.domain) continue;
      if (opts.source !== undefined && r.source !== opts.source) continue;
      if (opts.minQuality !== undefined && !((r.quality as number) >= opts.minQuality)) continue;
      if (opts.minModelScore !== undefined && !((r.quality_model as number) >= opts.minModelScore)) continue;
      const g = groupOf(r);
      let best = groups.get(g);
      if (!best) groups.set(g, (best = new SmallestK<Pick>(opts.n, byHashThenId)));
      const id = r.id as string;
      best.add({ hash: sampleHash(opts.seed, id), id, file: f, row: i });
    }
  }
  const picksByGroup = [...groups.keys()].sort().map((g) => groups.get(g)!.sorted());
  const picks = picksByGroup.flat();
  const columns = SHARD_COLUMNS.map((c) => c.name).filter((c) => opts.signals || c !== 'signals');
  const rowsOf = new Map<Pick, Row>();
  for (let f = 0; f < files.length; f++) {
    const mine = picks.filter((p) => p.file === f);
    if (mine.length === 0) continue;
    const info = await parquetInfo(files[f]!);
    const { rowGroups } = info;
    let start = 0;
    for (const size of rowGroups) {
      const end = start + size;
      const inGroup = mine.filter((p) => p.row >= start && p.row < end);
      if (inGroup.length > 0) {
        const rows = await readParquet(files[f]!, { columns: columns.filter((c) => info.columns.includes(c)), rowStart: start, rowEnd: end });
        for (const p of inGroup) rowsOf.set(p, rows[p.row - start]!);
      }
      start = end;
    }
  }
  return picksByGroup.map((group) =>
    group.map((p) => {
      const r: Row = { ...rowsOf.get(p)!, shard: basename(files[p.file]!) };
      if (opts.signals && typeof r.signals === 'string') r.signals = JSON.parse(r.signals) as unknown;
      return r;
    }),
  );
}
