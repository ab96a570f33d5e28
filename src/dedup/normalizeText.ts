import { DROP, MULTI_BASE, SEP, charTable, mapAstral } from './charTable.js';

/**
 * The normalised text that shingles and exact hashes are computed on: diacritics stripped,
 * lowercase, digits → "0", punctuation/symbols/whitespace → one space, trimmed
 * (see charTable.ts for the exact rules). `shingleHashes` hashes exactly these words.
 */

let out = new Uint16Array(1 << 16);

function ensure(n: number): void {
  if (n > out.length) {
    const bigger = new Uint16Array(Math.max(n, out.length * 2));
    bigger.set(out);
    out = bigger;
  }
}

/**
 * The normalised text as UTF-16 code units in a shared buffer (valid until the next call), so
 * exact hashing never builds a string. Returns the number of units written.
 */
export function normalizeToUnits(text: string): { units: Uint16Array; length: number } {
  const { map, multi } = charTable();
  const n = text.length;
  // One input unit gives at most one output unit plus one space, except multi-unit mappings
  // (checked where they happen).
  ensure(n * 2 + 8);
  let o = 0;
  let space = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const m = map[c];
    if (m >= 0) {
      if (space) {
        out[o++] = 0x20;
        space = false;
      }
      out[o++] = m;
      continue;
    }
    if (m === SEP) {
      if (o > 0) space = true;
      continue;
    }
    let units: Uint16Array | undefined;
    if (m <= MULTI_BASE) units = multi[MULTI_BASE - m];
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d < 0xdc00 || d > 0xdfff) continue;
      i++;
      const a = mapAstral(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
      if (a === DROP) continue;
      if (a === SEP) {
        if (o > 0) space = true;
        continue;
      }
      units = a;
    }
    if (units) {
      ensure(o + units.length + 2 + (n - i) * 2);
      if (space) {
        out[o++] = 0x20;
        space = false;
      }
      for (let k = 0; k < units.length; k++) out[o++] = units[k];
    }
  }
  return { units: out, length: o };
}

export function normalizeText(text: string): string {
  const { units, length } = normalizeToUnits(text);
  return Buffer.from(units.buffer, units.byteOffset, length * 2).toString('utf16le');
}
