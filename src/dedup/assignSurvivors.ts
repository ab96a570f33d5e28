import type { DedupConfig } from '../config/dedupSchema.js';
import type { EdgeList } from './bandEdges.js';
import { agreeingSlots, minAgreeingSlots, type SignatureIndex } from './signatureIndex.js';
import { UnionFind } from './unionFind.js';

export interface SurvivorAssignment {
  /** For each document (rank order): the document it is removed in favour of, or itself when it survives. */
  survivorOf: Int32Array;
  /** Estimated Jaccard similarity to that survivor (1 for survivors). */
  similarity: Float32Array;
  /** Connected components of the verified-edge graph (size > 1), and the largest one. */
  components: number;
  largestComponent: number;
  /** Extra signature comparisons made to attach a document to its neighbour's survivor. */
  comparisons: number;
}

/**
 * Turns verified edges into survivors.
 *
 * verify = 'signature' (default): documents are visited best first; a document is removed when it
 * is verified-similar to a document that survives (an edge to a survivor, or a check against the
 * survivor of a removed neighbour), and is attached to the best such survivor; otherwise it
 * survives. So every removed document is directly similar to its own survivor: a chain A~B~C with
 * A≁C keeps C. Union-find still runs over the edges, for the component statistics.
 *
 * verify = 'none': union-find clusters, the best-ranked member of each survives (the peers'
 * transitive behaviour), for comparison.
 *
 * `edges` must be sorted by `from` (mergeEdges does it).
 */
export function assignSurvivors(index: SignatureIndex, edges: EdgeList, cfg: Pick<DedupConfig, 'threshold' | 'verify'>): SurvivorAssignment {
  const M = index.count;
  const P = index.numPerm;
  for (let e = 1; e < edges.length; e++) {
    if (edges.from[e] < edges.from[e - 1]) throw new Error('assignSurvivors: edges must be sorted by `from`; pass them through mergeEdges first');
  }
  const uf = new UnionFind(M);
  for (let e = 0; e < edges.length; e++) uf.union(edges.from[e], edges.to[e]);
  const size = new Int32Array(M);
  let components = 0;
  let largestComponent = 0;
  for (let d = 0; d < M; d++) {
    const r = uf.find(d);
    if (++size[r] === 2) components++;
    if (size[r] > largestComponent && size[r] > 1) largestComponent = size[r];
  }
  const survivorOf = new Int32Array(M);
  const similarity = new Float32Array(M).fill(1);
  let comparisons = 0;

  if (cfg.verify === 'none') {
    for (let d = 0; d < M; d++) {
      const r = uf.find(d);
      survivorOf[d] = r;
      if (r !== d) {
        comparisons++;
        similarity[d] = agreeingSlots(index, d, r) / P;
      }
    }
    return { survivorOf, similarity, components, largestComponent, comparisons };
  }

  const minEq = minAgreeingSlots(cfg.threshold, P);
  let e = 0;
  for (let d = 0; d < M; d++) {
    while (e < edges.length && edges.from[e] < d) e++;
    let best = -1;
    let bestSim = 0;
    const first = e;
    // Direct edges to survivors first (already verified) ...
    for (let k = first; k < edges.length && edges.from[k] === d; k++) {
      const t = edges.to[k];
      if (survivorOf[t] === t && (best === -1 || t < best)) {
        best = t;
        bestSim = edges.sim[k];
      }
    }
    // ... then the survivors of removed neighbours, checked only when they would rank better.
    for (let k = first; k < edges.length && edges.from[k] === d; k++) {
      const s = survivorOf[edges.to[k]];
      if (s === edges.to[k] || (best !== -1 && s >= best)) continue;
      comparisons++;
      const eq = agreeingSlots(index, d, s);
      if (eq >= minEq) {
        best = s;
        bestSim = eq / P;
      }
    }
    if (best === -1) survivorOf[d] = d;
    else {
      survivorOf[d] = best;
      similarity[d] = bestSim;
    }
  }
  return { survivorOf, similarity, components, largestComponent, comparisons };
}
