/**
 * A hand-written scanner that splits text exactly like gpt-tokenizer's cl100k_base pre-tokenizer
 * regex (node_modules/gpt-tokenizer, encodingParams/constants.js, flags "gu"):
 *
 *   '(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}
 *   | ?[^\s\p{L}\p{N}]+[\r\n]*|\s+$|\s*[\r\n]|\s+(?!\S)|\s
 *
 * but without allocating a match per piece: `cl100kPieceEnd` returns where the piece that starts
 * at `pos` ends. Every alternative consumes at least one code point and every code point starts
 * some alternative, so the regex's matches tile the text and walking piece ends reproduces them.
 * Code points are read as the "u" flag reads them: a valid surrogate pair is one astral code point,
 * a lone surrogate is a code point of its own (neither letter, digit nor space).
 */

/** Character class bits. Marks (\p{M}), punctuation, symbols, emoji and lone surrogates are 0. */
export const LETTER = 1;
export const NUMBER = 2;
export const SPACE = 4;
const KNOWN = 8; // astral table: the class of this code point has been computed

const LETTER_RE = /^\p{L}$/u;
const NUMBER_RE = /^\p{N}$/u;
const SPACE_RE = /^\s$/u;

function classify(ch: string): number {
  return (LETTER_RE.test(ch) ? LETTER : 0) | (NUMBER_RE.test(ch) ? NUMBER : 0) | (SPACE_RE.test(ch) ? SPACE : 0);
}

/** The BMP table is built once from the regex engine itself, so it matches it by construction. */
const BMP = bmpTable([
  [String.raw`\p{L}`, LETTER],
  [String.raw`\p{N}`, NUMBER],
  [String.raw`\s`, SPACE],
]);

/**
 * Class bits of every BMP code point: one pass of `<class>+` per class over a string of all of them
 * (index = code point), faster at load than testing them one by one. Surrogate halves are replaced
 * by U+0000 (class 0): a lone one is class 0 for the regex too, and pairs are decoded before use.
 */
export function bmpTable(classes: [string, number][]): Uint8Array {
  const units = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) units[c] = c >= 0xd800 && c <= 0xdfff ? 0 : c;
  let all = '';
  for (let c = 0; c < 0x10000; c += 0x1000) all += String.fromCharCode(...units.subarray(c, c + 0x1000));
  const table = new Uint8Array(0x10000);
  for (const [cls, bit] of classes) {
    for (const m of all.matchAll(new RegExp(`${cls}+`, 'gu'))) for (let i = m.index; i < m.index + m[0].length; i++) table[i] |= bit;
  }
  return table;
}

/** Astral code points are rare: classify on first sight with the regex, then remember (1 MB). */
const ASTRAL = new Uint8Array(0x110000 - 0x10000);

function astralClass(cp: number): number {
  const k = ASTRAL[cp - 0x10000];
  if (k !== 0) return k & ~KNOWN;
  const v = classify(String.fromCodePoint(cp));
  ASTRAL[cp - 0x10000] = v | KNOWN;
  return v;
}

/** Width in UTF-16 units of the code point last read by `classAt` (1 or 2). */
let width = 1;

/** Class bits of the code point at `i` (< text.length); sets `width`. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if ((c & 0xf800) !== 0xd800) {
    width = 1;
    return BMP[c];
  }
  if (c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if ((d & 0xfc00) === 0xdc00) {
      width = 2;
      return astralClass(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
    }
  }
  width = 1;
  return 0;
}

/** Class bits of one code point, for tests and callers that already decoded it. */
export function codePointClass(cp: number): number {
  return cp < 0x10000 ? BMP[cp] : astralClass(cp);
}

const CR = 0x0d;
const LF = 0x0a;

function letterRunEnd(text: string, i: number, len: number): number {
  // BMP code points inline (no write to `width`); surrogates through classAt.
  while (i < len) {
    const c = text.charCodeAt(i);
    if ((c & 0xf800) !== 0xd800) {
      if (!(BMP[c] & LETTER)) break;
      i++;
    } else {
      if (!(classAt(text, i) & LETTER)) break;
      i += width;
    }
  }
  return i;
}

/** ` ?[^\s\p{L}\p{N}]+[\r\n]*` after the optional space: `i` is on the first symbol. */
function symbolRunEnd(text: string, i: number, len: number): number {
  while (i < len) {
    const c = text.charCodeAt(i);
    if ((c & 0xf800) !== 0xd800) {
      if (BMP[c] !== 0) break;
      i++;
    } else {
      if (classAt(text, i) !== 0) break;
      i += width;
    }
  }
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c !== CR && c !== LF) break;
    i++;
  }
  return i;
}

/** Case-insensitive contraction after an apostrophe at `pos`: end index, or -1. */
function contractionEnd(text: string, pos: number, len: number): number {
  if (pos + 1 >= len) return -1;
  // `| 0x20` lower-cases ASCII letters; only 'X' and 'x' map to 'x' for the letters tested here.
  const a = text.charCodeAt(pos + 1) | 0x20;
  if (a === 0x73 || a === 0x64 || a === 0x6d || a === 0x74) return pos + 2; // s d m t
  if (pos + 2 >= len) return -1;
  const b = text.charCodeAt(pos + 2) | 0x20;
  if ((a === 0x6c && b === 0x6c) || (a === 0x76 && b === 0x65) || (a === 0x72 && b === 0x65)) return pos + 3; // ll ve re
  return -1;
}

/** End (exclusive) of the cl100k pre-token that starts at `pos` (0 <= pos < text.length). */
export function cl100kPieceEnd(text: string, pos: number): number {
  const len = text.length;
  const c0 = text.charCodeAt(pos);
  const k0 = classAt(text, pos);
  const p1 = pos + width;
  // 1. '(?:s|d|m|t|ll|ve|re), any case
  if (c0 === 0x27) {
    const e = contractionEnd(text, pos, len);
    if (e >= 0) return e;
  }
  // 2. [^\r\n\p{L}\p{N}]?\p{L}+ with the optional part empty
  if (k0 & LETTER) return letterRunEnd(text, p1, len);
  // 3. \p{N}{1,3}
  if (k0 & NUMBER) {
    let i = p1;
    for (let n = 1; n < 3 && i < len && classAt(text, i) & NUMBER; n++) i += width;
    return i;
  }
  // 2. again, with one leading code point that is not a letter, digit, CR or LF
  if (c0 !== CR && c0 !== LF && p1 < len && classAt(text, p1) & LETTER) return letterRunEnd(text, p1 + width, len);
  // 4. ` ?[^\s\p{L}\p{N}]+[\r\n]*` without the space
  if (!(k0 & SPACE)) return symbolRunEnd(text, p1, len);
  // 4. with the leading space (U+0020 only)
  if (c0 === 0x20 && p1 < len && classAt(text, p1) === 0) return symbolRunEnd(text, p1 + width, len);
  // Whitespace run [pos, e); all \s code points are in the BMP.
  let e = p1;
  let lastNewline = c0 === CR || c0 === LF ? pos : -1;
  while (e < len) {
    const c = text.charCodeAt(e);
    if (!(BMP[c] & SPACE)) break;
    if (c === CR || c === LF) lastNewline = e;
    e++;
  }
  if (e === len) return len; // 5. \s+$
  if (lastNewline >= 0) return lastNewline + 1; // 6. \s*[\r\n], greedy: through the last CR/LF
  if (e - pos >= 2) return e - 1; // 7. \s+(?!\S): leave the last space to the next piece
  return p1; // 8. \s
}
