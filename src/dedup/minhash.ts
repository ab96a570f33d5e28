import type { DedupConfig } from '../config/dedupSchema.js';
import { permutations } from './permutations.js';
import { minhashKernel, type MinhashKernel } from './minhashKernel.js';
import { shingleCount, shingleHashAt, wordHashesShared } from './shingles.js';

/**
 * Value of every slot of the signature of a text with no shingle (fewer words than `ngram`).
 * Such documents skip near-dedup (exact dedup still applies): see isEmptySignature.
 */
export const EMPTY_SLOT = 0x7fffffff;

let shingleBuf = new Int32Array(1 << 14);

/**
 * MinHash signature of a text: for each of `num_perm` seeded permutations, the minimum permuted
 * shingle hash (ordered as signed int32, stored as its uint32 bit pattern). Sync, pure and
 * deterministic: the same text and config give the same signature on any machine.
 */
export function minhashSignature(text: string, cfg: Pick<DedupConfig, 'ngram' | 'num_perm' | 'seed'>): Uint32Array {
  const { words, count } = wordHashesShared(text);
  const ns = shingleCount(count, cfg.ngram);
  const k = minhashKernel();
  if (k) {
    // Shingles are written straight into the kernel's memory, after the parameters and output.
    const padded = (cfg.num_perm + 7) & ~7;
    const shStart = padded * 3;
    const needBytes = (shStart + ns) * 4;
    if (needBytes > k.memory.buffer.byteLength) k.memory.grow(Math.ceil((needBytes - k.memory.buffer.byteLength) / 65536));
    const mem = new Int32Array(k.memory.buffer);
    for (let j = 0; j < ns; j++) mem[shStart + j] = shingleHashAt(words, j, cfg.ngram);
    return signatureWasm(k, mem, ns, cfg);
  }
  if (ns > shingleBuf.length) shingleBuf = new Int32Array(Math.max(ns, shingleBuf.length * 2));
  const sh = shingleBuf;
  for (let j = 0; j < ns; j++) sh[j] = shingleHashAt(words, j, cfg.ngram);
  return signatureJs(sh, ns, cfg);
}

function signatureWasm(k: MinhashKernel, mem: Int32Array, ns: number, cfg: Pick<DedupConfig, 'num_perm' | 'seed'>): Uint32Array {
  const P = cfg.num_perm;
  const padded = (P + 7) & ~7;
  const { a, b } = permutations(cfg);
  mem.set(a, 0);
  mem.set(b, padded);
  // Padding lanes compute throw-away minima; give them valid parameters.
  for (let i = P; i < padded; i++) {
    mem[i] = 1;
    mem[padded + i] = 0;
  }
  k.sig(padded * 12, ns, 0, padded * 4, padded * 8, padded * 4);
  return new Uint32Array(mem.slice(padded * 2, padded * 2 + P).buffer);
}

/** Signature of the first `count` shingle hashes (repeats are harmless); the plain-JS reference path. */
export function signatureJs(shingles: Int32Array, count: number, cfg: Pick<DedupConfig, 'num_perm' | 'seed'>): Uint32Array {
  const { a, b } = permutations(cfg);
  const P = cfg.num_perm;
  const sig = new Int32Array(P);
  // Permutation-outer: a_i, b_i and the running minimum stay in registers while shingles stream.
  for (let i = 0; i < P; i++) {
    const ai = a[i];
    const bi = b[i];
    let m = EMPTY_SLOT;
    for (let j = 0; j < count; j++) {
      const v = (Math.imul(ai, shingles[j]) + bi) | 0;
      if (v < m) m = v;
    }
    sig[i] = m;
  }
  return new Uint32Array(sig.buffer);
}

/** Signature of a list of shingle hashes, through the fastest available path. */
export function signatureOfShingles(shingles: Int32Array | Uint32Array, cfg: Pick<DedupConfig, 'num_perm' | 'seed'>): Uint32Array {
  const sh = shingles instanceof Int32Array ? shingles : new Int32Array(shingles.buffer, shingles.byteOffset, shingles.length);
  const k = minhashKernel();
  if (!k) return signatureJs(sh, sh.length, cfg);
  const padded = (cfg.num_perm + 7) & ~7;
  const needBytes = (padded * 3 + sh.length) * 4;
  if (needBytes > k.memory.buffer.byteLength) k.memory.grow(Math.ceil((needBytes - k.memory.buffer.byteLength) / 65536));
  const mem = new Int32Array(k.memory.buffer);
  mem.set(sh, padded * 3);
  return signatureWasm(k, mem, sh.length, cfg);
}

/** True when the text had no shingle: such a signature must not take part in near-dedup. */
export function isEmptySignature(sig: Uint32Array): boolean {
  for (let i = 0; i < sig.length; i++) if (sig[i] !== EMPTY_SLOT) return false;
  return true;
}

/** Estimated Jaccard similarity: the share of slots on which two signatures agree. */
export function estimateJaccard(x: Uint32Array, y: Uint32Array): number {
  if (x.length !== y.length) throw new Error(`signatures have different lengths (${x.length} vs ${y.length}): they come from different num_perm settings`);
  let eq = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) eq++;
  return eq / x.length;
}
