/**
 * The signatures phase 2 works on, in one flat typed array: document k's signature is
 * sigs[k·numPerm .. (k+1)·numPerm). Document numbers are positions in survivor-policy order
 * (0 = best copy), which makes every later step independent of input order.
 * Memory: 4·numPerm bytes per document (448 B at 112 permutations), nothing per object.
 */
export interface SignatureIndex {
  sigs: Uint32Array;
  numPerm: number;
  count: number;
}

export function buildSignatureIndex(signatures: readonly Uint32Array[], numPerm: number): SignatureIndex {
  const sigs = new Uint32Array(signatures.length * numPerm);
  signatures.forEach((s, k) => {
    if (s.length !== numPerm) throw new Error(`signature ${k} has ${s.length} values, expected num_perm = ${numPerm}: recompute signatures with the current dedup config`);
    sigs.set(s, k * numPerm);
  });
  return { sigs, numPerm, count: signatures.length };
}

/** Number of slots on which documents x and y agree (estimated Jaccard = result / numPerm). */
export function agreeingSlots(index: SignatureIndex, x: number, y: number): number {
  const { sigs, numPerm } = index;
  const bx = x * numPerm;
  const by = y * numPerm;
  let eq = 0;
  for (let i = 0; i < numPerm; i++) if (sigs[bx + i] === sigs[by + i]) eq++;
  return eq;
}

/** Smallest number of agreeing slots that reaches `threshold` (avoids float comparisons per pair). */
export function minAgreeingSlots(threshold: number, numPerm: number): number {
  return Math.max(1, Math.ceil(threshold * numPerm - 1e-9));
}
