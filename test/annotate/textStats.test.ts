import { describe, expect, it } from 'vitest';
import { computeTextStats, selectLines, type TextStats, wordHash } from '../../src/annotate/textStats.js';
import { PROSE, PYTHON } from './fixtures.js';

/** Every field, arrays cut to their used length, so two stats compare with toEqual. */
function plain(st: TextStats): Record<string, unknown> {
  const cut = (a: Int32Array | Uint8Array, n: number) => Array.from(a.subarray(0, n));
  return {
    ...Object.fromEntries(Object.entries(st).filter(([, v]) => typeof v === 'number' || typeof v === 'string')),
    tok: [st.tokStart, st.tokEnd, st.tokHash, st.tokCoreLen, st.tokAlpha].map((a) => cut(a, st.nTokens)),
    lines: [st.lineStart, st.lineEnd, st.lineHash, st.lineLen, st.lineTokens, st.lineFirstTok].map((a) => cut(a, st.nLines)),
    paras: [st.paraHash, st.paraChars, st.paraLines].map((a) => cut(a, st.nParas)),
  };
}

/** Stats of the text made of the given lines of `text` (trimmed by JS trim, as C4 keeps them). */
function keepLines(text: string, keep: (line: string, i: number) => boolean): { cleaned: string; start: Int32Array; end: Int32Array; n: number } {
  const start: number[] = [];
  const end: number[] = [];
  const parts: string[] = [];
  let at = 0;
  text.split('\n').forEach((raw, i) => {
    const t = raw.trim();
    const a = at + raw.indexOf(t);
    if (t !== '' && keep(t, i)) {
      start.push(a);
      end.push(a + t.length);
      parts.push(t);
    }
    at += raw.length + 1;
  });
  return { cleaned: parts.join('\n'), start: Int32Array.from(start), end: Int32Array.from(end), n: parts.length };
}

describe('computeTextStats', () => {
  it('empty and whitespace-only texts have no tokens, lines or paragraphs', () => {
    for (const t of ['', ' ', '\n', '\r\n\r\n', ' \t\u00a0\u3000\u2003 ']) {
      const st = computeTextStats(t);
      expect([st.nTokens, st.nWords, st.nLines, st.nParas, st.visibleChars, st.lineChars]).toEqual([0, 0, 0, 0, 0, 0]);
      expect(st.nChars).toBe(t.length);
      expect(st.newlines).toBe((t.match(/\n/g) ?? []).length);
    }
  });

  it('CRLF: the \\r is trimmed off lines and the lines hash like LF lines', () => {
    const lf = computeTextStats('one two\nthree four.\n');
    const lfHashes = Array.from(lf.lineHash.subarray(0, lf.nLines));
    const crlf = computeTextStats('one two\r\nthree four.\r\n');
    expect(crlf.nLines).toBe(2);
    expect(Array.from(crlf.lineLen.subarray(0, 2))).toEqual([7, 11]);
    expect(Array.from(crlf.lineHash.subarray(0, 2))).toEqual(lfHashes);
    expect(crlf.punctLines).toBe(1);
    expect(crlf.newlines).toBe(2);
  });

  it('words, letters and sentence ends', () => {
    const st = computeTextStats('The cat (sat). "Really?" 42 ... #tag');
    // Tokens: The cat (sat). "Really?" 42 ... #tag
    expect(st.nTokens).toBe(7);
    expect(st.nWords).toBe(6); // "..." is symbol-only
    expect(st.alphaWords).toBe(5); // 42 is no alpha word
    expect(st.sentenceEnds).toBe(2); // (sat). and "Really?"
    expect(st.hashAndEllipsis).toBe(2); // # and ...
    expect(st.tokHash[0]).toBe(wordHash('the'));
    expect(Array.from(st.tokCoreLen.subarray(0, 7))).toEqual([3, 3, 3, 6, 2, 0, 3]); // punctuation around a word is not its core
  });

  it('astral characters are symbols (not letters) and count as two UTF-16 units', () => {
    const st = computeTextStats('😀 𝒜bc');
    expect(st.nTokens).toBe(2);
    expect(st.nChars).toBe(7);
    expect(st.tokCoreLen[0]).toBe(0); // emoji-only token: symbols
    expect(st.tokCoreLen[1]).toBe(2); // "bc"
    expect(st.visibleChars).toBe(6);
  });

  it('one very long line and a 10 MB text', () => {
    const long = 'word '.repeat(200_000).trim();
    const st = computeTextStats(long);
    expect(st.nLines).toBe(1);
    expect(st.maxLineLen).toBe(long.length);
    expect(st.nTokens).toBe(200_000);
    const big = (PROSE + '\n\n').repeat(Math.ceil(10_000_000 / (PROSE.length + 2)));
    const bst = computeTextStats(big);
    const one = computeTextStats(PROSE);
    const reps = Math.ceil(10_000_000 / (PROSE.length + 2));
    expect(big.length).toBeGreaterThanOrEqual(10_000_000);
    expect(bst.nTokens).toBe(one.nTokens * reps);
    expect(bst.nParas).toBe(one.nParas * reps);
    // Scratch buffers grew, and a small text afterwards is still right.
    expect(plain(computeTextStats(PROSE))).toEqual(plain(one));
  });
});

describe('selectLines', () => {
  const cases: [string, string, (l: string, i: number) => boolean][] = [
    ['every other line of prose and code', `${PROSE}\n${PYTHON}`, (_l, i) => i % 2 === 0],
    ['lines with more than three words', `${PROSE}\n\nShort one.\nA B\n  indented line with words  \n`, (l) => l.split(/\s+/).length > 3],
    ['no line kept', 'a b c\nd e f', () => false],
    ['CRLF and tabs', 'alpha beta.\r\n\tgamma delta\r\n\r\nepsilon ...\r\n', (_l, i) => i !== 1],
  ];
  for (const [name, text, keep] of cases) {
    it(`equals the stats of the cleaned text: ${name}`, () => {
      const k = keepLines(text, keep);
      const derived = selectLines(computeTextStats(text), k.start, k.end, k.n, k.cleaned);
      expect(derived).toBeDefined();
      const got = plain(derived!);
      expect(got).toEqual(plain(computeTextStats(k.cleaned)));
    });
  }

  it('declines when a kept line is trimmed differently (zero-width space at its end)', () => {
    const text = 'first line here.\nsecond line\u200b\nthird line.';
    const k = keepLines(text, (_l, i) => i !== 0);
    expect(selectLines(computeTextStats(text), k.start, k.end, k.n, k.cleaned)).toBeUndefined();
  });

  it('declines when the stats are no longer the latest computed', () => {
    const text = 'one two three.\nfour five six.';
    const st = computeTextStats(text);
    computeTextStats('something else');
    const k = keepLines(text, (_l, i) => i === 1);
    expect(selectLines(st, k.start, k.end, k.n, k.cleaned)).toBeUndefined();
  });
});
