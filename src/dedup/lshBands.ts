import type { DedupConfig } from '../config/dedupSchema.js';

/** Probability that LSH proposes a pair of Jaccard similarity s: 1 − (1 − s^r)^b. */
export function detectionProbability(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}

/**
 * The bands a scale-out task handles: task i of n takes bands i, i+n, i+2n, ... Each task writes
 * its verified edges (findBandEdges); mergeEdges + decideDedup turn all of them into decisions.
 */
export function bandsForTask(task: number, tasks: number, cfg: Pick<DedupConfig, 'bands'>): number[] {
  if (!Number.isInteger(tasks) || tasks < 1) throw new Error(`expected a task count ≥ 1, got ${tasks}`);
  if (!Number.isInteger(task) || task < 0 || task >= tasks) throw new Error(`expected a task index in 0..${tasks - 1}, got ${task}`);
  const out: number[] = [];
  for (let b = task; b < cfg.bands; b += tasks) out.push(b);
  return out;
}

/** All bands, for a single-process run. */
export function allBands(cfg: Pick<DedupConfig, 'bands'>): number[] {
  return bandsForTask(0, 1, cfg);
}

/**
 * Two independent 32-bit hashes of the `rows` values of band `band` of a signature; together they make a 64-bit bucket key (32 bits alone would put
 * ~100 unrelated pairs per band in the same bucket at a million documents).
 */
export function bandKey(sig: Uint32Array, band: number, rows: number, out: Uint32Array): void {
  bandKeyAt(sig, 0, band, rows, out);
}

/** bandKey of the signature stored at data[offset .. offset + num_perm). */
export function bandKeyAt(data: Uint32Array, offset: number, band: number, rows: number, out: Uint32Array): void {
  const sig = data;
  const base = offset + band * rows;
  let h1 = 0x12345678 ^ band;
  let h2 = 0x9abcdef0 ^ Math.imul(band, 0x27d4eb2d);
  for (let k = 0; k < rows; k++) {
    const v = sig[base + k];
    h1 = Math.imul(h1 ^ v, 0x01000193);
    h1 = (h1 << 15) | (h1 >>> 17);
    h2 = Math.imul(h2 + v, 0x85ebca6b);
    h2 ^= h2 >>> 13;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x7feb352d);
  h1 ^= h1 >>> 15;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x846ca68b);
  h2 ^= h2 >>> 16;
  out[0] = h1 >>> 0;
  out[1] = h2 >>> 0;
}
