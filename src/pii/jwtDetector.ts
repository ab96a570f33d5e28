import { at, isBase64Url, isWord } from './charClass.js';
import type { PiiSpan } from './piiTypes.js';

/**
 * A JSON Web Token at `start`: base64url header and payload that both decode to a JSON object
 * (so both start with "eyJ", the encoding of '{"'), and a signature (possibly empty for alg=none).
 */
export function detectJwt(text: string, start: number): PiiSpan | null {
  if (!text.startsWith('eyJ', start)) return null;
  const part = (from: number, min: number): number => {
    let e = from;
    while (e < text.length && e - from < 8192 && isBase64Url(text.charCodeAt(e))) e++;
    return e - from >= min ? e : -1;
  };
  const h = part(start, 10);
  if (h < 0 || at(text, h) !== 46 || !text.startsWith('eyJ', h + 1)) return null;
  const p = part(h + 1, 10);
  if (p < 0 || at(text, p) !== 46) return null;
  const sEnd = part(p + 1, 0);
  if (isWord(at(text, sEnd))) return null;
  return { type: 'jwt', start, end: sEnd };
}
