import type { SignatureFile } from './signatureFile.js';

/**
 * The signatures phase 2 works on. Document numbers are positions in survivor-policy order
 * (0 = best copy), which makes every later step independent of input order. The signatures are
 * referenced, not copied: the index itself costs 8 bytes per document (one slot of the array);
 * the signatures cost 4·numPerm bytes each (448 B at 112 permutations) wherever they live —
 * ideally as views into one large buffer, as a Parquet/staging reader yields them.
 */
export interface SignatureIndex {
  /** One array per document; empty when `store` holds the signatures. */
  sigs: readonly Uint32Array[];
  numPerm: number;
  count: number;
  /**
   * Document numbers in the order their signatures sit in memory (the caller's input order).
   * Band keys are computed in this order: reading 10^6 signatures in rank order instead
   * (random addresses over 448 MB) measured 10× slower.
   */
  scanOrder?: Int32Array;
  /** Signatures in one flat array or in a file, by row (phase 2 of the pipeline); `sigs` is then empty. */
  store?: SignatureStore;
}

/**
 * Signatures stored by row (staging order), for documents 0..count-1 of the index: document d is
 * row `rowOf[d]`; `docOfRow[row]` is the document of a row, or -1 when the row takes no part.
 * `memory`: rows × numPerm values in one array; `file`: the same layout on disk.
 */
export interface SignatureStore {
  rowOf: Int32Array;
  docOfRow: Int32Array;
  memory?: Uint32Array;
  file?: SignatureFile;
}

export function buildStoredSignatureIndex(store: SignatureStore, numPerm: number): SignatureIndex {
  if (!store.memory === !store.file) throw new Error('a signature store holds its signatures either in memory or in a file');
  return { sigs: [], numPerm, count: store.rowOf.length, store };
}

/**
 * Calls fn(d, data, offset) for every document of the index, in storage order (sequential reads:
 * reading 10^6 signatures in rank order instead, at random addresses, measured 10× slower).
 */
export function forEachSignature(index: SignatureIndex, fn: (d: number, data: Uint32Array, offset: number) => void): void {
  const st = index.store;
  if (!st) {
    const scan = index.scanOrder;
    for (let k = 0; k < index.count; k++) {
      const d = scan ? scan[k] : k;
      fn(d, index.sigs[d], 0);
    }
  } else if (st.memory) {
    const P = index.numPerm;
    const mem = st.memory;
    for (let row = 0; row < st.docOfRow.length; row++) {
      const d = st.docOfRow[row];
      if (d >= 0) fn(d, mem, row * P);
    }
  } else {
    st.file!.scan((row, data, offset) => {
      const d = st.docOfRow[row];
      if (d >= 0) fn(d, data, offset);
    });
  }
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
  const P = index.numPerm;
  const st = index.store;
  let eq = 0;
  if (!st) {
    const a = index.sigs[x];
    const b = index.sigs[y];
    for (let i = 0; i < P; i++) if (a[i] === b[i]) eq++;
  } else if (st.memory) {
    const m = st.memory;
    const a = st.rowOf[x] * P;
    const b = st.rowOf[y] * P;
    for (let i = 0; i < P; i++) if (m[a + i] === m[b + i]) eq++;
  } else {
    const a = st.file!.read(st.rowOf[x], 0);
    const b = st.file!.read(st.rowOf[y], 1);
    for (let i = 0; i < P; i++) if (a[i] === b[i]) eq++;
  }
  return eq;
}

/** Smallest number of agreeing slots that reaches `threshold` (avoids float comparisons per pair). */
export function minAgreeingSlots(threshold: number, numPerm: number): number {
  return Math.max(1, Math.ceil(threshold * numPerm - 1e-9));
}
