import { describe, expect, it } from 'vitest';
import { SmallestK } from '../../src/report/smallestK.js';

describe('SmallestK', () => {
  it('keeps exactly the k smallest, sorted, whatever the insertion order', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values = Array.from({ length: 500 }, () => Math.floor(rand() * 200)); // with ties
    const cmp = (a: number, b: number) => a - b;
    for (const k of [0, 1, 7, 50, 499, 500, 600]) {
      const s = new SmallestK<number>(k, cmp);
      for (const v of values) s.add(v);
      expect(s.sorted(), `k=${k}`).toEqual([...values].sort(cmp).slice(0, k));
      const r = new SmallestK<number>(k, cmp);
      for (const v of [...values].reverse()) r.add(v);
      expect(r.sorted()).toEqual(s.sorted());
    }
  });
});
