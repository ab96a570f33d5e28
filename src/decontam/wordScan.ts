import { DROP, MULTI_BASE, SEP, charTable, mapAstral } from '../dedup/charTable.js';
import { fmix32 } from '../dedup/fmix32.js';

/**
 * The words of a text under the dedup normalisation (src/dedup/charTable.ts: diacritics stripped,
 * lowercase, digits → 0, punctuation/whitespace separate words), each as two independent 32-bit
 * hashes (64 bits together) plus its start and end offset in the original text, so a matched
 * n-gram can be cut out of the text as written. No string is built.
 */
export interface WordScan {
  /** Lane A and lane B hashes of each word (FNV-1a and a multiply-rotate hash, both finalised). */
  a: Int32Array;
  b: Int32Array;
  /** UTF-16 offset of the word's first unit and one past its last, in the original text. */
  start: Int32Array;
  end: Int32Array;
  count: number;
}

let cap = 1 << 12;
let scan: WordScan = { a: new Int32Array(cap), b: new Int32Array(cap), start: new Int32Array(cap), end: new Int32Array(cap), count: 0 };

function grow(): void {
  cap *= 2;
  const g = (x: Int32Array) => {
    const y = new Int32Array(cap);
    y.set(x);
    return y;
  };
  scan = { a: g(scan.a), b: g(scan.b), start: g(scan.start), end: g(scan.end), count: scan.count };
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const B_SEED = 0x2545f491;
const B_MUL = 0x9e3779b1 | 0;

/**
 * Scans `text` into per-thread buffers (valid until the next call; copy what you keep).
 * The words are exactly those of `normalizeText(text).split(' ')`.
 */
export function scanWords(text: string): WordScan {
  const { map, multi } = charTable();
  let count = 0;
  let ha = FNV_OFFSET;
  let hb = B_SEED;
  let len = 0;
  let wStart = 0;
  let wEnd = 0;
  let { a, b, start, end } = scan;
  const n = text.length;
  // The word-ending code is written out at each place (no closure: captured mutable locals are slow).
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const m = map[c]!;
    if (m >= 0) {
      if (len === 0) wStart = i;
      ha = Math.imul(ha ^ m, FNV_PRIME);
      hb = Math.imul(((hb << 5) | (hb >>> 27)) + m, B_MUL);
      len++;
      wEnd = i + 1;
      continue;
    }
    let units: Uint16Array | undefined;
    const at = i;
    let sep = m === SEP;
    if (!sep) {
      if (m <= MULTI_BASE) units = multi[MULTI_BASE - m];
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = text.charCodeAt(i + 1);
        if (d < 0xdc00 || d > 0xdfff) continue;
        i++;
        const x = mapAstral(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        if (x === DROP) continue;
        if (x === SEP) sep = true;
        else units = x;
      }
    }
    if (sep) {
      if (len > 0) {
        if (count === cap) {
          grow();
          ({ a, b, start, end } = scan);
        }
        a[count] = fmix32(ha);
        b[count] = fmix32(hb ^ len);
        start[count] = wStart;
        end[count] = wEnd;
        count++;
        ha = FNV_OFFSET;
        hb = B_SEED;
        len = 0;
      }
      continue;
    }
    if (units) {
      if (len === 0) wStart = at;
      for (let k = 0; k < units.length; k++) {
        ha = Math.imul(ha ^ units[k]!, FNV_PRIME);
        hb = Math.imul(((hb << 5) | (hb >>> 27)) + units[k]!, B_MUL);
      }
      len += units.length;
      wEnd = i + 1;
    }
  }
  if (len > 0) {
    if (count === cap) {
      grow();
      ({ a, b, start, end } = scan);
    }
    a[count] = fmix32(ha);
    b[count] = fmix32(hb ^ len);
    start[count] = wStart;
    end[count] = wEnd;
    count++;
  }
  scan.count = count;
  return scan;
}
