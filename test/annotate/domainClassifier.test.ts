import { describe, expect, it } from 'vitest';
import { computeCodeStats } from '../../src/annotate/codeStats.js';
import { classifyDomain, domainFeatures, type DomainFeatures } from '../../src/annotate/domainClassifier.js';
import { lexiconCounts, rangeWordHash } from '../../src/annotate/lexiconCounts.js';
import { SCIENCE_WORDS } from '../../src/annotate/lexicons.js';
import type { Signals } from '../../src/annotate/ruleFailure.js';
import { countCitations, countLatexCommands, countMath, MATH_SYMBOLS } from '../../src/annotate/scienceMarkers.js';
import { computeTextStats, wordHash } from '../../src/annotate/textStats.js';
import { WordFlagTable } from '../../src/annotate/wordFlagTable.js';
import { PROSE, PYTHON } from './fixtures.js';

function features(text: string, programmingLanguage?: string): DomainFeatures {
  const st = computeTextStats(text);
  return domainFeatures(st, computeCodeStats(st, programmingLanguage), text.slice(0, 8000));
}

// The definitions the fast counters must equal (global-regex match counts, indexOf counts).
const MATH = /\\(?:frac|sum|int|iint|prod|alpha|beta|gamma|delta|epsilon|sigma|mu|lambda|theta|partial|sqrt|mathbf|mathrm|mathcal|hat|bar|infty|cdot|leq|geq|approx|nabla|begin\{(?:equation|align|eqnarray|theorem|lemma|proof))|[∑∫∂√≤≥±×∞≈≠∈∀∃αβγδεθλμσπΩωΔΣχ²]/g;
const LATEX = /\\(?:documentclass|section|subsection|begin|end|usepackage|label|ref|emph|textbf|item)\b/g;
const AUTHOR_YEAR = /\([A-Z][A-Za-z-]+(?: et al\.| and [A-Z][A-Za-z-]+)?,? \(?(?:1[89]|20)\d\d[a-z]?\)/g;
function regexCount(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}
function literalCount(text: string, marks: string[]): number {
  let n = 0;
  for (const m of marks) for (let i = text.indexOf(m); i !== -1; i = text.indexOf(m, i + m.length)) n++;
  return n;
}
const referenceCitations = (t: string) => regexCount(AUTHOR_YEAR, t) + literalCount(t, ['\\cite', 'et al.', 'doi:', 'doi.org', 'arXiv']);

const LATEX_DOC = String.raw`\documentclass{article}
\usepackage{amsmath}
\begin{document}
\section{Introduction}
The energy satisfies \begin{equation} E = \frac{1}{2} m v^2 + \sum_{i} \alpha_i \end{equation}
and \int_0^\infty e^{-x} dx = 1, with \mathbf{x} \in \mathbb{R}^n and \sqrt{2} \leq 2.
\subsection{Bounds}
For every $\epsilon > 0$ we have $|x| \leq \epsilon$ (see \cite{knuth}).
\end{document}`;

const CITATIONS = `Earlier studies (Smith, 2019) and (Jones et al. 2020a) found the same effect, as did Brown and Green (Brown and Green, (2018)). See doi:10.1000/xyz and https://doi.org/10.1000/abc, or arXiv:2101.00001. Later work by Lee et al. extended it \\cite{lee}. Not a citation: (the year 2019) or (Smith 99).`;

const DOCTEST = `>>> import numpy as np
>>> from scipy import stats
>>> x = np.array([1.0, 2.0, 3.0])
>>> stats.norm.pdf(0.0)
0.3989422804014327
`;

const LINK_FARM = ['Home | News | Sport | Weather | Shop', ...Array.from({ length: 12 }, (_, i) => `» Item ${i} https://example.com/item/${i} www.example.com`), 'About › Contact › Privacy'].join('\n');

describe('domainFeatures', () => {
  it('measures nothing in an empty text, and calls it prose', () => {
    const f = features('');
    expect(f).toEqual({ codeLineFrac: 0, symbolDensity: 0, sciencePct: 0, mathPer1k: 0, citePer1k: 0, latexPer1k: 0, sciLibPer1k: 0, codeTokensPerLine: 0, proseLineShare: 0 });
    const signals: Signals = {};
    expect(classifyDomain(f, 'text', undefined, signals)).toEqual({ domain: 'prose', confidence: 0.9002 });
    expect(signals['domain.science_evidence']).toBe(-1.1);
  });

  it('finds no vocabulary, markup or citations in a text without letters', () => {
    const text = Array.from({ length: 60 }, (_, i) => `${i} + ${i * 7} = ${i * 8};`).join('\n');
    const f = features(text);
    expect([f.sciencePct, f.mathPer1k, f.citePer1k, f.latexPer1k, f.sciLibPer1k]).toEqual([0, 0, 0, 0, 0]);
    expect(f.symbolDensity).toBeCloseTo(0.1942, 4);
  });

  it('counts LaTeX math and structure commands in a LaTeX fragment, which makes it science', () => {
    // \begin{equation} \frac \sum \alpha \int \infty \mathbf \sqrt, 2 × \leq, 2 × \epsilon (\in and \mathbb are not listed).
    expect(countMath(LATEX_DOC)).toBe(12);
    // \documentclass \usepackage 2 × \begin \section \subsection 2 × \end
    expect(countLatexCommands(LATEX_DOC)).toBe(8);
    const f = features(LATEX_DOC);
    expect(f.mathPer1k).toBeCloseTo((1000 * 12) / 41, 9);
    expect(f.latexPer1k).toBeCloseTo((1000 * 8) / 41, 9);
    expect(classifyDomain(f, 'latex', undefined, {}).domain).toBe('science');
  });

  it('counts math symbols one by one and ignores other non-ASCII text', () => {
    expect(countMath(`x² ± y × z ≤ ∞; café “quoted” — ${MATH_SYMBOLS}`)).toBe(4 + 1 + MATH_SYMBOLS.length);
    expect(countMath('naïve façade “no math” — ½ ∗ ∖')).toBe(0);
  });

  it('counts each citation form in a citation-heavy paragraph, only in the first 4000 characters', () => {
    // (Smith, 2019), (Jones et al. 2020a) + its "et al.", (Brown and Green, (2018)), doi:, doi.org, arXiv, "Lee et al.", \cite
    expect(countCitations(CITATIONS)).toBe(9);
    expect(features(CITATIONS).citePer1k).toBeCloseTo((1000 * 9) / 46, 9);
    const late = `${PROSE.repeat(6).slice(0, 4100)} ${CITATIONS}`;
    expect(features(late).citePer1k).toBe(0);
  });

  it('counts scientific libraries in a doctest: names, np. prefixes and dotted names', () => {
    const st = computeTextStats(DOCTEST);
    // numpy, scipy, np.array(, stats.norm.pdf is not a library (stats), "np" alone is not either.
    expect(lexiconCounts(st).sciLibs).toBe(3);
    expect(features(DOCTEST).sciLibPer1k).toBeCloseTo((1000 * 3) / st.nWords, 9);
    expect(lexiconCounts(computeTextStats('the R language and scipy.stats.norm and numpy.')).sciLibs).toBe(3);
  });

  it('calls a link-farm list prose, not code or science', () => {
    const f = features(LINK_FARM);
    expect(f.codeLineFrac).toBe(0);
    expect(f.citePer1k).toBe(0);
    expect(classifyDomain(f, 'html', undefined, {}).domain).toBe('prose');
  });

  it('still separates prose and code fixtures', () => {
    expect(classifyDomain(features(PROSE), 'text', undefined, {}).domain).toBe('prose');
    expect(classifyDomain(features(PYTHON, 'python'), 'code', undefined, {}).domain).toBe('code');
  });
});

describe('science markers equal their regex definitions', () => {
  const FRAGMENTS = ['\\frac', '\\\\sum', '\\int', '\\integral', '\\in', '\\begin{equation}', '\\begin{align*}', '\\section{A}', '\\sectionx', '\\subsection', '\\end', '\\cite{x}', '\\citep', 'et al.', 'et al', 'doi:10', 'doi.org', 'https://doi.org/x', 'arXiv:1', 'ARXIV', '(Smith, 2019)', '(Smith and Jones, (2019))', '(Smith et al. 2019a)', '(Smith et al., 1899)', '(smith, 2019)', '(Smith', ' 2019)', 'α', '∑', '²', '×', '±', 'é', '“', ' ', '\n', '(', ')', '.', ':', 'X', 'x', '\\'];
  let seed = 42;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const texts = Array.from({ length: 3000 }, () => Array.from({ length: 1 + Math.floor(rnd() * 25) }, () => FRAGMENTS[Math.floor(rnd() * FRAGMENTS.length)]).join(''));

  it('math, LaTeX commands and citations', () => {
    for (const t of texts) {
      expect(countMath(t), t).toBe(regexCount(MATH, t));
      expect(countLatexCommands(t), t).toBe(regexCount(LATEX, t));
      expect(countCitations(t), t).toBe(referenceCitations(t));
    }
  });
});

describe('lexicon counting', () => {
  it('hashes a range exactly as wordHash hashes the slice', () => {
    for (const w of ['', 'numpy', 'NumPy', '(scipy', '...', 'é∑', 'hdf5', 'a-b_c', 'İx', '\u00a0']) expect(rangeWordHash(`<${w}>`, 1, 1 + w.length)).toBe(wordHash(w));
  });

  it('answers membership like the sets it was built from, with one probe per word', () => {
    const lib = ['numpy', 'scipy'].map(wordHash);
    const table = new WordFlagTable([
      [SCIENCE_WORDS, 1],
      [lib, 2],
      [[0], 4],
    ]);
    for (const h of SCIENCE_WORDS) expect(table.get(h) & 1).toBe(1);
    expect(table.get(wordHash('numpy'))).toBe(2);
    expect(table.get(wordHash('eigenvalue'))).toBe(1);
    expect(table.get(wordHash('river'))).toBe(0);
    expect(table.get(0)).toBe(4);
  });
});
