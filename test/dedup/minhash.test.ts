import { describe, expect, it } from 'vitest';
import { dedupSchema } from '../../src/config/dedupSchema.js';
import { findBandEdges } from '../../src/dedup/bandEdges.js';
import { detectionProbability } from '../../src/dedup/lshBands.js';
import { EMPTY_SLOT, estimateJaccard, isEmptySignature, minhashSignature, signatureJs, signatureOfShingles } from '../../src/dedup/minhash.js';
import { permutationChecksum } from '../../src/dedup/permutations.js';
import { shingleHashes } from '../../src/dedup/shingles.js';
import { buildSignatureIndex } from '../../src/dedup/signatureIndex.js';
import { randomSet, randomWords, rng } from './synthetic.js';

const cfg = dedupSchema.parse({});

/** Two sets of exact Jaccard similarity s over a union of `n` values. */
function pairWithJaccard(s: number, n: number, rand: () => number): [Int32Array, Int32Array] {
  const all = randomSet(n, rand);
  const shared = Math.round(s * n);
  const rest = n - shared;
  const onlyA = Math.floor(rest / 2);
  const a = Int32Array.from([...all.subarray(0, shared), ...all.subarray(shared, shared + onlyA)]);
  const b = Int32Array.from([...all.subarray(0, shared), ...all.subarray(shared + onlyA)]);
  return [a, b];
}

describe('minhashSignature', () => {
  it('is deterministic, num_perm long, and equal for texts equal after normalisation', () => {
    const text = randomWords(300, rng(1)).join(' ');
    const a = minhashSignature(text, cfg);
    expect(a).toHaveLength(112);
    expect(Array.from(minhashSignature(text, cfg))).toEqual(Array.from(a));
    expect(Array.from(minhashSignature(text.toUpperCase().replace(/ /g, ' ,  '), cfg))).toEqual(Array.from(a));
  });

  it('gives the same values through the WebAssembly kernel and the plain-JS loop', () => {
    const rand = rng(2);
    for (const n of [1, 7, 500, 20_000]) {
      for (const numPerm of [112, 13, 256]) {
        const c = { ...cfg, num_perm: numPerm };
        const sh = randomSet(n, rand);
        expect(Array.from(signatureOfShingles(sh, c))).toEqual(Array.from(signatureJs(sh, sh.length, c)));
      }
    }
    const text = randomWords(2000, rand).join(' ');
    const sh = new Int32Array(shingleHashes(text, 5).buffer);
    expect(Array.from(minhashSignature(text, cfg))).toEqual(Array.from(signatureJs(sh, sh.length, cfg)));
  });

  it('marks texts shorter than one n-gram with an empty signature', () => {
    const s = minhashSignature('only four words here', cfg);
    expect(s).toHaveLength(112);
    expect(isEmptySignature(s)).toBe(true);
    expect(s[0]).toBe(EMPTY_SLOT);
    expect(isEmptySignature(minhashSignature('now there are five words', cfg))).toBe(false);
  });

  it('estimates Jaccard similarity without bias (mean over many pairs within 0.01)', () => {
    const rand = rng(3);
    for (const s of [0.3, 0.6, 0.8, 0.95]) {
      let sum = 0;
      const trials = 150;
      for (let t = 0; t < trials; t++) {
        const [a, b] = pairWithJaccard(s, 400, rand);
        sum += estimateJaccard(signatureOfShingles(a, cfg), signatureOfShingles(b, cfg));
      }
      // Standard error of the mean: sqrt(s(1−s)/112/150) ≤ 0.004.
      expect(Math.abs(sum / trials - s)).toBeLessThan(0.013);
    }
  });
});

describe('LSH detection rate', () => {
  it('follows 1 − (1 − s^r)^b on synthetic pairs of controlled similarity (14 bands × 8 rows)', () => {
    const rand = rng(4);
    const trials = 300;
    const levels = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9];
    const sigs: Uint32Array[] = [];
    for (const s of levels) {
      for (let t = 0; t < trials; t++) {
        const [a, b] = pairWithJaccard(s, 300, rand);
        sigs.push(signatureOfShingles(a, cfg), signatureOfShingles(b, cfg));
      }
    }
    const index = buildSignatureIndex(sigs, cfg.num_perm);
    // verify: 'none' links bucket neighbours without a check: exactly "shares a band".
    const { edges } = findBandEdges(index, { ...cfg, verify: 'none' }, Array.from({ length: cfg.bands }, (_, b) => b));
    const found = new Set<number>();
    for (let e = 0; e < edges.length; e++) {
      const lo = Math.min(edges.from[e], edges.to[e]);
      if (lo % 2 === 0 && Math.max(edges.from[e], edges.to[e]) === lo + 1) found.add(lo / 2);
    }
    levels.forEach((s, li) => {
      let hits = 0;
      for (let t = 0; t < trials; t++) if (found.has(li * trials + t)) hits++;
      const p = detectionProbability(s, cfg.bands, cfg.rows);
      const sd = Math.sqrt((p * (1 - p)) / trials);
      expect(Math.abs(hits / trials - p), `s=${s}: empirical ${hits / trials} vs ${p.toFixed(3)}`).toBeLessThan(4 * sd + 0.02);
    });
  });

  it('matches the published FineWeb figures for 14 × 8', () => {
    expect(detectionProbability(0.7, 14, 8)).toBeCloseTo(0.565, 2);
    expect(detectionProbability(0.8, 14, 8)).toBeCloseTo(0.924, 2);
    expect(detectionProbability(0.9, 14, 8)).toBeCloseTo(1.0, 2);
  });
});

describe('permutationChecksum', () => {
  it('changes with the seed, num_perm and ngram, and is stable otherwise', () => {
    const base = permutationChecksum(cfg);
    expect(permutationChecksum({ ...cfg })).toBe(base);
    expect(permutationChecksum({ ...cfg, seed: 2 })).not.toBe(base);
    expect(permutationChecksum({ ...cfg, num_perm: 128 })).not.toBe(base);
    expect(permutationChecksum({ ...cfg, ngram: 4 })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
  });
});
