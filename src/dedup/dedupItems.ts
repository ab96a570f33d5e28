import type { DedupConfig } from '../config/dedupSchema.js';
import { assignSurvivors } from './assignSurvivors.js';
import { findBandEdges, mergeEdges, type BandEdgeStats, type EdgeList } from './bandEdges.js';
import { allBands } from './lshBands.js';
import { EMPTY_SLOT, isEmptySignature } from './minhash.js';
import type { DedupTable } from './dedupTable.js';
import { buildSignatureIndex, buildStoredSignatureIndex, type SignatureIndex, type SignatureStore } from './signatureIndex.js';
import { firstOccurrence } from './stringTable.js';
import { rankBySurvival, rankByView } from './survivorPolicy.js';

/** What phase 2 knows about a kept document (no text: signatures and hashes were computed in phase 1). */
export interface DedupItem {
  id: string;
  source: string;
  /** Lower = more permissive license. */
  licenseRank: number;
  quality: number;
  length: number;
  exactHash: string;
  /** MinHash signature (num_perm values). Missing or empty (too few words for one n-gram): exact dedup only. */
  signature?: Uint32Array;
}

/**
 * The fate of one document. `cluster` is the id of the cluster's survivor. Survivors have
 * `survivorId` = their own id and similarity 1; their `kind` is 'unique' when nothing was removed
 * in their favour, else 'near' (at least one near copy) or 'exact' (only exact copies).
 * Removed documents: `kind` 'exact' when their normalised text equals the survivor's, else 'near',
 * with the estimated Jaccard similarity to the survivor.
 */
export interface DedupDecision {
  id: string;
  cluster: string;
  survivor: boolean;
  survivorId: string;
  similarity: number;
  kind: 'exact' | 'near' | 'unique';
}

export interface DedupAlarm {
  kind: 'cluster_size' | 'source_loss';
  detail: string;
  cluster?: string;
  source?: string;
  value: number;
  limit: number;
}

export interface DedupResult {
  /** In survivor-policy order (best first, then id): the same for any input order. */
  decisions: DedupDecision[];
  alarms: DedupAlarm[];
  stats: Record<string, number>;
}

/**
 * The input side of phase 2, shared by every scale-out task: items in survivor-policy order,
 * exact-duplicate groups, and the signature index of the documents that take part in near-dedup
 * (one per exact group, with at least one shingle). Deterministic for the same items in any order.
 */
export interface DedupPlan {
  /** Items best first. Positions in this array are the "ranks" used below. */
  ranked: DedupItem[];
  /** Rank of the exact group's representative (the best copy) for each rank; itself when none. */
  exactRep: Int32Array;
  /** Signature-index document number of each rank, or -1 when it takes no part in near-dedup. */
  nearDoc: Int32Array;
  /** Rank of each signature-index document. */
  nearRank: Int32Array;
  index: SignatureIndex;
  /** Documents whose signature was missing or empty (fewer words than ngram). */
  skippedShort: number;
}

export function planDedup(items: readonly DedupItem[], cfg: DedupConfig): DedupPlan {
  const ids = firstOccurrence(items.length, (i) => items[i].id);
  for (let i = 0; i < items.length; i++) {
    if (ids[i] !== i) throw new Error(`duplicate document id "${items[i].id}" in dedup input: ids must be unique`);
  }
  const order = rankBySurvival(items, cfg.survivor);
  const ranked = Array.from(order, (i) => items[i]);
  const N = ranked.length;
  // The first copy in rank order is the best one: it represents its exact group.
  const exactRep = cfg.exact ? firstOccurrence(N, (r) => ranked[r].exactHash) : Int32Array.from({ length: N }, (_, r) => r);
  const nearDoc = new Int32Array(N).fill(-1);
  const sigs: Uint32Array[] = [];
  const ranks: number[] = [];
  let skippedShort = 0;
  if (cfg.near) {
    for (let r = 0; r < N; r++) {
      if (exactRep[r] !== r) continue;
      const s = ranked[r].signature;
      // Slot 0 first: a real signature almost never holds EMPTY_SLOT there, and reading all 112
      // slots of every document in rank order means a cache miss per document.
      if (!s || s.length === 0 || (s[0] === EMPTY_SLOT && isEmptySignature(s))) {
        skippedShort++;
        continue;
      }
      if (s.length !== cfg.num_perm) {
        throw new Error(`document "${ranked[r].id}" has a signature of ${s.length} values but num_perm is ${cfg.num_perm}: recompute signatures (phase 1) with the current dedup config`);
      }
      nearDoc[r] = sigs.length;
      sigs.push(s);
      ranks.push(r);
    }
  }
  // Input order of the near documents: the order their signatures were read into memory.
  const scanOrder = new Int32Array(sigs.length);
  let k = 0;
  const rankOfInput = new Int32Array(N);
  for (let r = 0; r < N; r++) rankOfInput[order[r]] = r;
  for (let i = 0; i < N; i++) {
    const d = nearDoc[rankOfInput[i]];
    if (d >= 0) scanOrder[k++] = d;
  }
  return { ranked, exactRep, nearDoc, nearRank: Int32Array.from(ranks), index: buildSignatureIndex(sigs, cfg.num_perm, scanOrder), skippedShort };
}

/** What the decision step reads about the document at each rank. */
interface RankedView {
  count: number;
  id(r: number): string;
  /** Index into `sourceNames`. */
  sourceIndex(r: number): number;
  sourceNames: readonly string[];
  /** Whether the documents at ranks r and s have the same exact hash. */
  sameText(r: number, s: number): boolean;
}

const KIND_UNIQUE = 0;
const KIND_EXACT = 1;
const KIND_NEAR = 2;
export const DECISION_KINDS = ['unique', 'exact', 'near'] as const;

/**
 * Decisions as columns by rank (no object per document): the survivor's rank, the similarity as
 * written in the decision, and the kind (index into DECISION_KINDS).
 */
export interface DedupOutcome {
  survivorOf: Int32Array;
  similarity: Float64Array;
  kind: Uint8Array;
  alarms: DedupAlarm[];
  stats: Record<string, number>;
}

type PlanCore = Pick<DedupPlan, 'exactRep' | 'nearDoc' | 'nearRank' | 'index' | 'skippedShort'>;

function decideCore(plan: PlanCore, view: RankedView, edges: EdgeList, cfg: DedupConfig, edgeStats?: BandEdgeStats): DedupOutcome {
  const { exactRep, nearDoc, nearRank } = plan;
  const N = view.count;
  const asg = assignSurvivors(plan.index, edges, cfg);
  const finalSurvivor = new Int32Array(N);
  const sim = new Float64Array(N);
  for (let r = 0; r < N; r++) {
    const rep = exactRep[r];
    const k = nearDoc[rep];
    if (k >= 0 && asg.survivorOf[k] !== k) {
      finalSurvivor[r] = nearRank[asg.survivorOf[k]];
      sim[r] = asg.similarity[k];
    } else {
      finalSurvivor[r] = rep;
      sim[r] = 1;
    }
  }
  const clusterSize = new Int32Array(N);
  const kind = new Uint8Array(N);
  for (let r = 0; r < N; r++) {
    const s = finalSurvivor[r];
    clusterSize[s]++;
    if (s !== r) kind[r] = view.sameText(r, s) ? KIND_EXACT : KIND_NEAR;
    if (kind[r] === KIND_NEAR) kind[s] = KIND_NEAR;
  }
  let removedExact = 0;
  let removedNear = 0;
  let clusters = 0;
  let largest = 0;
  const S = view.sourceNames.length;
  const srcDocs = new Float64Array(S);
  const srcRemoved = new Float64Array(S);
  for (let r = 0; r < N; r++) {
    const s = finalSurvivor[r];
    const src = view.sourceIndex(r);
    srcDocs[src]++;
    if (s === r) {
      if (clusterSize[r] > 1) {
        clusters++;
        largest = Math.max(largest, clusterSize[r]);
        if (kind[r] !== KIND_NEAR) kind[r] = KIND_EXACT;
      }
      sim[r] = 1;
    } else {
      srcRemoved[src]++;
      if (kind[r] === KIND_EXACT) {
        removedExact++;
        sim[r] = 1;
      } else {
        removedNear++;
        sim[r] = round4(sim[r]);
      }
    }
  }

  const alarms: DedupAlarm[] = [];
  for (let r = 0; r < N; r++) {
    if (finalSurvivor[r] === r && clusterSize[r] > cfg.max_cluster_size) {
      const id = view.id(r);
      alarms.push({
        kind: 'cluster_size',
        cluster: id,
        value: clusterSize[r],
        limit: cfg.max_cluster_size,
        detail: `cluster of "${id}" holds ${clusterSize[r]} documents (limit ${cfg.max_cluster_size}): check that they are true copies (boilerplate, license texts) before trusting the removal, or raise dedup.max_cluster_size`,
      });
    }
  }
  const bySource = Array.from({ length: S }, (_, k) => k).sort((a, b) => (view.sourceNames[a] < view.sourceNames[b] ? -1 : 1));
  for (const k of bySource) {
    const source = view.sourceNames[k];
    const docs = srcDocs[k];
    const removed = srcRemoved[k];
    const share = docs === 0 ? 0 : removed / docs;
    if (docs >= cfg.min_source_docs && share > cfg.max_source_loss) {
      alarms.push({
        kind: 'source_loss',
        source,
        value: round4(share),
        limit: cfg.max_source_loss,
        detail: `dedup removes ${removed} of ${docs} documents of source "${source}" (${(share * 100).toFixed(1)}%, limit ${(cfg.max_source_loss * 100).toFixed(1)}%): check the clusters of this source, or raise dedup.max_source_loss`,
      });
    }
  }

  const stats: Record<string, number> = {
    docs: N,
    survivors: N - removedExact - removedNear,
    removed_exact: removedExact,
    removed_near: removedNear,
    clusters,
    largest_cluster: largest,
    near_docs: plan.index.count,
    skipped_short: plan.skippedShort,
    edges: edges.length,
    components: asg.components,
    largest_component: asg.largestComponent,
    comparisons: (edgeStats?.comparisons ?? 0) + asg.comparisons,
    rejected_candidates: edgeStats?.rejected ?? 0,
    buckets: edgeStats?.buckets ?? 0,
    unlinked: edgeStats?.unlinked ?? 0,
  };
  return { survivorOf: finalSurvivor, similarity: sim, kind, alarms, stats };
}

/** Turns a plan and its merged, verified edges into decisions, alarms and statistics. */
export function decideDedup(plan: DedupPlan, edges: EdgeList, cfg: DedupConfig, edgeStats?: BandEdgeStats): DedupResult {
  const { ranked } = plan;
  const sourceNames: string[] = [];
  const at = new Map<string, number>();
  const srcOf = new Int32Array(ranked.length);
  for (let r = 0; r < ranked.length; r++) {
    let k = at.get(ranked[r].source);
    if (k === undefined) at.set(ranked[r].source, (k = sourceNames.push(ranked[r].source) - 1));
    srcOf[r] = k;
  }
  const view: RankedView = {
    count: ranked.length,
    id: (r) => ranked[r].id,
    sourceIndex: (r) => srcOf[r],
    sourceNames,
    sameText: (r, s) => ranked[r].exactHash === ranked[s].exactHash,
  };
  const o = decideCore(plan, view, edges, cfg, edgeStats);
  const decisions: DedupDecision[] = new Array(ranked.length);
  for (let r = 0; r < ranked.length; r++) {
    const id = ranked[r].id;
    const s = o.survivorOf[r];
    const sid = ranked[s].id;
    decisions[r] = { id, cluster: sid, survivor: s === r, survivorId: sid, similarity: o.similarity[r], kind: DECISION_KINDS[o.kind[r]] };
  }
  return { decisions, alarms: o.alarms, stats: o.stats };
}

/**
 * The plan of a compact DedupTable (the pipeline's phase 2): like DedupPlan, with the table's
 * row at each rank instead of item objects.
 */
export interface TablePlan extends PlanCore {
  table: DedupTable;
  /** Table row of each rank (best first). */
  order: Int32Array;
}

/**
 * planDedup over a DedupTable whose signatures sit by row in `signatures` (one flat array, or a
 * file): the same ranks, exact groups and near documents as planDedup over the equivalent items.
 */
export function planDedupTable(table: DedupTable, signatures: Pick<SignatureStore, 'memory' | 'file'>, cfg: DedupConfig): TablePlan {
  const dup = table.firstDuplicateId();
  if (dup >= 0) throw new Error(`duplicate document id "${table.id(dup)}" in dedup input: ids must be unique`);
  const N = table.count;
  const order = rankByView(table, cfg.survivor);
  const exactRep = cfg.exact ? table.exactFirstOccurrence(order) : Int32Array.from({ length: N }, (_, r) => r);
  const nearDoc = new Int32Array(N).fill(-1);
  const docOfRow = new Int32Array(N).fill(-1);
  let M = 0;
  let skippedShort = 0;
  if (cfg.near) {
    for (let r = 0; r < N; r++) {
      if (exactRep[r] !== r) continue;
      if (!table.hasSignature[order[r]]) {
        skippedShort++;
        continue;
      }
      nearDoc[r] = M;
      docOfRow[order[r]] = M++;
    }
  }
  const nearRank = new Int32Array(M);
  const rowOf = new Int32Array(M);
  for (let r = 0; r < N; r++) {
    const d = nearDoc[r];
    if (d >= 0) {
      nearRank[d] = r;
      rowOf[d] = order[r];
    }
  }
  const index = buildStoredSignatureIndex({ rowOf, docOfRow, ...signatures }, cfg.num_perm);
  return { table, order, exactRep, nearDoc, nearRank, index, skippedShort };
}

/** decideDedup for a TablePlan, as columns by rank. */
export function decideDedupTable(plan: TablePlan, edges: EdgeList, cfg: DedupConfig, edgeStats?: BandEdgeStats): DedupOutcome {
  const { table, order } = plan;
  const view: RankedView = {
    count: table.count,
    id: (r) => table.id(order[r]),
    sourceIndex: (r) => table.sourceIndex(order[r]),
    sourceNames: table.sourceNames,
    sameText: (r, s) => table.sameExactHash(order[r], order[s]),
  };
  return decideCore(plan, view, edges, cfg, edgeStats);
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/**
 * Phase 2 in one process: exact groups, LSH over all bands with verification, survivors,
 * alarms. Identical output for the same items in any order.
 */
export function dedupItems(items: DedupItem[], cfg: DedupConfig): DedupResult {
  const plan = planDedup(items, cfg);
  const { edges, stats } = findBandEdges(plan.index, cfg, allBands(cfg));
  return decideDedup(plan, mergeEdges([edges]), cfg, stats);
}
