/**
 * eld's `detect` (npm eld 2.x, Apache-2.0, Nito T.M.: languageDetector.js, LanguageResult.js) over
 * the compact table, giving the same language, scores and reliability for every input — including
 * eld's quirks, which are kept on purpose and marked "as eld" — without eld's per-call objects.
 */
import { APOSTROPHE, LETTER, type EldSmallModel } from './eldSmallModel.js';
import { findNgram } from './ngramLanguageTable.js';

export interface LanguageDetection {
  /** ISO 639-1 code, or '' when no language scored. */
  language: string;
  /** eld's `isReliable()` with its default threshold. */
  reliable: boolean;
  /** The first `top` languages of eld's `getScores()` (best first, ties by language index). */
  codes: string[];
  scores: number[];
}

const MAX_CHARS = 1000; // eld reads the first 1000 UTF-16 units
const CUT_AFTER = 350; // ... ends at the first space after 350 bytes
const ENFORCE_CUT_AFTER = 380; // ... or after any character past 380 bytes
const MAX_WORD = 70; // ... and reads at most 70 bytes of a word
const SCALE = 25; // LanguageResult.orderAndScale
const RELIABLE_RATIO = 0.75; // LanguageResult.isReliable default

// Scratch, reused by every call of this thread.
const normBuf = new Uint16Array(MAX_CHARS);
const wordBuf = new Uint8Array(ENFORCE_CUT_AFTER + 8);
// Set of this call's n-grams (eld counts distinct n-grams): a stamp per slot instead of clearing.
const SEEN_SIZE = 2048; // > 4x the most n-grams 384 bytes can make
const seenLo = new Int32Array(SEEN_SIZE);
const seenHi = new Int32Array(SEEN_SIZE);
const seenStamp = new Int32Array(SEEN_SIZE);
let stamp = 0;
const rawBuf = new Int32Array(256);
const topLangBuf = new Int32Array(8);
const topScoreBuf = new Float64Array(8);

/**
 * eld's textProcessor before lower-casing: every run of non-letters becomes one space, except
 * apostrophes ending the run (they stay, as eld's look-behind keeps them); then trimmed.
 */
function separateWords(text: string, kind: Uint8Array): string {
  const len = text.length;
  let n = 0;
  let i = 0;
  while (i < len) {
    if (kind[text.charCodeAt(i)] === LETTER) {
      normBuf[n++] = text.charCodeAt(i++);
      continue;
    }
    const s = i;
    while (i < len && kind[text.charCodeAt(i)] !== LETTER) i++;
    let e = i;
    while (e > s && kind[text.charCodeAt(e - 1)] === APOSTROPHE) e--;
    if (e > s) normBuf[n++] = 32;
    for (let k = e; k < i; k++) normBuf[n++] = text.charCodeAt(k);
  }
  // trim(): only the spaces written above can be white space.
  let a = 0;
  while (a < n && normBuf[a] === 32) a++;
  while (n > a && normBuf[n - 1] === 32) n--;
  return String.fromCharCode.apply(null, normBuf.subarray(a, n) as unknown as number[]);
}

// Distinct n-grams of the current call (eld divides by their number), and those longer than 6 chars.
let ngramCount = 0;
let longNgrams: Set<string> | undefined;
const gramBuf = new Uint8Array(6);

/** Adds an n-gram of <= 6 chars if new this call: counts it and adds its language scores. */
function addNgram(m: EldSmallModel, lo: number, hi: number, raw: Int32Array): void {
  let s = (Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1) >>> 21) & (SEEN_SIZE - 1);
  while (seenStamp[s] === stamp) {
    if (seenLo[s] === lo && seenHi[s] === hi) return;
    s = (s + 1) & (SEEN_SIZE - 1);
  }
  seenStamp[s] = stamp;
  seenLo[s] = lo;
  seenHi[s] = hi;
  ngramCount++;
  const t = m.table;
  const o = findNgram(t, lo, hi);
  if (o < 0) return;
  const span = t.slots[o + 2];
  const entries = t.entries;
  for (let e = span >>> 8, end = e + (span & 0xff); e < end; e++) raw[entries[e] >>> 16] += entries[e] & 0xffff;
}

/**
 * eld's getByteNgrams for one word of `wordLen` byte-chars in wordBuf: 4-char n-grams at stride 3
 * (the first with a leading space), then the word's end with a trailing space.
 */
function wordNgrams(m: EldSmallModel, wordLen: number, raw: Int32Array): void {
  const w = wordBuf;
  const len = wordLen > MAX_WORD ? MAX_WORD : wordLen;
  let j = 0;
  for (; j + 4 < len; j += 3) {
    if (j === 0) addNgram(m, 32 | (w[0] << 8) | (w[1] << 16) | (w[2] << 24), w[3], raw);
    else addNgram(m, w[j] | (w[j + 1] << 8) | (w[j + 2] << 16) | (w[j + 3] << 24), 0, raw);
  }
  // As eld: substring(len - 4) runs to the end of the whole word, past the 70-byte cap.
  const from = len !== 3 && len > 4 ? len - 4 : 0;
  let n = 0;
  if (j === 0) gramBuf[n++] = 32;
  if (n + (wordLen - from) + 1 > 6) {
    // Longer than any table n-gram (words over 70 bytes): only counted.
    let s = '';
    for (let k = from; k < wordLen; k++) s += String.fromCharCode(w[k]);
    longNgrams ??= new Set();
    if (!longNgrams.has(s)) {
      longNgrams.add(s);
      ngramCount++;
    }
    return;
  }
  for (let k = from; k < wordLen; k++) gramBuf[n++] = w[k];
  gramBuf[n++] = 32;
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < n; k++) {
    if (k < 4) lo |= gramBuf[k] << (8 * k);
    else hi |= gramBuf[k] << (8 * (k - 4));
  }
  addNgram(m, lo, hi, raw);
}

/** eld's strToUtf8Bytes + getByteNgrams + calculateScores over the processed text. */
function scoreText(m: EldSmallModel, str: string, raw: Int32Array): void {
  const dict = m.byteChar;
  let countBytes = 0;
  let w = 0;
  for (let ii = 0; ii < str.length; ii++) {
    let c = str.charCodeAt(ii);
    if (c < 0x80) {
      if (c === 32) {
        if (w > 0) {
          wordNgrams(m, w, raw);
          w = 0;
        }
        if (countBytes > CUT_AFTER) break;
      } else wordBuf[w++] = c;
      countBytes++;
    } else if (c < 0x800) {
      wordBuf[w++] = dict[0xc0 | (c >> 6)];
      wordBuf[w++] = dict[0x80 | (c & 0x3f)];
      countBytes += 2;
    } else if (c < 0xd800 || c >= 0xe000) {
      wordBuf[w++] = dict[0xe0 | (c >> 12)];
      wordBuf[w++] = dict[0x80 | ((c >> 6) & 0x3f)];
      wordBuf[w++] = dict[0x80 | (c & 0x3f)];
      countBytes += 3;
    } else {
      // As eld: any surrogate takes the next unit as its pair (unreachable after separateWords).
      ii++;
      c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(ii) & 0x3ff));
      wordBuf[w++] = dict[0xf0 | (c >> 18)];
      wordBuf[w++] = dict[0x80 | ((c >> 12) & 0x3f)];
      wordBuf[w++] = dict[0x80 | ((c >> 6) & 0x3f)];
      wordBuf[w++] = dict[0x80 | (c & 0x3f)];
      countBytes += 4;
    }
    if (countBytes > ENFORCE_CUT_AFTER) break;
  }
  if (w > 0) wordNgrams(m, w, raw);
}

/**
 * textProcessor, strToUtf8Bytes and the n-grams in one pass over `text`, without building the
 * separated and lower-cased string, stopping where eld's byte cut stops. Lower-cases char by char,
 * so it gives up (returns false) at a letter whose lower case needs context or two chars (Σ, İ).
 */
function scoreDirect(m: EldSmallModel, text: string, raw: Int32Array): boolean {
  const kind = m.charKind;
  const lower = m.lowerCase;
  const dict = m.byteChar;
  const n = text.length > MAX_CHARS ? MAX_CHARS : text.length;
  let countBytes = 0;
  let w = 0;
  let started = false; // trim(): no space before the first kept char
  let i = 0;
  chars: while (i < n) {
    const c = text.charCodeAt(i);
    if (kind[c] === LETTER) {
      const l = lower[c];
      if (l === 0) return false;
      i++;
      started = true;
      if (l < 0x80) {
        wordBuf[w++] = l;
        countBytes++;
      } else if (l < 0x800) {
        wordBuf[w++] = dict[0xc0 | (l >> 6)];
        wordBuf[w++] = dict[0x80 | (l & 0x3f)];
        countBytes += 2;
      } else {
        wordBuf[w++] = dict[0xe0 | (l >> 12)];
        wordBuf[w++] = dict[0x80 | ((l >> 6) & 0x3f)];
        wordBuf[w++] = dict[0x80 | (l & 0x3f)];
        countBytes += 3;
      }
      if (countBytes > ENFORCE_CUT_AFTER) break;
      continue;
    }
    // A run of non-letters: one space, then the apostrophes that end it (see separateWords).
    const s = i;
    while (i < n && kind[text.charCodeAt(i)] !== LETTER) i++;
    let e = i;
    while (e > s && kind[text.charCodeAt(e - 1)] === APOSTROPHE) e--;
    if (e > s && started) {
      if (w > 0) {
        wordNgrams(m, w, raw);
        w = 0;
      }
      if (countBytes > CUT_AFTER) break;
      countBytes++;
      if (countBytes > ENFORCE_CUT_AFTER) break;
    }
    for (let k = e; k < i; k++) {
      // Apostrophes (' ` ’) are their own lower case.
      const a = text.charCodeAt(k);
      started = true;
      if (a < 0x80) {
        wordBuf[w++] = a;
        countBytes++;
      } else if (a < 0x800) {
        wordBuf[w++] = dict[0xc0 | (a >> 6)];
        wordBuf[w++] = dict[0x80 | (a & 0x3f)];
        countBytes += 2;
      } else {
        wordBuf[w++] = dict[0xe0 | (a >> 12)];
        wordBuf[w++] = dict[0x80 | ((a >> 6) & 0x3f)];
        wordBuf[w++] = dict[0x80 | (a & 0x3f)];
        countBytes += 3;
      }
      if (countBytes > ENFORCE_CUT_AFTER) break chars;
    }
  }
  if (w > 0) wordNgrams(m, w, raw);
  return true;
}

function newCall(): void {
  ngramCount = 0;
  longNgrams = undefined;
  if (++stamp === 0x7fffffff) {
    seenStamp.fill(0);
    stamp = 1;
  }
}

/** eld.detect(text) of eld's small model, with the first `top` of getScores() in order. */
export function detectLanguage(m: EldSmallModel, text: string, top = 5): LanguageDetection {
  const nLang = m.table.languages.length;
  const raw = nLang <= rawBuf.length ? rawBuf.fill(0, 0, nLang) : new Int32Array(nLang);
  newCall();
  if (!scoreDirect(m, text, raw)) {
    // Σ or İ: eld's steps literally, through the processed string and String#toLowerCase.
    raw.fill(0, 0, nLang);
    newCall();
    const sample = text.length > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    scoreText(m, separateWords(sample, m.charKind).toLowerCase(), raw);
  }

  // getMaxLang: the first language with the highest positive raw score.
  let best = -1;
  for (let l = 0; l < nLang; l++) if (raw[l] > 0 && (best < 0 || raw[l] > raw[best])) best = l;
  if (best < 0) return { language: '', reliable: false, codes: [], scores: [] };

  // orderAndScale: score/(score+25) per n-gram, sorted best first; the sort is stable, so ties
  // keep language order. Only the first max(top, 2) are needed: insertion into a short list.
  const keep = Math.max(top, 2);
  const topLang = keep <= topLangBuf.length ? topLangBuf : new Int32Array(keep);
  const topScore = keep <= topScoreBuf.length ? topScoreBuf : new Float64Array(keep);
  let kept = 0;
  for (let l = 0; l < nLang; l++) {
    if (raw[l] <= 0) continue;
    const perNgram = raw[l] / ngramCount;
    const s = perNgram / (perNgram + SCALE);
    let k = kept;
    while (k > 0 && topScore[k - 1] < s) k--;
    if (k >= keep) continue;
    for (let j = Math.min(kept, keep - 1); j > k; j--) {
      topLang[j] = topLang[j - 1];
      topScore[j] = topScore[j - 1];
    }
    topLang[k] = l;
    topScore[k] = s;
    if (kept < keep) kept++;
  }
  // isReliable: as eld, "nextScore" is the second language's INDEX, not its score.
  const nextScore = kept > 1 ? topLang[1] : 0;
  const reliable = ngramCount >= 3 && !(m.avgScore[best] * RELIABLE_RATIO > topScore[0] || 0.01 > Math.abs(topScore[0] - nextScore));
  const n = Math.min(top, kept);
  const codes: string[] = [];
  const scores: number[] = [];
  for (let k = 0; k < n; k++) {
    codes.push(m.table.languages[topLang[k]]);
    scores.push(topScore[k]);
  }
  return { language: m.table.languages[best], reliable, codes, scores };
}
