import { describe, expect, it } from 'vitest';
import type { SurvivorKey } from '../../src/config/dedupSchema.js';
import { firstOccurrence } from '../../src/dedup/stringTable.js';
import { rankBySurvival, survivorComparator, type SurvivorFields } from '../../src/dedup/survivorPolicy.js';
import { rng } from './synthetic.js';

describe('rankBySurvival', () => {
  it('orders exactly like the comparator, ties and NaN included', () => {
    const rand = rng(21);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const items: SurvivorFields[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `id${Math.floor(rand() * 1e6).toString(36)}-${i}`,
      source: pick(['b', 'a', 'c']),
      licenseRank: pick([0, 1, 2, NaN]),
      quality: pick([0, 1.5, 3, NaN, 5]),
      length: pick([10, 100, 100, 2000]),
    }));
    const keySets: SurvivorKey[][] = [['license', 'quality', 'length'], ['shorter'], ['source', 'quality'], []];
    for (const keys of keySets) {
      const expected = items.map((_, i) => i).sort((x, y) => survivorComparator(keys)(items[x], items[y]));
      expect(Array.from(rankBySurvival(items, keys))).toEqual(expected);
    }
  });

  it('ranks the most permissive license first, then quality, then length, then id', () => {
    const items: SurvivorFields[] = [
      { id: 'c', source: 's', licenseRank: 1, quality: 9, length: 9 },
      { id: 'b', source: 's', licenseRank: 0, quality: 1, length: 5 },
      { id: 'a', source: 's', licenseRank: 0, quality: 1, length: 5 },
      { id: 'd', source: 's', licenseRank: 0, quality: 2, length: 1 },
    ];
    expect(Array.from(rankBySurvival(items, ['license', 'quality', 'length']), (i) => items[i].id)).toEqual(['d', 'a', 'b', 'c']);
  });
});

describe('firstOccurrence', () => {
  it('maps every position to the first position holding the same string', () => {
    const keys = ['x', 'y', 'x', 'z', 'y', 'x'];
    expect(Array.from(firstOccurrence(keys.length, (i) => keys[i]))).toEqual([0, 1, 0, 3, 1, 0]);
  });

  it('stays correct with many keys', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i % 12_345}`);
    const first = firstOccurrence(keys.length, (i) => keys[i]);
    for (let i = 0; i < keys.length; i += 997) expect(first[i]).toBe(i % 12_345);
  });
});
