import { describe, expect, it } from 'vitest';
import { dedupSchema } from '../../src/config/dedupSchema.js';

describe('dedupSchema', () => {
  it('defaults to FineWeb-like 14 × 8 bands over 112 permutations of 5-grams, verified at 0.8', () => {
    const c = dedupSchema.parse({});
    expect(c).toMatchObject({ exact: true, near: true, ngram: 5, num_perm: 112, bands: 14, rows: 8, threshold: 0.8, verify: 'signature', survivor: ['license', 'quality', 'length'] });
    expect(dedupSchema.safeParse({ spans: { enabled: true } }).success).toBe(false); // not an option: no phase strips spans
  });

  it('rejects bands × rows above num_perm and unknown keys', () => {
    expect(dedupSchema.safeParse({ bands: 20, rows: 8 }).success).toBe(false);
    expect(dedupSchema.safeParse({ bands: 20, rows: 8, num_perm: 160 }).success).toBe(true);
    expect(dedupSchema.safeParse({ treshold: 0.7 }).success).toBe(false);
  });
});
