import { describe, expect, it } from 'vitest';
import { ngramRepetition } from '../../src/annotate/ngramRepetition.js';
import { computeTextStats, type TextStats } from '../../src/annotate/textStats.js';
import { PROSE, PYTHON } from './fixtures.js';

/** Gopher's definitions, the slow way: n-grams as joined token-hash strings, every position counted. */
function naive(st: TextStats): { top: number[]; dup: number[] } {
  const toks = Array.from(st.tokHash.subarray(0, st.nTokens));
  const len = (i: number, n: number) => {
    let c = 0;
    for (let k = 0; k < n; k++) c += st.tokEnd[i + k] - st.tokStart[i + k];
    return c;
  };
  const key = (i: number, n: number) => toks.slice(i, i + n).join(',');
  const top: number[] = [];
  for (let n = 2; n <= 4; n++) {
    const m = toks.length - n + 1;
    if (m <= 1) {
      top.push(0);
      continue;
    }
    const count = new Map<string, number>();
    let best = 1;
    let bestAt = -1;
    for (let i = 0; i < m; i++) {
      const c = (count.get(key(i, n)) ?? 0) + 1;
      count.set(key(i, n), c);
      if (c > best) {
        best = c;
        bestAt = i;
      }
    }
    top.push(bestAt < 0 ? 0 : best * len(bestAt, n));
  }
  const dup: number[] = [];
  for (let n = 5; n <= 10; n++) {
    const m = toks.length - n + 1;
    const seen = new Set<string>();
    let chars = 0;
    for (let i = 0; i < m; ) {
      const k = key(i, n);
      if (m > 1 && seen.has(k)) {
        chars += len(i, n);
        i += n;
      } else {
        seen.add(k);
        i++;
      }
    }
    dup.push(m <= 1 ? 0 : chars);
  }
  return { top, dup };
}

function fast(text: string): { top: number[]; dup: number[] } {
  const r = ngramRepetition(computeTextStats(text));
  return { top: [2, 3, 4].map((n) => r.top[n]), dup: [5, 6, 7, 8, 9, 10].map((n) => r.dup[n]) };
}

describe('ngramRepetition', () => {
  it('no tokens, one token, two tokens', () => {
    for (const t of ['', '   ', 'one', 'one two', 'a a']) expect(fast(t)).toEqual(naive(computeTextStats(t)));
    expect(fast('a a a').top[0]).toBe(2 * 2); // "a a" twice, 2 characters each
  });

  it('matches the definition on prose, code and repeated text', () => {
    for (const t of [PROSE, PYTHON, `${PROSE}\n${PROSE}`, 'buy cheap watches online today '.repeat(30), `${PYTHON}\n${PYTHON.slice(0, 200)}`]) {
      expect(fast(t)).toEqual(naive(computeTextStats(t)));
    }
  });

  it('matches the definition on random texts over small vocabularies (many overlapping repeats)', () => {
    let seed = 12345;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const vocab = ['a', 'b', 'c', 'The', 'the,', 'of', '"x"', '...', 'deux'];
    for (let k = 0; k < 300; k++) {
      const n = Math.floor(rnd() * 120);
      const size = 2 + (k % (vocab.length - 1));
      const words = Array.from({ length: n }, () => vocab[Math.floor(rnd() * size)]);
      const text = words.join(rnd() < 0.5 ? ' ' : '\n');
      expect(fast(text), text).toEqual(naive(computeTextStats(text)));
    }
  });

  it('a big text after small ones, then a small one again', () => {
    const big = Array.from({ length: 60_000 }, (_, i) => `w${i % 5000}`).join(' ');
    expect(fast(big)).toEqual(naive(computeTextStats(big)));
    expect(fast(PROSE)).toEqual(naive(computeTextStats(PROSE)));
  });
});
