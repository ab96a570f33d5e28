import type { DedupConfig } from '../config/dedupSchema.js';
import { bandKeyAt } from './lshBands.js';
import { agreeingSlots, forEachSignature, minAgreeingSlots, type SignatureIndex } from './signatureIndex.js';

/**
 * Verified links between documents: `from` is similar to `to` (to < from, i.e. `to` ranks better)
 * with estimated Jaccard `sim[k]`. What a phase-2 task writes for its bands; mergeEdges joins them.
 */
export interface EdgeList {
  from: Int32Array;
  to: Int32Array;
  sim: Float32Array;
  length: number;
}

export interface BandEdgeStats {
  bands: number;
  /** Buckets holding more than one document. */
  buckets: number;
  /** Signature comparisons made (candidate pairs verified). */
  comparisons: number;
  /** Comparisons below the threshold (pairs LSH proposed that are not duplicates). */
  rejected: number;
  /** Members of crowded buckets compared with MAX_LEADERS leaders without a match and left unlinked in that band. */
  unlinked: number;
}

/**
 * A bucket keeps at most this many "leaders" (members that matched no earlier leader). A member is
 * compared with the leaders only, never with every other member: buckets of thousands of copies
 * cost one comparison per copy instead of n²/2 pairs, and a bucket crowded by unrelated documents
 * costs at most MAX_LEADERS comparisons per member.
 */
export const MAX_LEADERS = 16;

class EdgeBuffer {
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  sim = new Float32Array(1024);
  length = 0;

  push(f: number, t: number, s: number): void {
    if (this.length === this.from.length) {
      const n = this.length * 2;
      const from = new Int32Array(n);
      const to = new Int32Array(n);
      const sim = new Float32Array(n);
      from.set(this.from);
      to.set(this.to);
      sim.set(this.sim);
      this.from = from;
      this.to = to;
      this.sim = sim;
    }
    this.from[this.length] = f;
    this.to[this.length] = t;
    this.sim[this.length] = s;
    this.length++;
  }

  done(): EdgeList {
    return { from: this.from.slice(0, this.length), to: this.to.slice(0, this.length), sim: this.sim.slice(0, this.length), length: this.length };
  }
}

/**
 * LSH over the given bands, one band at a time: bucket keys of all documents go into one
 * BigUint64Array (key bits above, document number below) that is sorted natively, so a bucket
 * is a run of equal keys with its members in rank order. Memory: 8 bytes per document per band
 * in flight plus the edges, independent of bucket sizes.
 *
 * verify = 'signature': each member is compared with the bucket's leaders and linked to those it
 * matches (estimated Jaccard ≥ threshold). verify = 'none': each member is linked to the previous
 * member of its bucket without a check (datatrove's neighbour linking), for comparison.
 */
export function findBandEdges(index: SignatureIndex, cfg: Pick<DedupConfig, 'rows' | 'threshold' | 'verify' | 'bands'>, bands: readonly number[]): { edges: EdgeList; stats: BandEdgeStats } {
  const M = index.count;
  const P = index.numPerm;
  if (cfg.bands * cfg.rows > P) throw new Error(`bands × rows = ${cfg.bands * cfg.rows} exceeds the signature length ${P}`);
  const stats: BandEdgeStats = { bands: bands.length, buckets: 0, comparisons: 0, rejected: 0, unlinked: 0 };
  const out = new EdgeBuffer();
  if (M < 2) return { edges: out.done(), stats };
  const idxBits = Math.max(1, Math.ceil(Math.log2(M)));
  if (idxBits > 31) throw new Error(`${M} documents exceed one phase-2 process (2^31); split the corpus by exact-hash range first`);
  const mask = idxBits === 31 ? 0x7fffffff : (1 << idxBits) - 1;
  const keys = new BigUint64Array(M);
  const words = new Uint32Array(keys.buffer);
  const hk = new Uint32Array(2);
  const minEq = minAgreeingSlots(cfg.threshold, P);
  const verify = cfg.verify !== 'none';
  // The leader a member was last linked to: the same pair meets again in other bands, and
  // copies of one text usually share one leader everywhere, so this skips repeated checks.
  const lastLinked = new Int32Array(M).fill(-1);
  const leaders = new Int32Array(MAX_LEADERS);

  for (const band of bands) {
    if (band < 0 || band >= cfg.bands) throw new Error(`band ${band} is outside 0..${cfg.bands - 1}`);
    // Keys are unique (d in the low bits), so the sorted array does not depend on the fill order.
    let k = 0;
    forEachSignature(index, (d, data, offset) => {
      bandKeyAt(data, offset, band, cfg.rows, hk);
      words[2 * k + 1] = hk[0];
      words[2 * k] = ((hk[1] << idxBits) | d) >>> 0;
      k++;
    });
    if (k !== M) throw new Error(`signature store lists ${k} documents, the index ${M}`);
    keys.sort();
    let i = 0;
    while (i < M) {
      const hi = words[2 * i + 1];
      const lo = words[2 * i] >>> idxBits;
      let j = i + 1;
      while (j < M && words[2 * j + 1] === hi && words[2 * j] >>> idxBits === lo) j++;
      if (j - i > 1) {
        stats.buckets++;
        if (!verify) {
          for (let k = i + 1; k < j; k++) {
            const d = words[2 * k] & mask;
            const prev = words[2 * k - 2] & mask;
            out.push(d, prev, agreeingSlots(index, d, prev) / P);
          }
        } else {
          let nl = 0;
          for (let k = i; k < j; k++) {
            const d = words[2 * k] & mask;
            let linked = false;
            for (let l = 0; l < nl; l++) {
              const L = leaders[l];
              if (lastLinked[d] === L) {
                linked = true;
                continue;
              }
              stats.comparisons++;
              const eq = agreeingSlots(index, d, L);
              if (eq >= minEq) {
                out.push(d, L, eq / P);
                lastLinked[d] = L;
                linked = true;
              } else stats.rejected++;
            }
            if (!linked) {
              if (nl < MAX_LEADERS) leaders[nl++] = d;
              else stats.unlinked++;
            }
          }
        }
      }
      i = j;
    }
  }
  return { edges: out.done(), stats };
}

/** Joins the edge lists of several tasks (or bands) into one, sorted by (from, to), without repeats. */
export function mergeEdges(lists: readonly EdgeList[]): EdgeList {
  let maxFrom = -1;
  for (const l of lists) for (let e = 0; e < l.length; e++) if (l.from[e] > maxFrom) maxFrom = l.from[e];
  // Counting sort by `from` (linear, no comparator), then a short insertion sort by `to` per group.
  const start = new Int32Array(maxFrom + 2);
  for (const l of lists) for (let e = 0; e < l.length; e++) start[l.from[e] + 1]++;
  for (let d = 0; d <= maxFrom; d++) start[d + 1] += start[d];
  const total = start[maxFrom + 1];
  const to = new Int32Array(total);
  const sim = new Float32Array(total);
  const fill = start.slice(0, maxFrom + 1);
  for (const l of lists) {
    for (let e = 0; e < l.length; e++) {
      const at = fill[l.from[e]]++;
      to[at] = l.to[e];
      sim[at] = l.sim[e];
    }
  }
  const out = new EdgeBuffer();
  for (let d = 0; d <= maxFrom; d++) {
    const a = start[d];
    const b = start[d + 1];
    for (let x = a + 1; x < b; x++) {
      const t = to[x];
      const s = sim[x];
      let y = x - 1;
      while (y >= a && to[y] > t) {
        to[y + 1] = to[y];
        sim[y + 1] = sim[y];
        y--;
      }
      to[y + 1] = t;
      sim[y + 1] = s;
    }
    for (let x = a; x < b; x++) if (x === a || to[x] !== to[x - 1]) out.push(d, to[x], sim[x]);
  }
  return out.done();
}
