import type { Domain } from '../core/doc.js';
import type { CodeStats } from './codeStats.js';
import type { DomainFeatures } from './domainClassifier.js';
import { scanCodeHead } from './codeHeadScan.js';
import { lexiconCounts } from './lexiconCounts.js';
import { round4, type Signals } from './ruleFailure.js';
import { DEFINE, EXAMPLE, EXPLAIN, METHODS, PHRASE_TOKEN_CAP } from './textbookPhrases.js';
import type { TextStats } from './textStats.js';

/**
 * Additive 0..5 "textbook quality" in the spirit of the FineWeb-Edu rubric, by heuristics. Each
 * point is earned by named, measured signals (all stored under `edu.*`):
 *
 *   edu.point.explains   explains and defines concepts (prose/science), documents itself (code)
 *   edu.point.examples   worked examples, REPL sessions, equations; runnable examples in code
 *   edu.point.structure  headings and real paragraphs; for code, functions/classes of sane size
 *   edu.point.style      sentence and vocabulary statistics of instructional text; for code, naming
 *   edu.point.clean      little boilerplate, navigation, commercial/SEO language or repetition
 *
 * Texts under MIN_WORDS words score 0: there is nothing to teach in them.
 */
const MIN_WORDS = 50;

const HEADING = /^(?:#{1,6} \S|\\(?:sub)*section\*?\{|\\chapter\{|(?:\d+\.)+\d*\s+[A-Z]|[=\-~^*#]{3,}$|Chapter \d|CHAPTER|Section \d)/;
/** `= - ~ ^ * #`, the characters of an underline heading. */
function isRuleChar(c: number): boolean {
  return c === 61 || c === 45 || c === 126 || c === 94 || c === 42 || c === 35;
}
/** The first two characters of a line HEADING can match (every alternative needs two or more). */
function mayBeHeading(text: string, s: number, len: number): boolean {
  if (len < 2) return false;
  const c0 = text.charCodeAt(s);
  const c1 = text.charCodeAt(s + 1);
  if (c0 === 35) return c1 === 32 || isRuleChar(c1); // "# Title", "###"
  if (isRuleChar(c0)) return isRuleChar(c1);
  if (c0 >= 48 && c0 <= 57) return c1 === 46 || (c1 >= 48 && c1 <= 57); // "1.2 Title"
  if (c0 === 92) return c1 === 115 || c1 === 99; // \section \chapter
  if (c0 === 67) return c1 === 104 || c1 === 72; // Chapter, CHAPTER
  if (c0 === 83) return c1 === 101; // Section
  return false;
}
/**
 * URLs and menu separators: non-overlapping occurrences of `http://`, `https://`, `www.`, ` | `,
 * `»` and `›`, each found through its rarest character (`://`, `|`).
 */
function countLinks(text: string): number {
  let n = 0;
  let i = text.indexOf('://');
  while (i !== -1) {
    if (i >= 4 && text.charCodeAt(i - 1) === 112 && text.startsWith('http', i - 4)) n++;
    else if (i >= 5 && text.charCodeAt(i - 1) === 115 && text.startsWith('https', i - 5)) n++;
    i = text.indexOf('://', i + 1);
  }
  i = text.indexOf('www.');
  while (i !== -1) {
    n++;
    i = text.indexOf('www.', i + 4);
  }
  // " | " overlaps itself (" | | "): count as a left-to-right search does.
  let end = 0;
  i = text.indexOf('|');
  while (i !== -1) {
    if (i - 1 >= end && text.charCodeAt(i - 1) === 32 && text.charCodeAt(i + 1) === 32) {
      n++;
      end = i + 2;
    }
    i = text.indexOf('|', i + 1);
  }
  for (const m of ['»', '›']) {
    i = text.indexOf(m);
    while (i !== -1) {
      n++;
      i = text.indexOf(m, i + 1);
    }
  }
  return n;
}
const CAP = 16_000;

export interface TextbookInput {
  st: TextStats;
  cs: CodeStats;
  domain: Domain;
  features: DomainFeatures;
  /** Gopher repetition's duplicate line fraction, when measured. */
  dupLineFrac: number;
}

/** Computes the score and its signals. Regex signals read at most the first 60 K characters (they are densities). */
export function textbookScore(inp: TextbookInput, signals: Signals): number {
  const { st, cs, domain, features } = inp;
  const text = st.text.length > CAP ? st.text.slice(0, CAP) : st.text;
  const words = st.nWords;
  const sampleWords = Math.max(1, Math.min(words, (words * text.length) / Math.max(1, st.text.length)));
  const per1k = (n: number) => (1000 * n) / sampleWords;

  // Shared measurements.
  const { commercial, longWords, distinct, ttrWindow, phrases } = lexiconCounts(st);
  let shortLines = 0;
  let headings = 0;
  for (let li = 0; li < st.nLines; li++) {
    if (st.lineLen[li] <= 30) shortLines++;
    const ls = st.lineStart[li];
    if (ls < text.length && mayBeHeading(text, ls, Math.min(st.lineEnd[li], text.length) - ls)) {
      if (HEADING.test(text.slice(ls, st.lineEnd[li]))) headings++;
    }
  }
  const nLines = Math.max(1, st.nLines);
  const meanWordLen = words > 0 ? st.wordChars / words : 0;
  const ttr = distinct / Math.max(1, Math.min(words, ttrWindow));
  const shortLineFrac = shortLines / nLines;
  const commercialPer1k = (1000 * commercial) / Math.max(1, words);
  const links = per1k(countLinks(text));
  const bulletFrac = st.bulletLines / nLines;
  signals['edu.words'] = words;
  signals['edu.headings'] = headings;
  signals['edu.paragraphs'] = st.nParas;
  signals['edu.mean_word_length'] = round4(meanWordLen);
  signals['edu.long_word_frac'] = round4(words > 0 ? longWords / words : 0);
  signals['edu.type_token_ratio'] = round4(ttr);
  signals['edu.short_line_frac'] = round4(shortLineFrac);
  signals['edu.commercial_per_1k'] = round4(commercialPer1k);
  signals['edu.links_per_1k'] = round4(links);

  let explains = 0;
  let examples = 0;
  let structure = 0;
  let style = 0;
  let clean = 0;
  if (words >= MIN_WORDS && domain === 'code') {
    const commentFrac = st.lineChars > 0 ? cs.commentChars / st.lineChars : 0;
    // Code regexes read the first 8 K characters (counts of examples/definitions saturate early).
    const head = text.length > 8000 ? text.slice(0, 8000) : text;
    const scan = scanCodeHead(st, head);
    const codeExamples = scan.examples;
    const defs = scan.definitions;
    const idents = scan.identifiers;
    const identChars = scan.identifierChars;
    const single = scan.singleCharIdentifiers;
    const meanIdent = idents > 0 ? identChars / idents : 0;
    const singleFrac = idents > 0 ? single / idents : 0;
    const meanLine = st.nLines > 0 ? st.lineChars / st.nLines : 0;
    signals['edu.code.comment_frac'] = round4(commentFrac);
    signals['edu.code.examples'] = codeExamples;
    signals['edu.code.definitions'] = defs;
    signals['edu.code.mean_identifier_length'] = round4(meanIdent);
    signals['edu.code.single_char_identifier_frac'] = round4(singleFrac);
    explains = commentFrac >= 0.08 && commentFrac <= 0.7 ? 1 : 0;
    examples = codeExamples >= 1 ? 1 : 0;
    structure = defs >= 1 && meanLine >= 8 && meanLine <= 80 && st.maxLineLen <= 300 ? 1 : 0;
    style = meanIdent >= 3.5 && meanIdent <= 20 && singleFrac <= 0.2 ? 1 : 0;
    clean = inp.dupLineFrac <= 0.2 && commercialPer1k < 5 && features.symbolDensity < 0.25 ? 1 : 0;
  } else if (words >= MIN_WORDS) {
    const sent = Math.max(1, st.sentenceEnds);
    const meanSentence = words / sent;
    const phraseWords = Math.max(1, Math.min(words, PHRASE_TOKEN_CAP));
    const explainPer1k = (1000 * phrases[EXPLAIN]) / phraseWords;
    const defines = phrases[DEFINE];
    const exampleCount = phrases[EXAMPLE] + cs.replLines;
    const methods = (1000 * phrases[METHODS]) / phraseWords;
    const paraWords = words / Math.max(1, st.nParas);
    // Prose paragraphs: long, and made of long lines (a list of links is long but its lines are short).
    let proseParas = 0;
    for (let p = 0; p < st.nParas; p++) if (st.paraChars[p] >= 200 && st.paraChars[p] / Math.max(1, st.paraLines[p]) >= 50) proseParas++;
    signals['edu.sentences'] = sent;
    signals['edu.mean_sentence_words'] = round4(meanSentence);
    signals['edu.explain_per_1k'] = round4(explainPer1k);
    signals['edu.defines'] = defines;
    signals['edu.examples'] = exampleCount;
    signals['edu.methods_per_1k'] = round4(methods);
    signals['edu.paragraph_words'] = round4(paraWords);
    signals['edu.prose_paragraphs'] = proseParas;
    const science = domain === 'science';
    explains = explainPer1k >= 6 || defines >= 2 || (science && defines >= 1 && features.mathPer1k >= 2) ? 1 : 0;
    examples = exampleCount >= 1 || (science && features.mathPer1k >= 5) ? 1 : 0;
    structure =
      proseParas >= 3 && (headings >= 1 || proseParas >= 6) && proseParas / Math.max(1, st.nParas) >= 0.1 ? 1 : science && features.citePer1k >= 1 && methods >= 1 ? 1 : 0;
    style = meanSentence >= 8 && meanSentence <= 40 && meanWordLen >= 4.0 && meanWordLen <= 7 && ttr >= 0.3 ? 1 : 0;
    clean = commercialPer1k < 6 && shortLineFrac < 0.6 && inp.dupLineFrac <= 0.15 && links < 8 && bulletFrac < 0.5 ? 1 : 0;
  }
  signals['edu.point.explains'] = explains;
  signals['edu.point.examples'] = examples;
  signals['edu.point.structure'] = structure;
  signals['edu.point.style'] = style;
  signals['edu.point.clean'] = clean;
  return explains + examples + structure + style + clean;
}
