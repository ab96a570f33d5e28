import type { QualityConfig } from '../config/qualitySchema.js';
import { isJsWhitespace } from './jsWhitespace.js';
import { round4, type RuleFailure, type Signals } from './ruleFailure.js';

export interface C4Result {
  /** The text after line-level cleaning (the same string when no line was dropped). */
  text: string;
  failure?: RuleFailure;
  /**
   * When lines were dropped: the kept lines as [start, end) offsets in the input text, trimmed, in
   * order (`text` is them joined by '\n'). Scratch arrays, valid until the next call.
   */
  kept?: { n: number; start: Int32Array; end: Int32Array };
}

const POLICY = ['terms of use', 'privacy policy', 'cookie policy', 'uses cookies', 'use of cookies', 'use cookies'];
/**
 * The lines holding a phrase are found over the whole text at once, then only those lines are
 * lowercased and tested as before. A line's `toLowerCase()` holds a phrase exactly when the text
 * holds it with each character folded as below: ASCII capitals and the Kelvin sign (U+212A → "k")
 * are the only characters whose lowercase is a single ASCII letter, and İ's lowercase ("i̇") can
 * only end a match on an "i", which no phrase has last.
 */
const PHRASE_LIST = ['lorem ipsum', 'javascript', ...POLICY];

function folded(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  return c === 0x212a ? 107 : c;
}

function phraseAt(text: string, at: number, phrase: string): boolean {
  if (at < 0 || at + phrase.length > text.length) return false;
  for (let k = 0; k < phrase.length; k++) if (folded(text.charCodeAt(at + k)) !== phrase.charCodeAt(k)) return false;
  return true;
}

/**
 * Each phrase is found from a rare letter it holds ("cookie" from its k), in either case: a few
 * single-character searches, then a compare at each hit, beat a case-insensitive substring search
 * per phrase.
 */
const ANCHORS = [...new Set(PHRASE_LIST.map(anchorOf))].map((ch) => {
  const phrases = PHRASE_LIST.filter((p) => anchorOf(p) === ch);
  const forms = ch === 'k' ? [ch, ch.toUpperCase(), '\u212a'] : [ch, ch.toUpperCase()];
  return { forms, phrases, offsets: phrases.map((p) => p.indexOf(ch)) };
});

function anchorOf(phrase: string): string {
  for (const ch of 'jkvfp') if (phrase.includes(ch)) return ch;
  throw new Error(`c4Rules: no anchor letter for "${phrase}"; add one of its letters to the list`);
}

/** Offsets where a phrase of PHRASE_LIST starts (case folded), ascending, into `out`. */
function findPhrases(text: string, out: number[]): void {
  for (const { forms, phrases, offsets } of ANCHORS) {
    for (const form of forms) {
      for (let q = text.indexOf(form); q >= 0; q = text.indexOf(form, q + 1)) {
        for (let k = 0; k < phrases.length; k++) if (phraseAt(text, q - offsets[k], phrases[k])) out.push(q - offsets[k]);
      }
    }
  }
  if (out.length > 1) out.sort((x, y) => x - y);
}

/** . ? ! " ” … */
function isEndMark(c: number): boolean {
  return c === 46 || c === 63 || c === 33 || c === 34 || c === 0x201d || c === 0x2026;
}

function lineCleaningOn(cfg: QualityConfig['c4']): boolean {
  return cfg.drop_lines_without_terminal_punct || cfg.min_words_per_line > 0 || cfg.max_word_length > 0 || cfg.drop_javascript_lines || cfg.drop_policy_lines || cfg.reject_curly_bracket;
}

const TERMINALS = ['.', '!', '?', '\u3002', '\uff01', '\uff1f'];

function isTerminal(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x3002 || c === 0xff01 || c === 0xff1f;
}

/** " ' ” ’ ) */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41;
}

// Next occurrence of each terminal (-1: none left), so each is searched once per hit, natively.
const nextTerminal = new Int32Array(TERMINALS.length);

/**
 * Sentence ends: terminal punctuation followed by whitespace or the end of the text. Exactly the
 * number of matches of `/[.!?。！？]+["'”’)]*(?=\s|$)/g`: a run of terminals, then of closers, counts
 * when whitespace or the end follows (backtracking cannot help: a shorter match is followed by a
 * terminal or a closer), and the search resumes after the closers either way.
 */
export function countSentences(text: string): number {
  const n = text.length;
  for (let k = 0; k < TERMINALS.length; k++) nextTerminal[k] = text.indexOf(TERMINALS[k]);
  let count = 0;
  let i = 0;
  for (;;) {
    let p = n;
    for (let k = 0; k < TERMINALS.length; k++) {
      let at = nextTerminal[k];
      if (at !== -1 && at < i) at = nextTerminal[k] = text.indexOf(TERMINALS[k], i);
      if (at !== -1 && at < p) p = at;
    }
    if (p === n) return count;
    let j = p + 1;
    while (j < n && isTerminal(text.charCodeAt(j))) j++;
    while (j < n && isCloser(text.charCodeAt(j))) j++;
    if (j === n || isJsWhitespace(text.charCodeAt(j))) count++;
    i = j;
  }
}

/** Longest run of characters other than space and tab in [s, e). */
function longestWord(text: string, s: number, e: number): number {
  let best = 0;
  let run = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) run = 0;
    else if (++run > best) best = run;
  }
  return best;
}

/** Whether the trimmed line [s, e) splits on `/\s+/` into at least `min` words. */
function hasWords(text: string, s: number, e: number, min: number): boolean {
  let words = 1;
  let inSpace = false;
  for (let i = s; i < e && words < min; i++) {
    if (isJsWhitespace(text.charCodeAt(i))) {
      if (!inSpace) words++;
      inSpace = true;
    } else inSpace = false;
  }
  return words >= min;
}

let keptStart = new Int32Array(256);
let keptEnd = new Int32Array(256);
const phraseStarts: number[] = [];

/**
 * C4 rules (Raffel et al. 2020): line-level cleaning, then document rules (lorem ipsum, `{`,
 * too few sentences). Records `c4.*` signals.
 */
export function c4Rules(text: string, cfg: QualityConfig['c4'], signals: Signals): C4Result {
  if (!cfg.enabled) return { text };
  if (!lineCleaningOn(cfg)) {
    if (cfg.reject_lorem_ipsum && /lorem ipsum/i.test(text)) return { text, failure: { reason: 'quality.c4.lorem_ipsum', detail: 'contains "lorem ipsum"' } };
    if (cfg.min_sentences > 0) {
      const s = countSentences(text);
      signals['c4.sentences'] = s;
      if (s < cfg.min_sentences) return { text, failure: { reason: 'quality.c4.min_sentences', detail: `${s} < ${cfg.min_sentences}` } };
    }
    return { text };
  }
  // Line by line over offsets: no split, no per-line trim/lowercase copies (see PHRASE_LIST).
  const n = text.length;
  const curly = cfg.reject_curly_bracket ? text.indexOf('{') : -1;
  phraseStarts.length = 0;
  findPhrases(text, phraseStarts);
  let pi = 0;
  let nonEmpty = 0;
  let dropped = 0;
  let nKept = 0;
  for (let i = 0; i <= n; ) {
    let e = text.indexOf('\n', i);
    if (e === -1) e = n;
    let a = i;
    let b = e;
    i = e + 1;
    while (a < b && isJsWhitespace(text.charCodeAt(a))) a++;
    while (b > a && isJsWhitespace(text.charCodeAt(b - 1))) b--;
    if (a === b) continue;
    nonEmpty++;
    while (pi < phraseStarts.length && phraseStarts[pi] < a) pi++;
    const lower = pi < phraseStarts.length && phraseStarts[pi] < b ? text.slice(a, b).toLowerCase() : undefined;
    if (cfg.reject_lorem_ipsum && lower !== undefined && lower.includes('lorem ipsum')) return { text, failure: { reason: 'quality.c4.lorem_ipsum', detail: 'contains "lorem ipsum"' } };
    if (curly >= a && curly < b) return { text, failure: { reason: 'quality.c4.curly_bracket', detail: 'contains "{"' } };
    const drop =
      (cfg.max_word_length > 0 && b - a > cfg.max_word_length && longestWord(text, a, b) > cfg.max_word_length) ||
      (cfg.drop_lines_without_terminal_punct && !isEndMark(text.charCodeAt(b - 1))) ||
      (cfg.min_words_per_line > 0 && !hasWords(text, a, b, cfg.min_words_per_line)) ||
      (lower !== undefined && ((cfg.drop_javascript_lines && lower.includes('javascript')) || (cfg.drop_policy_lines && POLICY.some((p) => lower.includes(p)))));
    if (drop) {
      dropped++;
      continue;
    }
    if (nKept === keptStart.length) {
      const s2 = new Int32Array(nKept * 2);
      const e2 = new Int32Array(nKept * 2);
      s2.set(keptStart);
      e2.set(keptEnd);
      keptStart = s2;
      keptEnd = e2;
    }
    keptStart[nKept] = a;
    keptEnd[nKept] = b;
    nKept++;
  }
  signals['c4.lines_dropped_frac'] = round4(nonEmpty > 0 ? dropped / nonEmpty : 0);
  let cleaned = text;
  if (dropped > 0) {
    const parts = new Array<string>(nKept);
    for (let k = 0; k < nKept; k++) parts[k] = text.slice(keptStart[k], keptEnd[k]);
    cleaned = parts.join('\n');
  }
  const kept = dropped > 0 ? { n: nKept, start: keptStart, end: keptEnd } : undefined;
  if (cfg.min_sentences > 0) {
    const s = countSentences(cleaned);
    signals['c4.sentences'] = s;
    if (s < cfg.min_sentences) return { text: cleaned, kept, failure: { reason: 'quality.c4.min_sentences', detail: `${s} < ${cfg.min_sentences} after line cleaning` } };
  }
  return { text: cleaned, kept };
}
