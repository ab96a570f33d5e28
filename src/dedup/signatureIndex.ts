/**
 * The signatures phase 2 works on. Document numbers are positions in survivor-policy order
 * (0 = best copy), which makes every later step independent of input order. The signatures are
 * referenced, not copied: the index itself costs 8 bytes per document (one slot of the array);
 * the signatures cost 4·numPerm bytes each (448 B at 112 permutations) wherever they live —
 * ideally as views into one large buffer, as a Parquet/staging reader yields them.
 */
export interface SignatureIndex {
  sigs: readonly Uint32Array[];
  numPerm: number;
  count: number;
  /**
   * Document numbers in the order their signatures sit in memory (the caller's input order).
   * Band keys are computed in this order: reading 10^6 signatures in rank order instead
   * (random addresses over 448 MB) measured 10× slower.
   */
  scanOrder?: Int32Array;
}

export function buildSignatureIndex(signatures: readonly Uint32Array[], numPerm: number, scanOrder?: Int32Array): SignatureIndex {
  signatures.forEach((s, k) => {
    if (s.length !== numPerm) throw new Error(`signature ${k} has ${s.length} values, expected num_perm = ${numPerm}: recompute signatures with the current dedup config`);
  });
  if (scanOrder && scanOrder.length !== signatures.length) throw new Error('scanOrder must list every document once');
  return { sigs: signatures, numPerm, count: signatures.length, scanOrder };
}

/** Number of slots on which documents x and y agree (estimated Jaccard = result / numPerm). */
export function agreeingSlots(index: SignatureIndex, x: number, y: number): number {
  const a = index.sigs[x];
  const b = index.sigs[y];
  const P = index.numPerm;
  let eq = 0;
  for (let i = 0; i < P; i++) if (a[i] === b[i]) eq++;
  return eq;
}

/** Smallest number of agreeing slots that reaches `threshold` (avoids float comparisons per pair). */
export function minAgreeingSlots(threshold: number, numPerm: number): number {
  return Math.max(1, Math.ceil(threshold * numPerm - 1e-9));
}
