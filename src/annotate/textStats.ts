/**
 * One pass over a document that every rule and score reads from: tokens (whitespace-separated),
 * their hashes, lines and paragraphs. Hashes instead of substrings keep the rules allocation-free,
 * which is what makes the whole annotation run at tens of MB/s.
 */

export interface TextStats {
  text: string;
  nChars: number;
  /** Whitespace-separated tokens. */
  nTokens: number;
  tokStart: Int32Array;
  tokEnd: Int32Array;
  /** Hash of the token lowercased (ASCII) with leading/trailing punctuation stripped. */
  tokHash: Int32Array;
  /** Characters of the token after stripping leading/trailing punctuation (0 = symbol-only token). */
  tokCoreLen: Int32Array;
  /** 1 when the token holds a letter. */
  tokAlpha: Uint8Array;
  /** Tokens holding a letter or digit ("non-symbol words" of Gopher). */
  nWords: number;
  /** Sum of core lengths of words. */
  wordChars: number;
  alphaWords: number;
  /** Occurrences of `#` plus ellipses (`...`, `…`). */
  hashAndEllipsis: number;
  /** Non-empty lines (after trimming). */
  nLines: number;
  lineStart: Int32Array;
  lineEnd: Int32Array;
  /** Hash of a line's tokens (whitespace-insensitive). */
  lineHash: Int32Array;
  /** Trimmed character length of each line. */
  lineLen: Int32Array;
  lineTokens: Int32Array;
  /** Index of the line's first token. */
  lineFirstTok: Int32Array;
  /** Characters in all non-empty lines (trimmed). */
  lineChars: number;
  bulletLines: number;
  ellipsisLines: number;
  /** Lines ending in terminal punctuation (. ! ? " ' and their Unicode forms). */
  punctLines: number;
  /** Count of '\n' in the text. */
  newlines: number;
  nParas: number;
  paraHash: Int32Array;
  paraChars: Int32Array;
  /** Non-empty lines of each paragraph. */
  paraLines: Int32Array;
  maxLineLen: number;
  /** Letters and digits in the whole text. */
  alnumChars: number;
  /** Non-whitespace characters. */
  visibleChars: number;
  /** Tokens ending a sentence: last character . ! ? (before closing quotes/brackets). */
  sentenceEnds: number;
  /** Characters of `{}[]();=<>_$|&\\` (code punctuation). */
  symbolChars: number;
}

/** FNV-1a style mixing; `Math.imul` keeps it in 32 bits. */
export function mix(h: number, v: number): number {
  return Math.imul(h ^ v, 0x01000193);
}

const FNV = 0x811c9dc5 | 0;

export function isLetterCode(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  // Outside ASCII: treat everything that is not punctuation/symbol blocks as a letter.
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xff00 && c <= 0xff20) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return true;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 12 || c === 11 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b);
}

/** ASCII classes: 1 upper, 2 lower, 3 digit, 4 whitespace, 5 code symbol, 0 other. */
const ASCII = new Uint8Array(128);
for (let c = 65; c <= 90; c++) ASCII[c] = 1;
for (let c = 97; c <= 122; c++) ASCII[c] = 2;
for (let c = 48; c <= 57; c++) ASCII[c] = 3;
for (const c of [32, 9, 10, 11, 12, 13]) ASCII[c] = 4;
for (const ch of '{}[]();=<>_$|&\\') ASCII[ch.charCodeAt(0)] = 5;

/**
 * Class of every UTF-16 unit, as above plus non-ASCII letters (2) and spaces (4): one table load
 * per character in the hot loop instead of range tests.
 */
const CLASS = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) CLASS[c] = c < 128 ? ASCII[c] : isSpaceCode(c) ? 4 : isLetterCode(c) ? 2 : 0;
/** The classes as bits for the hot loop: letter or digit, letter, space, code symbol, ASCII capital. */
const F_ALNUM = 1;
const F_ALPHA = 2;
const F_SPACE = 4;
const F_SYMBOL = 8;
const F_UPPER = 16;
const FLAGS = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) {
  const k = CLASS[c];
  FLAGS[c] = k === 1 ? F_ALNUM | F_ALPHA | F_UPPER : k === 2 ? F_ALNUM | F_ALPHA : k === 3 ? F_ALNUM : k === 4 ? F_SPACE : k === 5 ? F_SYMBOL : 0;
}

/**
 * Hash of a word as textStats computes it (letters and digits only, ASCII lowercased: "E.g." and
 * "eg" hash alike); used to build lexicons.
 */
export function wordHash(word: string): number {
  let h = FNV;
  let any = false;
  for (let i = 0; i < word.length; i++) {
    let c = word.charCodeAt(i);
    const k = c < 128 ? ASCII[c] : isLetterCode(c) ? 2 : 0;
    if (k === 1) c += 32;
    if (k >= 1 && k <= 3) {
      h = mix(h, c);
      any = true;
    }
  }
  if (!any) for (let i = 0; i < word.length; i++) h = mix(h, word.charCodeAt(i));
  return h;
}

function isTerminalPunct(c: number): boolean {
  // . ! ? " ' ” ’ 。 ！ ？ …
  return c === 46 || c === 33 || c === 63 || c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x2026;
}

function isBulletStart(c: number): boolean {
  // - * • ‣ ⁃ ◦ ▪ ● ○ ■ □ ➢ ✓ – —
  return c === 45 || c === 42 || c === 0x2022 || c === 0x2023 || c === 0x2043 || c === 0x25e6 || c === 0x25aa || c === 0x25cf || c === 0x25cb || c === 0x25a0 || c === 0x25a1 || c === 0x27a2 || c === 0x2713 || c === 0x2013 || c === 0x2014;
}

let cap = 0;
let tokStart = new Int32Array(0);
let tokEnd = new Int32Array(0);
let tokHash = new Int32Array(0);
let tokCoreLen = new Int32Array(0);
let tokAlpha = new Uint8Array(0);
let lineCap = 0;
let lineStart = new Int32Array(0);
let lineEnd = new Int32Array(0);
let lineHash = new Int32Array(0);
let lineLen = new Int32Array(0);
let lineTokens = new Int32Array(0);
let lineFirstTok = new Int32Array(0);
// Per line: bullet (1), ellipsis (2) and terminal-punctuation (4) flags, and the counters that are
// not derivable from token arrays; they let `selectLines` build the stats of a subset of lines.
let lineFlags = new Uint8Array(0);
let lineAlnum = new Int32Array(0);
let lineSymbols = new Int32Array(0);
let lineHashEll = new Int32Array(0);
let lineSentEnds = new Int32Array(0);
let paraHash = new Int32Array(0);
let paraChars = new Int32Array(0);
let paraLines = new Int32Array(0);

function ensureTokens(nChars: number): void {
  // Tokens ≤ chars/2 + 1.
  const need = (nChars >> 1) + 2;
  if (need > cap) {
    cap = Math.max(need, cap * 2, 1024);
    tokStart = new Int32Array(cap);
    tokEnd = new Int32Array(cap);
    tokHash = new Int32Array(cap);
    tokCoreLen = new Int32Array(cap);
    tokAlpha = new Uint8Array(cap);
  }
}

/** Makes room for `need` lines (and paragraphs), keeping the first `keep` of them. */
function ensureLines(need: number, keep: number): void {
  if (need <= lineCap) return;
  lineCap = Math.max(need, lineCap * 2, 256);
  const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
    const b = (a instanceof Uint8Array ? new Uint8Array(lineCap) : new Int32Array(lineCap)) as T;
    if (keep > 0) b.set(a.subarray(0, keep));
    return b;
  };
  lineStart = grow(lineStart);
  lineEnd = grow(lineEnd);
  lineHash = grow(lineHash);
  lineLen = grow(lineLen);
  lineTokens = grow(lineTokens);
  lineFirstTok = grow(lineFirstTok);
  lineFlags = grow(lineFlags);
  lineAlnum = grow(lineAlnum);
  lineSymbols = grow(lineSymbols);
  lineHashEll = grow(lineHashEll);
  lineSentEnds = grow(lineSentEnds);
  paraHash = grow(paraHash);
  paraChars = grow(paraChars);
  paraLines = grow(paraLines);
}

/** Text of the last `computeTextStats` call: the one the scratch buffers describe. */
let lastText: string | undefined;
let lineOf = new Int32Array(0);

function lineFlagsOf(text: string, s: number, t: number): number {
  const len = t - s;
  const last = text.charCodeAt(t - 1);
  let f = isBulletStart(text.charCodeAt(s)) ? 1 : 0;
  if (last === 0x2026 || (last === 46 && len >= 3 && text.charCodeAt(t - 2) === 46 && text.charCodeAt(t - 3) === 46)) f |= 2;
  if (isTerminalPunct(last)) f |= 4;
  return f;
}

/**
 * Computes the stats. The returned arrays are module-level scratch buffers reused by the next call
 * (one call at a time per thread): read what you need before computing stats of another text.
 */
export function computeTextStats(text: string): TextStats {
  lastText = text;
  const n = text.length;
  ensureTokens(n);
  // Lines grow on demand (a line per '\n' at most); locals so the hot loop reads no module slots.
  ensureLines(Math.min(n + 2, 1024), 0);
  const tStart = tokStart;
  const tEnd = tokEnd;
  const tHash = tokHash;
  const tCore = tokCoreLen;
  const tAlpha = tokAlpha;
  const cls = CLASS;
  const flagsOf = FLAGS;
  let nTokens = 0;
  let nWords = 0;
  let wordChars = 0;
  let alphaWords = 0;
  let hashAndEllipsis = 0;
  let nLines = 0;
  let lineChars = 0;
  let bulletLines = 0;
  let ellipsisLines = 0;
  let punctLines = 0;
  let nParas = 0;
  let maxLineLen = 0;
  let alnumChars = 0;
  let visibleChars = 0;
  let sentenceEnds = 0;
  let symbolChars = 0;
  let newlines = -1;

  let i = 0;
  let curPara = FNV;
  let curParaChars = 0;
  let curParaLines = 0;
  let paraOpen = false;
  while (i <= n) {
    newlines++;
    // One line: [i, e)
    let e = text.indexOf('\n', i);
    if (e === -1) e = n;
    let s = i;
    let t = e;
    while (s < t && cls[text.charCodeAt(s)] === 4) s++;
    while (t > s && cls[text.charCodeAt(t - 1)] === 4) t--;
    if (t > s) {
      const len = t - s;
      if (nLines >= lineCap) ensureLines(nLines + 1, nLines);
      const li = nLines++;
      lineStart[li] = s;
      lineEnd[li] = t;
      lineLen[li] = len;
      lineChars += len;
      if (len > maxLineLen) maxLineLen = len;
      const flags = lineFlagsOf(text, s, t);
      lineFlags[li] = flags;
      bulletLines += flags & 1;
      ellipsisLines += (flags >> 1) & 1;
      punctLines += (flags >> 2) & 1;
      lineFirstTok[li] = nTokens;
      const firstTok = nTokens;
      const alnum0 = alnumChars;
      const sym0 = symbolChars;
      const he0 = hashAndEllipsis;
      const sent0 = sentenceEnds;
      let lh = FNV;
      // Tokens of the line.
      let j = s;
      while (j < t) {
        let c = text.charCodeAt(j);
        if (cls[c] === 4) {
          j++;
          continue;
        }
        const ts = j;
        // One pass per token: hash of its letters/digits (lowercased); symbol-only tokens hash all
        // their characters (rare, so done after the loop).
        let h = FNV;
        let coreStart = -1;
        let coreEnd = -1;
        let alpha = 0;
        let dotRun = 0;
        while (j < t) {
          c = text.charCodeAt(j);
          const f = flagsOf[c];
          if (f & F_SPACE) break;
          if (f & F_ALNUM) {
            alnumChars++;
            alpha |= f & F_ALPHA;
            if (coreStart < 0) coreStart = j;
            coreEnd = j + 1;
            // ASCII capitals hash as lowercase: +32.
            h = Math.imul(h ^ (c + ((f & F_UPPER) << 1)), 0x01000193);
            dotRun = 0;
          } else {
            symbolChars += (f >> 3) & 1;
            if (c === 35 || c === 0x2026) hashAndEllipsis++;
            if (c === 46) {
              if (++dotRun === 3) hashAndEllipsis++;
            } else dotRun = 0;
          }
          j++;
        }
        const te = j;
        let core = 0;
        if (coreStart >= 0) core = coreEnd - coreStart;
        else for (let q = ts; q < te; q++) h = Math.imul(h ^ text.charCodeAt(q), 0x01000193);
        // Sentence end: . ! ? possibly followed by closing quotes/brackets.
        let endIdx = te - 1;
        let ce = text.charCodeAt(endIdx);
        while (endIdx > ts && (ce === 34 || ce === 39 || ce === 41 || ce === 93 || ce === 0x201d || ce === 0x2019)) ce = text.charCodeAt(--endIdx);
        if ((ce === 46 || ce === 33 || ce === 63) && core > 0) sentenceEnds++;
        const ti = nTokens++;
        tStart[ti] = ts;
        tEnd[ti] = te;
        tHash[ti] = h;
        tCore[ti] = core;
        alpha >>= 1; // F_ALPHA → 1
        tAlpha[ti] = alpha;
        if (core > 0) {
          nWords++;
          wordChars += core;
          alphaWords += alpha;
        }
        visibleChars += te - ts;
        lh = Math.imul(lh ^ h, 0x01000193);
      }
      lineHash[li] = lh;
      lineTokens[li] = nTokens - firstTok;
      lineAlnum[li] = alnumChars - alnum0;
      lineSymbols[li] = symbolChars - sym0;
      lineHashEll[li] = hashAndEllipsis - he0;
      lineSentEnds[li] = sentenceEnds - sent0;
      curPara = Math.imul(curPara ^ lh, 0x01000193);
      curParaChars += len;
      curParaLines++;
      paraOpen = true;
    } else if (paraOpen) {
      // Paragraphs ≤ lines so far: the line arrays' capacity covers them.
      paraHash[nParas] = curPara;
      paraChars[nParas] = curParaChars;
      paraLines[nParas] = curParaLines;
      nParas++;
      curPara = FNV;
      curParaChars = 0;
      curParaLines = 0;
      paraOpen = false;
    }
    i = e + 1;
  }
  if (paraOpen) {
    paraHash[nParas] = curPara;
    paraChars[nParas] = curParaChars;
    paraLines[nParas] = curParaLines;
    nParas++;
  }
  return {
    text,
    nChars: n,
    nTokens,
    tokStart,
    tokEnd,
    tokHash,
    tokCoreLen,
    tokAlpha,
    nWords,
    wordChars,
    alphaWords,
    hashAndEllipsis,
    nLines,
    lineStart,
    lineEnd,
    lineHash,
    lineLen,
    lineTokens,
    lineFirstTok,
    lineChars,
    bulletLines,
    ellipsisLines,
    punctLines,
    newlines,
    nParas,
    paraHash,
    paraChars,
    paraLines,
    maxLineLen,
    alnumChars,
    visibleChars,
    sentenceEnds,
    symbolChars,
  };
}

/**
 * The stats of `cleaned`, a text made of some lines of `st.text` joined by '\n' (C4's line
 * cleaning), derived from `st` without reading the characters again: the tokens and lines of the
 * kept lines, shifted, and one paragraph. `keepStart`/`keepEnd` hold the `nKeep` kept lines as
 * trimmed [start, end) offsets in `st.text`, in order. `st` must be the latest stats computed (it
 * is rewritten in place). Returns undefined — compute the stats of `cleaned` instead — when a kept
 * line is not exactly one of the stats' lines (trimmed differently, e.g. a zero-width space at
 * an end, which C4's trim keeps and the stats' trim drops).
 */
export function selectLines(st: TextStats, keepStart: Int32Array, keepEnd: Int32Array, nKeep: number, cleaned: string): TextStats | undefined {
  if (st.text !== lastText || st.tokStart !== tokStart || st.lineStart !== lineStart) return undefined;
  if (lineOf.length < nKeep) lineOf = new Int32Array(Math.max(nKeep, lineOf.length * 2));
  // Match every kept line to a stats line before changing anything.
  let li = 0;
  for (let k = 0; k < nKeep; k++) {
    const a = keepStart[k];
    while (li < st.nLines && lineStart[li] < a) li++;
    if (li === st.nLines || lineStart[li] !== a || lineEnd[li] !== keepEnd[k]) return undefined;
    lineOf[k] = li++;
  }
  let nTokens = 0;
  let nWords = 0;
  let wordChars = 0;
  let alphaWords = 0;
  let visibleChars = 0;
  let hashAndEllipsis = 0;
  let alnumChars = 0;
  let symbolChars = 0;
  let sentenceEnds = 0;
  let lineChars = 0;
  let maxLineLen = 0;
  let bulletLines = 0;
  let ellipsisLines = 0;
  let punctLines = 0;
  let para = FNV;
  let pos = 0;
  // In place: line k comes from line lineOf[k] ≥ k, token t from a token ≥ t.
  for (let k = 0; k < nKeep; k++) {
    const from = lineOf[k];
    const shift = pos - lineStart[from];
    const len = lineLen[from];
    const firstTok = lineFirstTok[from];
    const nt = lineTokens[from];
    const first = nTokens;
    for (let q = firstTok; q < firstTok + nt; q++) {
      const t = nTokens++;
      const ts = tokStart[q];
      const te = tokEnd[q];
      const core = tokCoreLen[q];
      const alpha = tokAlpha[q];
      tokStart[t] = ts + shift;
      tokEnd[t] = te + shift;
      tokHash[t] = tokHash[q];
      tokCoreLen[t] = core;
      tokAlpha[t] = alpha;
      visibleChars += te - ts;
      if (core > 0) {
        nWords++;
        wordChars += core;
        alphaWords += alpha;
      }
    }
    const flags = lineFlags[from];
    bulletLines += flags & 1;
    ellipsisLines += (flags >> 1) & 1;
    punctLines += (flags >> 2) & 1;
    hashAndEllipsis += lineHashEll[from];
    alnumChars += lineAlnum[from];
    symbolChars += lineSymbols[from];
    sentenceEnds += lineSentEnds[from];
    lineChars += len;
    if (len > maxLineLen) maxLineLen = len;
    const lh = lineHash[from];
    para = Math.imul(para ^ lh, 0x01000193);
    lineStart[k] = pos;
    lineEnd[k] = pos + len;
    lineHash[k] = lh;
    lineLen[k] = len;
    lineTokens[k] = nt;
    lineFirstTok[k] = first;
    lineFlags[k] = flags;
    lineHashEll[k] = lineHashEll[from];
    lineAlnum[k] = lineAlnum[from];
    lineSymbols[k] = lineSymbols[from];
    lineSentEnds[k] = lineSentEnds[from];
    pos += len + 1;
  }
  // No blank line is left: the kept lines form one paragraph.
  const nParas = nKeep > 0 ? 1 : 0;
  if (nKeep > 0) {
    paraHash[0] = para;
    paraChars[0] = lineChars;
    paraLines[0] = nKeep;
  }
  lastText = cleaned;
  return {
    text: cleaned,
    nChars: cleaned.length,
    nTokens,
    tokStart,
    tokEnd,
    tokHash,
    tokCoreLen,
    tokAlpha,
    nWords,
    wordChars,
    alphaWords,
    hashAndEllipsis,
    nLines: nKeep,
    lineStart,
    lineEnd,
    lineHash,
    lineLen,
    lineTokens,
    lineFirstTok,
    lineChars,
    bulletLines,
    ellipsisLines,
    punctLines,
    newlines: nKeep > 0 ? nKeep - 1 : 0,
    nParas,
    paraHash,
    paraChars,
    paraLines,
    maxLineLen,
    alnumChars,
    visibleChars,
    sentenceEnds,
    symbolChars,
  };
}
