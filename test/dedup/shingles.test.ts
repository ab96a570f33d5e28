import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/dedup/normalizeText.js';
import { jaccard, shingleHashes, shingleSet } from '../../src/dedup/shingles.js';

describe('shingleHashes', () => {
  it('sees exactly the words of normalizeText (the fast path and the string path agree)', () => {
    const texts = ['Die Straße, née Müller — 42 Wörter; 😀 emoji 😀 und 한국어 text.', 'A b c d e f g', 'ǅemal İstanbul ﬁne'];
    for (const t of texts) {
      const viaString = shingleHashes(normalizeText(t), 2);
      expect(Array.from(shingleHashes(t, 2))).toEqual(Array.from(viaString));
    }
  });

  it('has words − n + 1 shingles, and none when the text has fewer than n words', () => {
    expect(shingleHashes('one two three four five six', 5)).toHaveLength(2);
    expect(shingleHashes('one two three four', 5)).toHaveLength(0);
    expect(shingleHashes('', 5)).toHaveLength(0);
  });

  it('depends on word order and on the n-gram size', () => {
    const a = shingleSet('a b c d e', 5);
    const b = shingleSet('e d c b a', 5);
    expect(a[0]).not.toBe(b[0]);
    expect(shingleHashes('a b c d e', 5)[0]).not.toBe(shingleHashes('a b c d e', 4)[0]);
  });
});

describe('jaccard', () => {
  it('computes |A∩B| / |A∪B| on sorted sets', () => {
    expect(jaccard(Uint32Array.from([1, 2, 3, 4]), Uint32Array.from([3, 4, 5, 6]))).toBeCloseTo(2 / 6);
    expect(jaccard(Uint32Array.from([1]), Uint32Array.from([1]))).toBe(1);
    expect(jaccard(Uint32Array.from([1]), Uint32Array.from([2]))).toBe(0);
  });
});
