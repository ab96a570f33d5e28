import { DROP, MULTI_BASE, SEP, charTable, mapAstral } from './charTable.js';

/**
 * The normalised text that shingles and exact hashes are computed on: diacritics stripped,
 * lowercase, digits → "0", punctuation/symbols/whitespace → one space, trimmed
 * (see charTable.ts for the exact rules). `shingleHashes` hashes exactly these words.
 */
export function normalizeText(text: string): string {
  const { map, multi } = charTable();
  const out: string[] = [];
  let word: number[] = [];
  const flush = (): void => {
    if (word.length > 0) {
      out.push(String.fromCharCode(...word));
      word = [];
    }
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        const m = mapAstral(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        if (m === SEP) flush();
        else if (m !== DROP) for (const u of m) word.push(u);
        continue;
      }
    }
    const m = map[c];
    if (m >= 0) word.push(m);
    else if (m === SEP) flush();
    else if (m <= MULTI_BASE) for (const u of multi[MULTI_BASE - m]) word.push(u);
  }
  flush();
  return out.join(' ');
}
