import { HashCounter } from './hashCounter.js';
import { COMMERCIAL_WORDS, SCIENCE_WORDS } from './lexicons.js';
import { PHRASE_TOKEN_CAP, TEXTBOOK_PHRASES } from './textbookPhrases.js';
import { isLetterCode, mix, wordHash, type TextStats } from './textStats.js';
import { WordFlagTable } from './wordFlagTable.js';

/**
 * One pass over a text's tokens for the word counts of both the domain classifier and the
 * textbook score: one table probe per token answers every lexicon, and whether a textbook phrase
 * can start there. The textbook score runs on the
 * same TextStats unless C4 cleaned the text, so the last result is kept for that object.
 */
export interface LexiconCounts {
  /** Tokens in the science vocabulary. */
  science: number;
  /** Mentions of scientific libraries: names, R, `np.`-style prefixes, dotted names (`scipy.stats`). */
  sciLibs: number;
  /** Tokens in the commercial/SEO vocabulary. */
  commercial: number;
  /** Tokens of 7 or more core characters. */
  longWords: number;
  /** Distinct words among the first TTR_WINDOW tokens. */
  distinct: number;
  /** min(tokens, TTR_WINDOW). */
  ttrWindow: number;
  /** Textbook phrases per category (textbookPhrases.ts) among the first PHRASE_TOKEN_CAP tokens. */
  phrases: Int32Array;
}

/** Tokens the type-token ratio reads. */
export const TTR_WINDOW = 500;

// Scientific Python/R/Octave ecosystems: their docs name these all the time, general docs rarely.
// Matched as words (token hashes), plus the `np.` / `plt.` / `pd.` / `Bio.` / `sm.` call prefixes.
const SCI_LIB_WORDS = 'numpy scipy astropy statsmodels biopython sympy matplotlib pyplot pandas skimage scikit sklearn octave matlab maxima gnuplot lapack blas fftw hdf5 netcdf ndarray dtype dataframe ggplot cran skycoord quantity seqrecord seqio entrez pubmed genbank fasta blast'
  .split(' ')
  .map(wordHash);
const SCIENCE = 1;
const SCI_LIB = 2;
const COMMERCIAL = 4;
const PHRASE_START = 8;
const WORDS = new WordFlagTable([
  [SCIENCE_WORDS, SCIENCE],
  [SCI_LIB_WORDS, SCI_LIB],
  [COMMERCIAL_WORDS, COMMERCIAL],
  [TEXTBOOK_PHRASES.firstWords(), PHRASE_START],
]);
/** No '.' left in the text. */
const NO_DOT = 0x7fffffff;
const FNV = 0x811c9dc5 | 0;
const distinctCounter = new HashCounter();

/** `np.`, `plt.`, `pd.`, `Bio.` or `sm.` at `s`. */
function sciPrefixAt(text: string, c: number, s: number): boolean {
  const c1 = text.charCodeAt(s + 1);
  const c2 = text.charCodeAt(s + 2);
  if (c === 110) return c1 === 112 && c2 === 46; // np.
  if (c === 112) return (c1 === 100 && c2 === 46) || (c1 === 108 && c2 === 116 && text.charCodeAt(s + 3) === 46); // pd. plt.
  if (c === 66) return c1 === 105 && c2 === 111 && text.charCodeAt(s + 3) === 46; // Bio.
  if (c === 115) return c1 === 109 && c2 === 46; // sm.
  return false;
}

/** wordHash(text.slice(s, e)) without the slice. */
export function rangeWordHash(text: string, s: number, e: number): number {
  let h = FNV;
  let any = false;
  for (let i = s; i < e; i++) {
    let c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) continue;
    } else if (!isLetterCode(c)) continue;
    h = mix(h, c);
    any = true;
  }
  if (!any) for (let i = s; i < e; i++) h = mix(h, text.charCodeAt(i));
  return h;
}

let lastSt: TextStats | undefined;
const last: LexiconCounts = { science: 0, sciLibs: 0, commercial: 0, longWords: 0, distinct: 0, ttrWindow: 0, phrases: new Int32Array(TEXTBOOK_PHRASES.categories.length) };

/** The counts for `st`. The returned object is reused by the next call: read it at once. */
export function lexiconCounts(st: TextStats): LexiconCounts {
  if (st === lastSt) return last;
  let science = 0;
  let libs = 0;
  let commercial = 0;
  let longWords = 0;
  let distinct = 0;
  const text = st.text;
  const ttrWindow = Math.min(st.nTokens, TTR_WINDOW);
  distinctCounter.reset(ttrWindow);
  const phrases = last.phrases.fill(0);
  const phraseN = Math.min(st.nTokens, PHRASE_TOKEN_CAP);
  // First '.' at or after the current token's second character, found by indexOf once per dot.
  let dot = -1;
  for (let i = 0; i < st.nTokens; i++) {
    const h = st.tokHash[i];
    const core = st.tokCoreLen[i];
    if (core >= 7) longWords++;
    if (i < ttrWindow && core > 0 && distinctCounter.add(h, 0) === 1) distinct++;
    const f = WORDS.get(h);
    if ((f & SCIENCE) !== 0) science++;
    if ((f & COMMERCIAL) !== 0) commercial++;
    if ((f & PHRASE_START) !== 0 && i < phraseN) TEXTBOOK_PHRASES.matchAt(st.tokHash, i, phraseN, phrases);
    if ((f & SCI_LIB) !== 0) libs++;
    else {
      const s = st.tokStart[i];
      const e = st.tokEnd[i];
      // The first '.' after the token's first character: `np.`-style prefixes and dotted names
      // need one inside the token, so most tokens are settled without reading the text.
      if (dot !== NO_DOT && dot < s + 1) {
        dot = text.indexOf('.', s + 1);
        if (dot === -1) dot = NO_DOT;
      }
      if (core === 1 && text.charCodeAt(s) === 82) libs++; // the R language
      else if (dot < e) {
        const c = text.charCodeAt(s);
        if ((c === 110 || c === 112 || c === 66 || c === 115) && sciPrefixAt(text, c, s)) libs++;
        // Dotted names: scipy.stats.norm, astropy.units, numpy.ndarray
        else if (e - s > 4 && dot < e - 1 && (WORDS.get(rangeWordHash(text, s, dot)) & SCI_LIB) !== 0) libs++;
      }
    }
  }
  last.science = science;
  last.sciLibs = libs;
  last.commercial = commercial;
  last.longWords = longWords;
  last.distinct = distinct;
  last.ttrWindow = ttrWindow;
  lastSt = st;
  return last;
}
