/**
 * A hand-written scanner that splits text exactly like gpt-tokenizer's o200k_base pre-tokenizer
 * regex (node_modules/gpt-tokenizer, encodingParams/constants.js, flags "gu"), with
 * U = [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}], W = [\p{Ll}\p{Lm}\p{Lo}\p{M}], P = [^\r\n\p{L}\p{N}] and
 * C = '(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]):
 *
 *   P?U*W+C? | P?U+W*C? | \p{N}{1,3} | ?[^\s\p{L}\p{N}]+[\r\n/]* | \s*[\r\n]+ | \s+(?!\S) | \s+
 *
 * `o200kPieceEnd` returns where the piece that starts at `pos` ends, like cl100kPreTokenizer.ts.
 * The backtracking is resolved by hand: U and W overlap (Lm, Lo, M), and M is in P too.
 */
import { bmpTable } from './cl100kPreTokenizer.js';

const LETTER = 1;
const NUMBER = 2;
const SPACE = 4;
const KNOWN = 8;
const U = 16;
const W = 32;

const RE = {
  letter: /^\p{L}$/u,
  number: /^\p{N}$/u,
  space: /^\s$/u,
  upper: /^[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]$/u,
  lower: /^[\p{Ll}\p{Lm}\p{Lo}\p{M}]$/u,
};

function classify(ch: string): number {
  return (
    (RE.letter.test(ch) ? LETTER : 0) |
    (RE.number.test(ch) ? NUMBER : 0) |
    (RE.space.test(ch) ? SPACE : 0) |
    (RE.upper.test(ch) ? U : 0) |
    (RE.lower.test(ch) ? W : 0)
  );
}

const BMP = bmpTable([
  [String.raw`\p{L}`, LETTER],
  [String.raw`\p{N}`, NUMBER],
  [String.raw`\s`, SPACE],
  [String.raw`[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`, U],
  [String.raw`[\p{Ll}\p{Lm}\p{Lo}\p{M}]`, W],
]);
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

/** Class bits of one code point (letter 1, number 2, space 4, upper-ish 16, lower-ish 32), for tests. */
export function o200kCodePointClass(cp: number): number {
  return cp < 0x10000 ? BMP[cp] : astralClass(cp);
}

const CR = 0x0d;
const LF = 0x0a;
const LNS = LETTER | NUMBER | SPACE;

/** End of a run of code points whose class has a bit of `bits`, from `i`. */
function runEnd(text: string, i: number, len: number, bits: number): number {
  while (i < len) {
    const c = text.charCodeAt(i);
    if ((c & 0xf800) !== 0xd800) {
      if (!(BMP[c] & bits)) break;
      i++;
    } else {
      if (!(classAt(text, i) & bits)) break;
      i += width;
    }
  }
  return i;
}

/** Optional case-insensitive contraction at `i`: its end, or `i`. */
function withContraction(text: string, i: number, len: number): number {
  if (i + 1 >= len || text.charCodeAt(i) !== 0x27) return i;
  const a = text.charCodeAt(i + 1) | 0x20; // lower-cases ASCII letters; only 'X'/'x' map to 'x' here
  if (a === 0x73 || a === 0x64 || a === 0x6d || a === 0x74) return i + 2; // s d m t
  if (i + 2 >= len) return i;
  const b = text.charCodeAt(i + 2) | 0x20;
  if ((a === 0x6c && b === 0x6c) || (a === 0x76 && b === 0x65) || (a === 0x72 && b === 0x65)) return i + 3; // ll ve re
  return i;
}

/** U*W+ from q with the regex's backtracking: its end, or -1. */
function upperLowerEnd(text: string, q: number, len: number): number {
  const qa = runEnd(text, q, len, U);
  if (qa < len && classAt(text, qa) & W) return runEnd(text, qa + width, len, W);
  // Give back code points of the U run until one of them can start W+ (the last W in the run).
  let last = -1;
  let lastWidth = 1;
  for (let i = q; i < qa; ) {
    const k = classAt(text, i);
    if (k & W) {
      last = i;
      lastWidth = width;
    }
    i += width;
  }
  return last < 0 ? -1 : last + lastWidth;
}

/** End (exclusive) of the o200k pre-token that starts at `pos` (0 <= pos < text.length). */
export function o200kPieceEnd(text: string, pos: number): number {
  const len = text.length;
  const c0 = text.charCodeAt(pos);
  const k0 = classAt(text, pos);
  const p1 = pos + width;
  const inP = !(k0 & (LETTER | NUMBER)) && c0 !== CR && c0 !== LF;
  // 1. P?U*W+C?: with P consumed, then without
  if (inP && p1 < len) {
    const e = upperLowerEnd(text, p1, len);
    if (e >= 0) return withContraction(text, e, len);
  }
  if (k0 & (U | W)) {
    const e = upperLowerEnd(text, pos, len);
    if (e >= 0) return withContraction(text, e, len);
    // 2. P?U+W*C?: alternative 1 failed from pos, so the U run is not followed by W: W* is empty.
    // (With P consumed it would need a U after a P; c0 in U and P means c0 is a mark, in W: 1 matched.)
    return withContraction(text, runEnd(text, pos, len, U), len);
  }
  // 2. with P consumed: a U run after c0 (alternative 1 failed there, so W* is empty)
  if (inP && p1 < len && classAt(text, p1) & U) return withContraction(text, runEnd(text, p1, len, U), len);
  // 3. \p{N}{1,3}
  if (k0 & NUMBER) {
    let i = p1;
    for (let n = 1; n < 3 && i < len && classAt(text, i) & NUMBER; n++) i += width;
    return i;
  }
  // 4. ` ?[^\s\p{L}\p{N}]+[\r\n/]*`
  let s = -1;
  if (!(k0 & LNS)) s = p1;
  else if (c0 === 0x20 && p1 < len && !(classAt(text, p1) & LNS)) s = p1 + width;
  if (s >= 0) {
    let i = s;
    while (i < len && !(classAt(text, i) & LNS)) i += width;
    while (i < len) {
      const c = text.charCodeAt(i);
      if (c !== CR && c !== LF && c !== 0x2f) break;
      i++;
    }
    return i;
  }
  // Whitespace run [pos, e) (c0 is \s: every other class was handled above).
  let e = p1;
  let lastNewline = c0 === CR || c0 === LF ? pos : -1;
  while (e < len) {
    const c = text.charCodeAt(e);
    if (!(BMP[c] & SPACE)) break;
    if (c === CR || c === LF) lastNewline = e;
    e++;
  }
  if (lastNewline >= 0) return lastNewline + 1; // 5. \s*[\r\n]+ (the greedy \s* stops before the last newline)
  if (e === len) return len; // 6. \s+(?!\S) at the end
  if (e - pos >= 2) return e - 1; // 6. leave the last space to the next piece
  return p1; // 7. \s+ of one
}
