import type { DedupConfig } from '../config/dedupSchema.js';
import { assignSurvivors } from './assignSurvivors.js';
import { findBandEdges, mergeEdges, type BandEdgeStats, type EdgeList } from './bandEdges.js';
import { allBands } from './lshBands.js';
import { EMPTY_SLOT, isEmptySignature } from './minhash.js';
import { buildSignatureIndex, type SignatureIndex } from './signatureIndex.js';
import { firstOccurrence } from './stringTable.js';
import { rankBySurvival } from './survivorPolicy.js';

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

/** Turns a plan and its merged, verified edges into decisions, alarms and statistics. */
export function decideDedup(plan: DedupPlan, edges: EdgeList, cfg: DedupConfig, edgeStats?: BandEdgeStats): DedupResult {
  const { ranked, exactRep, nearDoc, nearRank } = plan;
  const N = ranked.length;
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
  const hasNear = new Uint8Array(N);
  for (let r = 0; r < N; r++) {
    const s = finalSurvivor[r];
    clusterSize[s]++;
    if (s !== r && ranked[r].exactHash !== ranked[s].exactHash) hasNear[s] = 1;
  }
  const decisions: DedupDecision[] = [];
  let removedExact = 0;
  let removedNear = 0;
  let clusters = 0;
  let largest = 0;
  const perSource = new Map<string, { docs: number; removed: number }>();
  for (let r = 0; r < N; r++) {
    const it = ranked[r];
    const s = finalSurvivor[r];
    const src = perSource.get(it.source) ?? { docs: 0, removed: 0 };
    perSource.set(it.source, src);
    src.docs++;
    if (s === r) {
      if (clusterSize[r] > 1) {
        clusters++;
        largest = Math.max(largest, clusterSize[r]);
      }
      const kind = clusterSize[r] === 1 ? 'unique' : hasNear[r] ? 'near' : 'exact';
      decisions.push({ id: it.id, cluster: it.id, survivor: true, survivorId: it.id, similarity: 1, kind });
    } else {
      src.removed++;
      const exact = it.exactHash === ranked[s].exactHash;
      if (exact) removedExact++;
      else removedNear++;
      decisions.push({ id: it.id, cluster: ranked[s].id, survivor: false, survivorId: ranked[s].id, similarity: exact ? 1 : round4(sim[r]), kind: exact ? 'exact' : 'near' });
    }
  }

  const alarms: DedupAlarm[] = [];
  for (let r = 0; r < N; r++) {
    if (finalSurvivor[r] === r && clusterSize[r] > cfg.max_cluster_size) {
      alarms.push({
        kind: 'cluster_size',
        cluster: ranked[r].id,
        value: clusterSize[r],
        limit: cfg.max_cluster_size,
        detail: `cluster of "${ranked[r].id}" holds ${clusterSize[r]} documents (limit ${cfg.max_cluster_size}): check that they are true copies (boilerplate, license texts) before trusting the removal, or raise dedup.max_cluster_size`,
      });
    }
  }
  for (const [source, c] of [...perSource].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const share = c.docs === 0 ? 0 : c.removed / c.docs;
    if (c.docs >= cfg.min_source_docs && share > cfg.max_source_loss) {
      alarms.push({
        kind: 'source_loss',
        source,
        value: round4(share),
        limit: cfg.max_source_loss,
        detail: `dedup removes ${c.removed} of ${c.docs} documents of source "${source}" (${(share * 100).toFixed(1)}%, limit ${(cfg.max_source_loss * 100).toFixed(1)}%): check the clusters of this source, or raise dedup.max_source_loss`,
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
  return { decisions, alarms, stats };
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
