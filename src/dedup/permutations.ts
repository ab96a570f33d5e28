import { createHash } from 'node:crypto';
import type { DedupConfig } from '../config/dedupSchema.js';
import { NORMALIZATION_VERSION } from './signatureVersion.js';

/**
 * The seeded hash family of the MinHash: h_i(x) = a_i·x + b_i mod 2^32 with odd a_i (a bijection
 * of 32-bit values, computed with Math.imul so it stays in int32 arithmetic), ordered as signed
 * int32. Shingle hashes are already well mixed, so a multiply-add per permutation is enough;
 * test/dedup/minhash.test.ts checks the estimator and the band detection curve empirically.
 */
export interface Permutations {
  a: Int32Array;
  b: Int32Array;
}

/** splitmix32: a small, well-distributed PRNG so the parameters depend only on the seed. */
function splitmix32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) | 0;
  };
}

const cache = new Map<string, Permutations>();

export function permutations(cfg: Pick<DedupConfig, 'num_perm' | 'seed'>): Permutations {
  const key = `${cfg.num_perm}:${cfg.seed}`;
  let p = cache.get(key);
  if (!p) {
    const next = splitmix32(cfg.seed ^ 0x5eed1e55);
    const a = new Int32Array(cfg.num_perm);
    const b = new Int32Array(cfg.num_perm);
    for (let i = 0; i < cfg.num_perm; i++) {
      a[i] = next() | 1;
      b[i] = next();
    }
    p = { a, b };
    cache.set(key, p);
  }
  return p;
}

/**
 * Checksum of everything that makes two signatures comparable: normalisation and hashing
 * version, n-gram size, number of permutations and their parameters. Store it with the
 * signatures; signatures with different checksums must never be compared.
 */
export function permutationChecksum(cfg: Pick<DedupConfig, 'num_perm' | 'seed' | 'ngram'>): string {
  const { a, b } = permutations(cfg);
  return createHash('sha256')
    .update(`curate-minhash|${NORMALIZATION_VERSION}|ngram=${cfg.ngram}|num_perm=${cfg.num_perm}|`)
    .update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
    .update(new Uint8Array(b.buffer, b.byteOffset, b.byteLength))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Throws unless signatures stored with `stored` (from permutationChecksum at signature time) can
 * be compared under `cfg`. Call it before phase 2 reads staging written by an earlier run.
 */
export function assertComparableSignatures(stored: string, cfg: Pick<DedupConfig, 'num_perm' | 'seed' | 'ngram'>, where = 'staging'): void {
  const now = permutationChecksum(cfg);
  if (stored !== now) {
    throw new Error(
      `${where}: MinHash signatures were computed with permutation checksum ${stored}, the current dedup config gives ${now} ` +
        '(ngram, num_perm, seed or the hashing version changed): re-run ingest (phase 1) or restore the dedup settings of that run',
    );
  }
}
