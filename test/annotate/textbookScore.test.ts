import { describe, expect, it } from 'vitest';
import { CODE_EXAMPLE, DEFS, MAX_IDENTIFIERS, scanCodeHead } from '../../src/annotate/codeHeadScan.js';
import { computeCodeStats } from '../../src/annotate/codeStats.js';
import { classifyDomain, domainFeatures } from '../../src/annotate/domainClassifier.js';
import { PhraseTable } from '../../src/annotate/phraseTable.js';
import type { Signals } from '../../src/annotate/ruleFailure.js';
import { DEFINE, EXAMPLE, EXPLAIN, METHODS, TEXTBOOK_PHRASES } from '../../src/annotate/textbookPhrases.js';
import { textbookScore } from '../../src/annotate/textbookScore.js';
import { computeTextStats, wordHash, type TextStats } from '../../src/annotate/textStats.js';
import type { Domain } from '../../src/core/doc.js';
import { PROSE } from './fixtures.js';

/** Scores a text the way annotate does (domain from content unless given); returns score and signals. */
function score(text: string, opts: { domain?: Domain; contentType?: 'text' | 'code' | 'latex' | 'html'; lang?: string } = {}): { quality: number; s: Signals } {
  const st = computeTextStats(text);
  const cs = computeCodeStats(st, opts.lang);
  const features = domainFeatures(st, cs, text.slice(0, 8000));
  const s: Signals = {};
  const domain = opts.domain ?? classifyDomain(features, opts.contentType ?? 'text', undefined, s).domain;
  return { quality: textbookScore({ st, cs, domain, features, dupLineFrac: 0 }, s), s };
}
const points = (s: Signals) => ['explains', 'examples', 'structure', 'style', 'clean'].map((p) => s[`edu.point.${p}`]);

function regexCount(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

const DOCTEST = `"""Running statistics for a stream of numbers, without keeping the numbers.

The mean and the variance are updated one value at a time with Welford's method, which stays
accurate when the values are large and close together.
"""


def running_mean(values):
    """Return the mean of the values seen so far, after each value.

    Examples:
        >>> running_mean([1, 2, 3])
        [1.0, 1.5, 2.0]
        >>> running_mean([])
        []
    """
    total = 0.0
    out = []
    for count, value in enumerate(values, start=1):
        total += value
        out.append(total / count)
    return out


def test_running_mean():
    assert running_mean([2, 4]) == [2.0, 3.0]


if __name__ == "__main__":
    print(running_mean([1, 2, 3]))
`;

const LATEX_PAPER = String.raw`\section{Introduction}
We propose a method to estimate the posterior distribution of the regression coefficients. The estimator is unbiased, and its variance decreases with the sample size, as the theorem below shows (Smith, 2019). The likelihood is Gaussian.
\begin{equation} \hat\beta = (X^T X)^{-1} X^T y, \quad \mathrm{Var}(\hat\beta) = \sigma^2 (X^T X)^{-1} \end{equation}
\subsection{Results}
Our results show that the estimator converges, as reported by Jones et al. for a related model and in (Brown and Green, 2018). The algorithm is described in the appendix.`;

const LINK_FARM = ['Home | News | Sport | Weather | Shop', ...Array.from({ length: 12 }, (_, i) => `» Item ${i} https://example.com/item/${i} www.example.com`), 'About › Contact › Privacy'].join('\n');

describe('textbookScore', () => {
  it('scores an empty text 0 with every point 0', () => {
    const { quality, s } = score('', { domain: 'prose' });
    expect(quality).toBe(0);
    expect(points(s)).toEqual([0, 0, 0, 0, 0]);
    expect([s['edu.words'], s['edu.headings'], s['edu.links_per_1k'], s['edu.type_token_ratio']]).toEqual([0, 0, 0, 0]);
  });

  it('gives a text without letters no style, explanation or example point', () => {
    const text = Array.from({ length: 60 }, (_, i) => `${i} ${i * 7} ${i * 8}`).join('\n');
    const { quality, s } = score(text, { domain: 'prose' });
    expect(s['edu.words']).toBe(180);
    expect(s['edu.mean_word_length']).toBeLessThan(4);
    expect(s['edu.short_line_frac']).toBe(1);
    expect(points(s)).toEqual([0, 0, 0, 0, 0]);
    expect(quality).toBe(0);
  });

  it('counts runnable examples, definitions and identifiers in a documented Python file with doctests', () => {
    const { quality, s } = score(DOCTEST, { contentType: 'code', lang: 'python' });
    // Examples:, two >>> lines, def test_, assert, if __name__ == "__main__"
    expect(s['edu.code.examples']).toBe(6);
    expect(s['edu.code.examples']).toBe(regexCount(CODE_EXAMPLE, DOCTEST));
    expect(s['edu.code.definitions']).toBe(2);
    expect(s['edu.point.examples']).toBe(1);
    expect(s['edu.point.structure']).toBe(1);
    expect(quality).toBeGreaterThanOrEqual(3);
  });

  it('gives a LaTeX paper with citations its headings and the science structure point', () => {
    const { s } = score(LATEX_PAPER, { contentType: 'latex' });
    expect(s['domain.science_evidence']).toBeGreaterThan(0);
    expect(s['edu.headings']).toBe(2);
    // "we propose", "our results", "results show", "method", "algorithm" → methods; (Smith, 2019), et al., (Brown and Green, 2018) → citations
    expect(s['edu.methods_per_1k']).toBeGreaterThan(1);
    expect(s['edu.point.structure']).toBe(1);
    expect(s['edu.point.examples']).toBe(1);
  });

  it('counts every link marker of a link farm and takes its clean point', () => {
    const { quality, s } = score(LINK_FARM, { contentType: 'html' });
    // 4 " | ", 12 × (» https:// www.), 2 ›
    expect(s['edu.links_per_1k']).toBe(round((1000 * 42) / 56));
    expect(s['edu.point.clean']).toBe(0);
    expect(quality).toBe(0);
  });

  it('counts overlapping " | " separators as a left-to-right search does', () => {
    const base = score(`${PROSE}\n`, { domain: 'prose' }).s['edu.links_per_1k'];
    expect(base).toBe(0);
    // " | | " holds one " | " then "| " — one separator; " |  | " holds two.
    const words = computeTextStats(`${PROSE} a | | b c |  | d`).nWords;
    expect(score(`${PROSE} a | | b c |  | d`, { domain: 'prose' }).s['edu.links_per_1k']).toBe(round((1000 * 3) / words));
  });

  it('keeps a well-written explanation above its navigation page', () => {
    expect(score(PROSE, { domain: 'prose' }).quality).toBeGreaterThan(score(LINK_FARM, { domain: 'prose' }).quality);
  });
});

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

describe('scanCodeHead equals its regex definitions', () => {
  const IDENT = /[A-Za-z_$][A-Za-z0-9_$]*/g;
  function reference(head: string): number[] {
    let idents = 0;
    let chars = 0;
    let single = 0;
    IDENT.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = IDENT.exec(head)) !== null && idents < MAX_IDENTIFIERS) {
      idents++;
      chars += m[0].length;
      if (m[0].length === 1) single++;
    }
    return [regexCount(CODE_EXAMPLE, head), regexCount(DEFS, head), idents, chars, single];
  }
  const scan = (t: string, head = t) => {
    const r = scanCodeHead(computeTextStats(t), head);
    return [r.examples, r.definitions, r.identifiers, r.identifierChars, r.singleCharIdentifiers];
  };
  // Line breaks and spaces where TextStats and the regexes disagree are part of the mix (they take the slow path).
  const FRAGMENTS = ['\n', '\r\n', '\r', ' ', '  ', '\t', '\u2028', '\u200b', '\u00a0', '\u3000', '>>> x', '$ ls', 'In [3]: x', '@example', '@Example:', 'if __name__ == "__main__"', "elif __NAME__ == '__MAIN__'", 'Examples:', 'example\n', 'EXAMPLES\n\n', 'Usage:', 'describe(', 'it (', 'Test(', 'def test_x', 'xdef test_', '# =>', '#\n=>', '// =>', '///=>', 'assert', 'assert(x)', '$assert', '9assert', '_assert', 'function f', 'export async function* g', 'def f', 'class A', 'pub fn x', 'func z', 'sub w', 'public static void m(', 'const f = (a,\n b) =>', 'let g = async x =>', 'foo', 'Bar', 'x1', '$', '_', '(', '.', '=>', 'é'];

  it('on generated code-like text', () => {
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let k = 0; k < 3000; k++) {
      const t = Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => FRAGMENTS[Math.floor(rnd() * FRAGMENTS.length)]).join('');
      expect(scan(t), JSON.stringify(t)).toEqual(reference(t));
      // The head is a prefix of the text (the first 8000 characters in textbookScore).
      const head = t.slice(0, Math.floor(rnd() * (t.length + 1)));
      expect(scan(t, head), JSON.stringify([t, head.length])).toEqual(reference(head));
    }
  });

  it('on the fixture, and past the identifier cap', () => {
    expect(scan(DOCTEST)).toEqual(reference(DOCTEST));
    const many = Array.from({ length: 1500 }, (_, i) => `v${i} = f(i)`).join('\n');
    expect(scan(many)).toEqual(reference(many));
    expect(scan(many)[2]).toBe(MAX_IDENTIFIERS);
  });
});

describe('PhraseTable', () => {
  const cats = { a: ['for example', 'for instance', 'that is'], b: ['for example', 'is called'], c: ['example'], d: ['is', 'is called'] };
  const table = new PhraseTable(cats);
  /** Per category: positions where any of its phrases' word hashes match. */
  function reference(st: TextStats, max: number): Record<string, number> {
    const n = Math.min(st.nTokens, max);
    const out: Record<string, number> = {};
    for (const [c, phrases] of Object.entries(cats)) {
      const hs = phrases.map((p) => p.split(' ').map(wordHash));
      out[c] = 0;
      for (let i = 0; i < n; i++) if (hs.some((h) => i + h.length <= n && h.every((x, k) => st.tokHash[i + k] === x))) out[c]++;
    }
    return out;
  }

  it('numbers the textbook categories as the score reads them', () => {
    const names = TEXTBOOK_PHRASES.categories;
    expect([names[EXPLAIN], names[DEFINE], names[EXAMPLE], names[METHODS]]).toEqual(['explain', 'define', 'example', 'methods']);
  });

  it('counts a position once per category, phrases compared by letters and digits', () => {
    const st = computeTextStats('For example, that is: an Example. For instance it is called x; for, example');
    // a: for example ×2 ("for, example" too), that is, for instance; b: for example ×2, is called; c: example ×3;
    // d: "is" ×2, once at "is called" although both of its phrases start there.
    expect(table.count(st)).toEqual({ a: 4, b: 3, c: 3, d: 2 });
    expect(table.count(st)).toEqual(reference(st, st.nTokens));
    // A phrase cut by the token limit does not count.
    expect(table.count(st, 1)).toEqual({ a: 0, b: 0, c: 0, d: 0 });
    expect(table.count(st, 2)).toEqual(reference(st, 2));
  });
});
