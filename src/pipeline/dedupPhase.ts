import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomicFile.js';
import { readParquet, writeParquet } from '../io/parquetFile.js';
import { bandsForTask, decideDedup, findBandEdges, mergeEdges, planDedup, type DedupAlarm, type DedupItem, type DedupPlan, type EdgeList } from '../dedup/index.js';
import { decodeEdges, encodeEdges, planFingerprint } from '../dedup/edgeFile.js';
import { permissivenessRank } from '../license/licensePolicy.js';
import { ingestFingerprint } from './ingestPhase.js';
import { sha256Hex, type RunContext } from './runContext.js';
import type { PartitionStats } from './partitionStats.js';
import { CLUSTER_COLUMNS } from './schemas.js';
import { stagingParts } from './stagingFiles.js';
import type { TaskSpec } from './taskSpec.js';

export interface DedupSummary {
  /** Staging and dedup settings this summary was computed from. */
  fingerprint: string;
  docs: number;
  removedExact: number;
  removedNear: number;
  clusters: number;
  alarms: DedupAlarm[];
  stats: Record<string, number>;
  /** Removed documents per source, by kind. */
  removedBySource: Record<string, { exact: number; near: number }>;
}

/** Identifies the staging plus the dedup settings: edges and decisions are valid only for the same value. */
function dedupFingerprint(run: RunContext): string {
  return sha256Hex(JSON.stringify({ ingest: ingestFingerprint(run), dedup: run.loaded.config.dedup }));
}

/** Bytes phase 2 needs per document: the signature plus the index and item bookkeeping (measured in bench/dedupBench.ts). */
export function dedupBytesPerDoc(numPerm: number): number {
  return 4 * numPerm + 260;
}

async function loadItems(run: RunContext): Promise<DedupItem[]> {
  const cfg = run.loaded.config.dedup;
  const parts = stagingParts(run);
  // Refuse up front, with the figure, rather than run out of memory half-way.
  let staged = 0;
  for (const p of new Set(parts.map((x) => `${x.source}\0${x.partition}`))) {
    const [source, partition] = p.split('\0') as [string, string];
    staged += (JSON.parse(readFileSync(run.layout.partitionStatsFile(source, partition), 'utf8')) as PartitionStats).staged;
  }
  const needMb = Math.ceil((staged * dedupBytesPerDoc(cfg.num_perm)) / 1e6);
  if (needMb > cfg.max_memory_mb) {
    throw new Error(
      `dedup of ${staged} documents needs about ${needMb} MB (${dedupBytesPerDoc(cfg.num_perm)} bytes each at num_perm ${cfg.num_perm}), over dedup.max_memory_mb = ${cfg.max_memory_mb}: raise the budget on a bigger machine, lower num_perm, or split the corpus into several configs`,
    );
  }
  const items: DedupItem[] = [];
  const rankCache = new Map<string, number>();
  const P = cfg.num_perm;
  for (const part of parts) {
    const rows = await readParquet(part.file, { columns: ['id', 'source', 'license', 'quality', 'chars', 'exact_hash', 'minhash'] });
    // One buffer per staging chunk holds its signatures; items get views (no per-document allocation).
    const sigs = new Uint32Array(rows.length * P);
    const sigBytes = new Uint8Array(sigs.buffer);
    rows.forEach((r, k) => {
      const license = r.license as string;
      let rank = rankCache.get(license);
      if (rank === undefined) rankCache.set(license, (rank = permissivenessRank(run.policy, license)));
      const mh = r.minhash as Uint8Array | null;
      let signature: Uint32Array | undefined;
      if (mh && mh.byteLength === 4 * P) {
        sigBytes.set(mh, k * 4 * P);
        signature = sigs.subarray(k * P, (k + 1) * P);
      } else if (mh && mh.byteLength) {
        signature = new Uint32Array(mh.slice().buffer); // another num_perm: planDedup explains the mismatch
      }
      items.push({
        id: r.id as string,
        source: r.source as string,
        licenseRank: rank,
        quality: r.quality as number,
        length: r.chars as number,
        exactHash: r.exact_hash as string,
        signature,
      });
    });
  }
  return items;
}

interface LoadedDedup {
  items: DedupItem[];
  plan: DedupPlan;
}

async function loadDedup(run: RunContext): Promise<LoadedDedup> {
  const items = await loadItems(run);
  return { items, plan: planDedup(items, run.loaded.config.dedup) };
}

function edgesDir(run: RunContext): string {
  return join(run.layout.outDir, 'dedup', 'edges');
}

function edgesFile(run: RunContext, task: TaskSpec): string {
  return join(edgesDir(run), `task-${String(task.index).padStart(4, '0')}-of-${String(task.count).padStart(4, '0')}.edges`);
}

/**
 * Phase 2, one task: LSH over this task's bands (i, i+n, …) with verification; writes the verified
 * edges. Any number of tasks can run at once; `decideDedupFromEdges` merges them.
 */
export async function runDedupTask(run: RunContext, task: TaskSpec, loaded?: LoadedDedup): Promise<number> {
  const cfg = run.loaded.config.dedup;
  const { plan } = loaded ?? (await loadDedup(run));
  const { edges, stats } = findBandEdges(plan.index, cfg, bandsForTask(task.index, task.count, cfg));
  mkdirSync(edgesDir(run), { recursive: true });
  // Edges of an earlier split into another number of tasks can never be merged with these.
  const suffix = `-of-${String(task.count).padStart(4, '0')}.edges`;
  for (const f of readdirSync(edgesDir(run))) if (!f.endsWith(suffix) && !f.endsWith(`${suffix}.json`)) rmSync(join(edgesDir(run), f), { force: true });
  // Binary edges, stamped with the plan they index into (a stale file is refused when merged).
  writeFileAtomic(edgesFile(run, task), encodeEdges(edges, planFingerprint(plan)));
  writeFileAtomic(`${edgesFile(run, task)}.json`, `${JSON.stringify({ fingerprint: dedupFingerprint(run), stats })}\n`);
  run.log(`dedup task ${task.index}/${task.count}: ${edges.length} verified edges`);
  return edges.length;
}

/** Merges every task's edges into clusters and survivors; writes dedup/clusters.parquet and dedup/dedup.json. */
export async function decideDedupFromEdges(run: RunContext, loaded?: LoadedDedup): Promise<DedupSummary> {
  const cfg = run.loaded.config.dedup;
  const fingerprint = dedupFingerprint(run);
  const files = existsSync(edgesDir(run)) ? readdirSync(edgesDir(run)).filter((f) => f.endsWith('.edges')).sort() : [];
  const counts = new Set(files.map((f) => Number(/-of-(\d+)\.edges$/.exec(f)?.[1])));
  if (counts.size !== 1) throw new Error(`no complete dedup output in ${edgesDir(run)}: run \`curate dedup ${run.loaded.file}\` (every task) first`);
  const count = [...counts][0]!;
  const { items, plan } = loaded ?? (await loadDedup(run));
  const planFp = planFingerprint(plan);
  const lists: EdgeList[] = [];
  const merged: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const f = edgesFile(run, { index: i, count });
    if (!existsSync(f) || !existsSync(`${f}.json`)) throw new Error(`dedup task ${i} of ${count} has not run (no ${f}): run it, then \`curate mix\``);
    const meta = JSON.parse(readFileSync(`${f}.json`, 'utf8')) as { fingerprint: string; stats: Record<string, number> };
    if (meta.fingerprint !== fingerprint) throw new Error(`dedup edges in ${f} were computed for other staging or dedup settings: run \`curate dedup ${run.loaded.file}\` again`);
    lists.push(decodeEdges(readFileSync(f), planFp, f));
    for (const [k, v] of Object.entries(meta.stats)) merged[k] = (merged[k] ?? 0) + v;
  }
  const { decisions, alarms, stats } = decideDedup(plan, mergeEdges(lists), cfg, merged as never);

  const sourceOf = new Map(items.map((i) => [i.id, i.source]));
  const sorted = [...decisions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  writeParquet(
    run.layout.clustersFile,
    CLUSTER_COLUMNS,
    sorted.map((d) => ({ ...d, source: sourceOf.get(d.id)!, survivor_id: d.survivorId })),
    { rowGroupRows: 10000 },
  );
  const removedBySource: DedupSummary['removedBySource'] = {};
  let removedExact = 0;
  let removedNear = 0;
  const clusters = new Set<string>();
  for (const d of sorted) {
    if (d.kind !== 'unique') clusters.add(d.cluster);
    if (d.survivor) continue;
    const e = (removedBySource[sourceOf.get(d.id)!] ??= { exact: 0, near: 0 });
    if (d.kind === 'exact') {
      e.exact++;
      removedExact++;
    } else {
      e.near++;
      removedNear++;
    }
  }
  const summary: DedupSummary = {
    fingerprint,
    docs: items.length,
    removedExact,
    removedNear,
    clusters: clusters.size,
    alarms,
    stats,
    removedBySource: Object.fromEntries(Object.entries(removedBySource).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  writeFileAtomic(run.layout.dedupStatsFile, `${JSON.stringify(summary, null, 2)}\n`);
  for (const a of alarms) run.log(`dedup alarm: ${a.detail}`);
  run.log(`dedup: ${items.length} docs, ${removedExact} exact and ${removedNear} near duplicates removed`);
  return summary;
}

/** Whether dedup/clusters.parquet matches the current staging and dedup settings. */
export function dedupIsCurrent(run: RunContext): boolean {
  if (!existsSync(run.layout.clustersFile) || !existsSync(run.layout.dedupStatsFile)) return false;
  const s = JSON.parse(readFileSync(run.layout.dedupStatsFile, 'utf8')) as DedupSummary;
  return s.fingerprint === dedupFingerprint(run);
}

/** Phase 2 in one process: all bands, then the decision. */
export async function runDedup(run: RunContext): Promise<DedupSummary> {
  rmSync(edgesDir(run), { recursive: true, force: true });
  // One process: staging is read and planned once for both steps.
  const loaded = await loadDedup(run);
  await runDedupTask(run, { index: 0, count: 1 }, loaded);
  return decideDedupFromEdges(run, loaded);
}
