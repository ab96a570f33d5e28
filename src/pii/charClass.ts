/**
 * ASCII character classes as lookup tables: the scanner asks one table per character instead of
 * running a regex at every position (that is most of its speed).
 */
function table(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const ch of chars) t[ch.charCodeAt(0)] = 1;
  return t;
}
const range = (a: string, b: string) => {
  let s = '';
  for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) s += String.fromCharCode(c);
  return s;
};

const DIGITS = range('0', '9');
const LOWER = range('a', 'z');
const UPPER = range('A', 'Z');
/** 1 for [A-Za-z0-9_]; hot loops read it directly. */
export const WORD_TABLE = table(DIGITS + LOWER + UPPER + '_');
const HEX_TABLE = table(DIGITS + 'abcdefABCDEF');
const ALNUM_TABLE = table(DIGITS + LOWER + UPPER);
const B64URL_TABLE = table(DIGITS + LOWER + UPPER + '_-');

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isUpper = (c: number): boolean => c >= 65 && c <= 90;
export const isLower = (c: number): boolean => c >= 97 && c <= 122;
/** A word character in the regex sense [A-Za-z0-9_]; non-ASCII letters count too (no boundary inside a word). */
export const isWord = (c: number): boolean => (c < 128 ? WORD_TABLE[c] === 1 : c > 0xbf && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000);
export const isHex = (c: number): boolean => c < 128 && HEX_TABLE[c] === 1;
export const isAlnum = (c: number): boolean => c < 128 && ALNUM_TABLE[c] === 1;
export const isBase64Url = (c: number): boolean => c < 128 && B64URL_TABLE[c] === 1;

/** Character code at i, or 0 outside the text (so boundary checks need no range test). */
export const at = (text: string, i: number): number => (i >= 0 && i < text.length ? text.charCodeAt(i) : 0);
