import { at, isAlnum, isDigit, isUpper, isWord } from './charClass.js';
import { IBAN_LENGTHS, ibanValid } from './ibanChecksum.js';
import type { PiiSpan } from './piiTypes.js';

/**
 * An IBAN starting at `start` (an upper-case letter at a word start): country code, two check
 * digits, then the country's BBAN length, written compact or in groups of four separated by
 * single spaces. Only checksum-valid ones count (a mistyped or made-up IBAN stays).
 */
export function detectIban(text: string, start: number): PiiSpan | null {
  if (!isUpper(at(text, start + 1)) || !isDigit(at(text, start + 2)) || !isDigit(at(text, start + 3))) return null;
  const len = IBAN_LENGTHS[text.slice(start, start + 2)];
  if (len === undefined) return null;
  let compact = text.slice(start, start + 4);
  let i = start + 4;
  while (compact.length < len && i < text.length) {
    const c = text.charCodeAt(i);
    if (isAlnum(c)) {
      compact += String.fromCharCode(c >= 97 ? c - 32 : c);
      i++;
    } else if (c === 32 && isAlnum(at(text, i + 1)) && (i - start) % 5 === 4) {
      i++; // the space between groups of four
    } else break;
  }
  if (compact.length !== len || isWord(at(text, i))) return null;
  return ibanValid(compact) ? { type: 'iban', start, end: i } : null;
}
