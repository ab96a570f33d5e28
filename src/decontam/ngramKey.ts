import type { WordScan } from './wordScan.js';
import { fmix32 } from '../dedup/fmix32.js';

/**
 * 64-bit keys of word n-grams, as two 32-bit lanes. Each lane is a polynomial hash over the
 * words' lane hashes (mod 2^32), computed from prefix sums so every window of every length costs
 * two multiplications per lane: the document scan is one pass, whatever the n-gram size.
 * Two lanes over independent word hashes make accidental collisions ~2^-64 per pair.
 */

const BASE_A = 0x6b43a9b5;
const BASE_B = 0x5bd1e995;

/** BASE^len for each lane (mod 2^32). */
export function basePowers(len: number): { pa: number; pb: number } {
  let pa = 1;
  let pb = 1;
  for (let i = 0; i < len; i++) {
    pa = Math.imul(pa, BASE_A);
    pb = Math.imul(pb, BASE_B);
  }
  return { pa, pb };
}

export interface Prefixes {
  a: Int32Array;
  b: Int32Array;
}

let pre: Prefixes = { a: new Int32Array(1 << 12), b: new Int32Array(1 << 12) };

/** Prefix hashes of the scanned words (per-thread buffers, valid until the next call). */
export function prefixHashes(w: WordScan): Prefixes {
  if (w.count + 1 > pre.a.length) {
    let n = pre.a.length;
    while (n < w.count + 1) n *= 2;
    pre = { a: new Int32Array(n), b: new Int32Array(n) };
  }
  const { a, b } = pre;
  let ha = 0;
  let hb = 0;
  a[0] = 0;
  b[0] = 0;
  for (let i = 0; i < w.count; i++) {
    ha = (Math.imul(ha, BASE_A) + w.a[i]!) | 0;
    hb = (Math.imul(hb, BASE_B) + w.b[i]!) | 0;
    a[i + 1] = ha;
    b[i + 1] = hb;
  }
  return pre;
}

/**
 * Lane A of the key of words [i, i+len), from prefixes and BASE_A^len. Not finalised: its low bits
 * pick the table slot and are already uniform (each word hash is), which saves a finaliser per
 * window in the scan; lane B, compared only on an occupied slot, is finalised.
 */
export function keyA(p: Prefixes, i: number, len: number, pa: number): number {
  return (p.a[i + len]! - Math.imul(p.a[i]!, pa) + Math.imul(len, 0x9e3779b9)) | 0;
}

/** Lane B of the key of words [i, i+len), from prefixes and BASE_B^len. */
export function keyB(p: Prefixes, i: number, len: number, pb: number): number {
  return fmix32(((p.b[i + len]! - Math.imul(p.b[i]!, pb)) ^ Math.imul(len, 0x27d4eb2f)) | 0);
}
