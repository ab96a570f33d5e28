import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parquetInfo, readParquet, type Row } from '../io/parquetFile.js';
import { sampleHash } from '../mix/sampleHash.js';
import { REJECT_COLUMNS } from '../pipeline/schemas.js';
import { SmallestK } from './smallestK.js';

export interface RejectSampleOptions {
  n: number;
  seed: number;
  source?: string;
  /** A reason code or a glob over it (`*` = any characters), e.g. `quality.gopher.*`. */
  reason?: string;
}

/** Every rejects Parquet file of a run output folder, sorted (rejects/<source>/<part>-chunk-N.parquet). */
export function rejectFiles(outDir: string): string[] {
  const root = join(outDir, 'rejects');
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.parquet')) out.push(join(dir, e.name));
    }
  };
  walk(root);
  return out;
}

/** `quality.gopher.*` → a RegExp matching whole reason codes. */
export function reasonMatcher(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

interface Pick {
  hash: number;
  id: string;
  file: number;
  row: number;
}

/**
 * A seeded sample of rejected records (same ranking as `sampleShards`: hash(seed, id), so the
 * same seed gives the same sample), each with its reason, detail and `text_head`. Two passes: the
 * filter columns first, then only the row groups that hold a pick.
 */
export async function sampleRejects(outDir: string, opts: RejectSampleOptions): Promise<Row[]> {
  const match = opts.reason === undefined ? undefined : reasonMatcher(opts.reason);
  const groups = await sampleRejectGroups(outDir, opts.n, opts.seed, (r) => (opts.source !== undefined && r.source !== opts.source) || (match && !match.test(String(r.reason))) ? undefined : '');
  return groups.get('') ?? [];
}

/** Ranks the rejects of each group (undefined = filtered out) by hash(seed, id), keeps n per group, then reads their rows. */
async function sampleRejectGroups(outDir: string, n: number, seed: number, groupOf: (r: Row) => string | undefined): Promise<Map<string, Row[]>> {
  const files = rejectFiles(outDir);
  const byHash = (a: Pick, b: Pick) => a.hash - b.hash || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const groups = new Map<string, SmallestK<Pick>>();
  for (let f = 0; f < files.length; f++) {
    const rows = await readParquet(files[f]!, { columns: ['id', 'source', 'reason'] });
    rows.forEach((r, i) => {
      const g = groupOf(r);
      if (g === undefined) return;
      let best = groups.get(g);
      if (!best) groups.set(g, (best = new SmallestK<Pick>(n, byHash)));
      const id = String(r.id);
      best.add({ hash: sampleHash(seed, id), id, file: f, row: i });
    });
  }
  const picksByGroup = new Map([...groups.keys()].sort().map((g) => [g, groups.get(g)!.sorted()] as const));
  const picks = [...picksByGroup.values()].flat();
  const columns = REJECT_COLUMNS.map((c) => c.name);
  const rowOf = new Map<Pick, Row>();
  for (let f = 0; f < files.length; f++) {
    const mine = picks.filter((p) => p.file === f);
    if (mine.length === 0) continue;
    const { rowGroups } = await parquetInfo(files[f]!);
    let start = 0;
    for (const size of rowGroups) {
      const inGroup = mine.filter((p) => p.row >= start && p.row < start + size);
      if (inGroup.length > 0) {
        const have = await readParquet(files[f]!, { columns: columns.filter((c) => c !== 'text_head'), rowStart: start, rowEnd: start + size });
        // Runs made before text_head existed have no such column.
        let heads: Row[] | undefined;
        try {
          heads = await readParquet(files[f]!, { columns: ['text_head'], rowStart: start, rowEnd: start + size });
        } catch {
          heads = undefined;
        }
        for (const p of inGroup) rowOf.set(p, { ...have[p.row - start]!, text_head: heads?.[p.row - start]?.text_head ?? '' });
      }
      start += size;
    }
  }
  return new Map([...picksByGroup].map(([g, ps]) => [g, ps.map((p) => ({ ...rowOf.get(p)!, file: relative(outDir, files[p.file]!) }))]));
}

/** Reason codes present in a run's rejects with their counts (for "no reject matches" hints). */
export async function rejectReasons(outDir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const f of rejectFiles(outDir)) for (const r of await readParquet(f, { columns: ['reason'] })) out.set(String(r.reason), (out.get(String(r.reason)) ?? 0) + 1);
  return out;
}

/** Up to `perReason` seeded examples of each reason code, reasons in name order (the report's examples per reason). */
export async function rejectExamplesPerReason(outDir: string, perReason: number, seed: number): Promise<Map<string, Row[]>> {
  return sampleRejectGroups(outDir, perReason, seed, (r) => String(r.reason));
}
