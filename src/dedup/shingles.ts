import { DROP, MULTI_BASE, SEP, charTable, mapAstral } from './charTable.js';
import { fmix32 } from './fmix32.js';

/**
 * 32-bit hashes of the word n-grams ("shingles") of the normalised text, computed without
 * building the normalised string: each word is hashed while it is scanned (FNV-1a over UTF-16
 * units, then a murmur3 finaliser), and each shingle combines its n word hashes. DEPENDENCIES.md
 * measured this shape (hash per word, combine per shingle) as the fastest pure-JS option.
 */

let wordBuf = new Int32Array(1 << 14);

function pushWord(count: number, h: number): number {
  if (count === wordBuf.length) {
    const bigger = new Int32Array(wordBuf.length * 2);
    bigger.set(wordBuf);
    wordBuf = bigger;
  }
  wordBuf[count] = fmix32(h);
  return count + 1;
}

/**
 * Hashes every word of `normalizeText(text)` into an internal buffer; returns the buffer and the
 * word count. The buffer is reused by the next call: copy what you keep.
 */
export function wordHashesShared(text: string): { words: Int32Array; count: number } {
  const { map, multi } = charTable();
  const FNV_PRIME = 0x01000193;
  const FNV_OFFSET = 0x811c9dc5 | 0;
  let count = 0;
  let h = FNV_OFFSET;
  let len = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const m = map[c];
    if (m >= 0) {
      h = Math.imul(h ^ m, FNV_PRIME);
      len++;
      continue;
    }
    if (m === SEP) {
      if (len > 0) {
        count = pushWord(count, h);
        h = FNV_OFFSET;
        len = 0;
      }
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
        if (len > 0) {
          count = pushWord(count, h);
          h = FNV_OFFSET;
          len = 0;
        }
        continue;
      }
      units = a;
    }
    if (units) {
      for (let k = 0; k < units.length; k++) h = Math.imul(h ^ units[k], FNV_PRIME);
      len += units.length;
    }
  }
  if (len > 0) count = pushWord(count, h);
  return { words: wordBuf, count };
}

/** Number of shingles a text of `words` words has: documents shorter than one n-gram have none. */
export function shingleCount(words: number, ngram: number): number {
  return words >= ngram ? words - ngram + 1 : 0;
}

/** Hash of the shingle starting at word `j` (words[j .. j+ngram-1]). */
export function shingleHashAt(words: Int32Array, j: number, ngram: number): number {
  let h = 0x9747b28c ^ ngram;
  for (let k = 0; k < ngram; k++) {
    h ^= words[j + k];
    h = Math.imul((h << 13) | (h >>> 19), 0x5bd1e995);
  }
  return fmix32(h);
}

/** All shingle hashes of a text, in text order (repeats included), as unsigned 32-bit values. */
export function shingleHashes(text: string, ngram: number): Uint32Array {
  const { words, count } = wordHashesShared(text);
  const out = new Uint32Array(shingleCount(count, ngram));
  for (let j = 0; j < out.length; j++) out[j] = shingleHashAt(words, j, ngram);
  return out;
}

/** The set of shingle hashes (sorted, unique): what exact Jaccard similarity is computed on. */
export function shingleSet(text: string, ngram: number): Uint32Array {
  const all = shingleHashes(text, ngram).sort();
  let k = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[k++] = all[i];
  return all.slice(0, k);
}

/** Exact Jaccard similarity of two sorted unique sets; two empty sets count as identical (1). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}
