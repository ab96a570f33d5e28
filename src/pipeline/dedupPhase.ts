import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../io/atomicFile.js';
import { readParquet, writeParquet, type Row } from '../io/parquetFile.js';
import { bandsForTask, findBandEdges, isEmptySignature, mergeEdges, type DedupAlarm, type EdgeList } from '../dedup/index.js';
import { DECISION_KINDS, decideDedupTable, planDedupTable, type TablePlan } from '../dedup/dedupItems.js';
import { planDedupMemory, inMemoryBytesPerDoc, type DedupMemoryPlan } from '../dedup/dedupMemory.js';
import { DedupTable } from '../dedup/dedupTable.js';
import { decodeEdges, encodeEdges, tablePlanFingerprint } from '../dedup/edgeFile.js';
import { SignatureFile } from '../dedup/signatureFile.js';
import { permissivenessRank } from '../license/licensePolicy.js';
import { ingestFingerprint } from './ingestPhase.js';
import { phaseProgress } from './phaseProgress.js';
import { requireCurrentStaging } from './phaseFingerprints.js';
import { sha256Hex, type RunContext } from './runContext.js';
import type { PartitionStats } from './partitionStats.js';
import { CLUSTER_COLUMNS } from './schemas.js';
import { stagingParts } from './stagingFiles.js';
import { decideCrossFileDuplicates, stagingIdentity, writeCrossFileDuplicates } from './crossFileDuplicates.js';
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
  /** Where the deciding process kept the signatures, and why (estimates in MB). */
  memory?: {
    signatures: 'memory' | 'disk';
    reason: string;
    docs: number;
    in_memory_mb: number;
    out_of_core_mb: number;
    max_memory_mb: number;
    signature_file_mb: number;
    table_mb: number;
  };
}

/**
 * Identifies the staging plus the dedup settings: edges and decisions are valid only for the same
 * value. The memory settings are left out: both paths give the same result.
 */
export function dedupFingerprint(run: RunContext): string {
  const { max_memory_mb: _budget, out_of_core: _where, ...dedup } = run.loaded.config.dedup;
  return sha256Hex(JSON.stringify({ ingest: ingestFingerprint(run), dedup }));
}

/** Bytes phase 2 needs per document with its signatures in memory (measured in bench/dedupBench.ts). */
export function dedupBytesPerDoc(numPerm: number): number {
  return inMemoryBytesPerDoc(numPerm);
}

/** Where a process's scratch signature file goes: per host and process, so concurrent tasks never share one. */
function signatureDir(run: RunContext): string {
  return join(run.layout.outDir, 'dedup', 'tmp');
}

/** Deletes signature files left by killed processes of this host (their pid is gone). */
function removeStaleSignatureFiles(dir: string): void {
  if (!existsSync(dir)) return;
  const mine = new RegExp(`^signatures-${hostname().replace(/[^A-Za-z0-9_.-]/g, '_')}-(\\d+)\\.bin$`);
  for (const f of readdirSync(dir)) {
    const pid = Number(mine.exec(f)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(dir, f), { force: true });
    }
  }
}

/** What one process of phase 2 holds: the compact table, its plan, and where the signatures live. */
interface LoadedDedup {
  table: DedupTable;
  plan: TablePlan;
  memory: DedupMemoryPlan & { tableMb: number; signatureFile?: string };
  /** Deletes the scratch signature file, if any. */
  close(): void;
}

async function loadDedup(run: RunContext): Promise<LoadedDedup> {
  requireCurrentStaging(run, 'dedup', ingestFingerprint(run));
  const cfg = run.loaded.config.dedup;
  const parts = stagingParts(run);
  let staged = 0;
  for (const p of new Set(parts.map((x) => `${x.source}\0${x.partition}`))) {
    const [source, partition] = p.split('\0') as [string, string];
    staged += (JSON.parse(readFileSync(run.layout.partitionStatsFile(source, partition), 'utf8')) as PartitionStats).staged;
  }
  // Decide before loading anything: a refusal comes with the figure, not half-way through.
  const budget = planDedupMemory(staged, cfg);
  const P = cfg.num_perm;
  /** Loads staging into a table (in plan order), leaving out the rows `skip` names (per part index). */
  const load = async (skip?: Map<number, Set<number>>) => {
    const table = new DedupTable(staged);
    let memory: Uint32Array | undefined;
    let file: SignatureFile | undefined;
    // Exact dedup only: no signature is ever read.
    if (!cfg.near) memory = new Uint32Array(0);
    else if (budget.signatures === 'memory') memory = new Uint32Array(staged * P);
    else {
      removeStaleSignatureFiles(signatureDir(run));
      file = new SignatureFile(join(signatureDir(run), `signatures-${hostname().replace(/[^A-Za-z0-9_.-]/g, '_')}-${process.pid}.bin`), P);
    }
    const partStart: number[] = [];
    try {
      const rankCache = new Map<string, number>();
      const sig = new Uint32Array(P);
      const sigBytes = new Uint8Array(sig.buffer);
      const progress = phaseProgress(run, { label: `dedup ${run.loaded.config.name}: load`, total: staged, errorsAre: 'errors' });
      for (let pi = 0; pi < parts.length; pi++) {
        const part = parts[pi]!;
        partStart.push(table.count);
        const rows = await readParquet(part.file, { columns: ['id', 'source', 'license', 'quality', 'chars', 'exact_hash', 'minhash'] });
        progress.tick(rows.length, statSync(part.file).size);
        const skipped = skip?.get(pi);
        for (let ri = 0; ri < rows.length; ri++) {
          if (skipped?.has(ri)) continue;
          const r = rows[ri]!;
          const license = r.license as string;
          let rank = rankCache.get(license);
          if (rank === undefined) rankCache.set(license, (rank = permissivenessRank(run.policy, license)));
          const mh = r.minhash as Uint8Array | null;
          let has = false;
          if (cfg.near && mh && mh.byteLength === 4 * P) {
            sigBytes.set(mh);
            has = !isEmptySignature(sig);
          } else if (cfg.near && mh && mh.byteLength) {
            throw new Error(`document "${r.id as string}" has a signature of ${mh.byteLength / 4} values but num_perm is ${P}: recompute signatures (phase 1) with the current dedup config`);
          }
          const row = table.add(r.id as string, r.source as string, rank, r.quality as number, r.chars as number, r.exact_hash as string, has);
          if (file) file.append(has ? mh! : undefined);
          else if (has) {
            if ((row + 1) * P > memory!.length) {
              // More rows than the partition stats said: grow rather than fail.
              const bigger = new Uint32Array(Math.ceil((row + 1) * 1.25) * P);
              bigger.set(memory!);
              memory = bigger;
            }
            memory!.set(sig, row * P);
          }
        }
      }
      progress.stop();
      file?.flush();
    } catch (e) {
      file?.close();
      throw e;
    }
    return { table, memory, file, partStart };
  };
  let loaded = await load();
  try {
    // One id_field value in two files: the later place is a reject (crossFileDuplicates.ts), decided
    // here in plan order; the table is then loaded again without those rows.
    const staging = stagingIdentity(run, parts);
    const repeats = loaded.table.repeatedIds();
    const duplicates = repeats.length ? await decideCrossFileDuplicates(run, parts, loaded.partStart, repeats) : [];
    writeCrossFileDuplicates(run, staging, duplicates);
    if (duplicates.length) {
      loaded.file?.close();
      const skip = new Map<number, Set<number>>();
      const partIndex = new Map(parts.map((p, i) => [relative(run.layout.outDir, p.file), i]));
      for (const d of duplicates) {
        const i = partIndex.get(d.staging)!;
        (skip.get(i) ?? skip.set(i, new Set()).get(i)!).add(d.row);
      }
      loaded = await load(skip);
    }
    const { table, memory, file } = loaded;
    const plan = planDedupTable(table, memory ? { memory } : { file }, cfg);
    const tableMb = Math.ceil(table.bytesUsed() / 1e3) / 1e3;
    run.log(`${budget.reason}${file ? ` → ${relative(run.layout.outDir, file.path)}` : ''}; table ${tableMb} MB`);
    return { table, plan, memory: { ...budget, tableMb, ...(file ? { signatureFile: relative(run.layout.outDir, file.path) } : {}) }, close: () => file?.close() };
  } catch (e) {
    loaded.file?.close();
    throw e;
  }
}

/** The path summary stored in dedup.json and the task's edge metadata. */
function memorySummary(m: LoadedDedup['memory']): DedupSummary['memory'] {
  return { signatures: m.signatures, reason: m.reason, docs: m.docs, in_memory_mb: m.inMemoryMb, out_of_core_mb: m.outOfCoreMb, max_memory_mb: m.budgetMb, signature_file_mb: m.signatures === 'disk' ? m.signatureFileMb : 0, table_mb: m.tableMb };
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
  if (!loaded) {
    const own = await loadDedup(run);
    try {
      return await runDedupTask(run, task, own);
    } finally {
      own.close();
    }
  }
  const cfg = run.loaded.config.dedup;
  const { plan } = loaded;
  const { edges, stats } = findBandEdges(plan.index, cfg, bandsForTask(task.index, task.count, cfg));
  mkdirSync(edgesDir(run), { recursive: true });
  // Edges of an earlier split into another number of tasks can never be merged with these.
  const suffix = `-of-${String(task.count).padStart(4, '0')}.edges`;
  // Files of this split (also other tasks' temporary files, being written right now) are kept.
  for (const f of readdirSync(edgesDir(run))) if (!f.includes(suffix)) rmSync(join(edgesDir(run), f), { force: true });
  // Binary edges, stamped with the plan they index into (a stale file is refused when merged).
  writeFileAtomic(edgesFile(run, task), encodeEdges(edges, tablePlanFingerprint(plan)));
  writeFileAtomic(`${edgesFile(run, task)}.json`, `${JSON.stringify({ fingerprint: dedupFingerprint(run), stats, memory: memorySummary(loaded.memory) })}\n`);
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
  for (let i = 0; i < count; i++) {
    const f = edgesFile(run, { index: i, count });
    if (!existsSync(f) || !existsSync(`${f}.json`)) throw new Error(`dedup task ${i} of ${count} has not run (no ${f}): run it, then \`curate mix\``);
  }
  if (!loaded) {
    const own = await loadDedup(run);
    try {
      return await decideDedupFromEdges(run, own);
    } finally {
      own.close();
    }
  }
  const { table, plan } = loaded;
  const planFp = tablePlanFingerprint(plan);
  const lists: EdgeList[] = [];
  const merged: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const f = edgesFile(run, { index: i, count });
    const meta = JSON.parse(readFileSync(`${f}.json`, 'utf8')) as { fingerprint: string; stats: Record<string, number> };
    if (meta.fingerprint !== fingerprint) throw new Error(`dedup edges in ${f} were computed for other staging or dedup settings: run \`curate dedup ${run.loaded.file}\` again`);
    lists.push(decodeEdges(readFileSync(f), planFp, f));
    for (const [k, v] of Object.entries(meta.stats)) merged[k] = (merged[k] ?? 0) + v;
  }
  const outcome = decideDedupTable(plan, mergeEdges(lists), cfg, merged as never);
  const { order } = plan;
  const N = table.count;
  const rankOfRow = new Int32Array(N);
  for (let r = 0; r < N; r++) rankOfRow[order[r]] = r;
  // Rows by id; one row object at a time (the writer holds one row group).
  const byId = new Int32Array(N);
  for (let i = 0; i < N; i++) byId[i] = i;
  byId.sort((x, y) => table.compareIds(x, y));
  function* rows(): Generator<Row> {
    for (let k = 0; k < N; k++) {
      const row = byId[k];
      const r = rankOfRow[row];
      const s = outcome.survivorOf[r];
      const sid = table.id(order[s]);
      yield { id: table.id(row), source: table.source(row), cluster: sid, survivor: s === r, survivor_id: sid, similarity: outcome.similarity[r], kind: DECISION_KINDS[outcome.kind[r]] };
    }
  }
  writeParquet(run.layout.clustersFile, CLUSTER_COLUMNS, rows(), { rowGroupRows: 10000 });
  const removedBySource: DedupSummary['removedBySource'] = {};
  for (let r = 0; r < N; r++) {
    if (outcome.survivorOf[r] === r) continue;
    const e = (removedBySource[table.source(order[r])] ??= { exact: 0, near: 0 });
    if (DECISION_KINDS[outcome.kind[r]] === 'exact') e.exact++;
    else e.near++;
  }
  const { alarms, stats } = outcome;
  const summary: DedupSummary = {
    fingerprint,
    docs: N,
    removedExact: stats.removed_exact,
    removedNear: stats.removed_near,
    clusters: stats.clusters,
    alarms,
    stats,
    removedBySource: Object.fromEntries(Object.entries(removedBySource).sort(([a], [b]) => (a < b ? -1 : 1))),
    memory: memorySummary(loaded.memory),
  };
  writeFileAtomic(run.layout.dedupStatsFile, `${JSON.stringify(summary, null, 2)}\n`);
  for (const a of alarms) run.log(`dedup alarm: ${a.detail}`);
  run.log(`dedup: ${N} docs, ${summary.removedExact} exact and ${summary.removedNear} near duplicates removed`);
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
  try {
    await runDedupTask(run, { index: 0, count: 1 }, loaded);
    return await decideDedupFromEdges(run, loaded);
  } finally {
    loaded.close();
  }
}
