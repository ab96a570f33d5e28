import { createHash } from 'node:crypto';
import type { SurvivorView } from './survivorPolicy.js';

/**
 * What phase 2 keeps per document, in typed arrays instead of one object per document: ids as
 * UTF-8 bytes in one buffer, sources and licenses as small integers, the exact hash as 16 bytes.
 * A million documents with 40-byte ids cost ~95 MB here (bytesUsed), against ~260 MB for DedupItem
 * objects and their strings. Rows are in input (staging) order.
 */
export class DedupTable implements SurvivorView {
  count = 0;
  private ids: Buffer;
  /** End offset of each id in `ids` (start = end of the previous one). Float64: ids may pass 4 GB. */
  private idEnd: Float64Array;
  private sourceIdx: Uint16Array;
  readonly sourceNames: string[] = [];
  private readonly sourceAt = new Map<string, number>();
  private rank: Float64Array;
  private qual: Float64Array;
  private len: Float64Array;
  /** 128-bit exact hash per row (4 words). */
  exact: Uint32Array;
  /** 1 when the row has a usable signature (present and not empty), else 0. */
  hasSignature: Uint8Array;
  private idBytes = 0;

  constructor(capacity = 1024) {
    const n = Math.max(1, capacity);
    this.ids = Buffer.allocUnsafe(n * 32);
    this.idEnd = new Float64Array(n);
    this.sourceIdx = new Uint16Array(n);
    this.rank = new Float64Array(n);
    this.qual = new Float64Array(n);
    this.len = new Float64Array(n);
    this.exact = new Uint32Array(4 * n);
    this.hasSignature = new Uint8Array(n);
  }

  /** Appends a row; returns its number. */
  add(id: string, source: string, licenseRank: number, quality: number, length: number, exactHash: string, hasSignature: boolean): number {
    const i = this.count;
    if (i === this.idEnd.length) this.grow(Math.ceil(i * 1.5) + 16);
    const bytes = Buffer.byteLength(id, 'utf8');
    if (this.idBytes + bytes > this.ids.length) {
      const next = Buffer.allocUnsafe(Math.max(this.ids.length * 2, this.idBytes + bytes));
      this.ids.copy(next, 0, 0, this.idBytes);
      this.ids = next;
    }
    this.ids.write(id, this.idBytes, bytes, 'utf8');
    this.idBytes += bytes;
    this.idEnd[i] = this.idBytes;
    let s = this.sourceAt.get(source);
    if (s === undefined) {
      s = this.sourceNames.length;
      if (s > 0xffff) throw new Error('more than 65,536 sources in one dedup run: split the config');
      this.sourceNames.push(source);
      this.sourceAt.set(source, s);
    }
    this.sourceIdx[i] = s;
    this.rank[i] = licenseRank;
    this.qual[i] = quality;
    this.len[i] = length;
    writeHashKey(exactHash, this.exact, 4 * i);
    this.hasSignature[i] = hasSignature ? 1 : 0;
    this.count++;
    return i;
  }

  private grow(n: number): void {
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.idEnd = f64(this.idEnd);
    this.rank = f64(this.rank);
    this.qual = f64(this.qual);
    this.len = f64(this.len);
    const src = new Uint16Array(n);
    src.set(this.sourceIdx);
    this.sourceIdx = src;
    const ex = new Uint32Array(4 * n);
    ex.set(this.exact);
    this.exact = ex;
    const hs = new Uint8Array(n);
    hs.set(this.hasSignature);
    this.hasSignature = hs;
  }

  /** Bytes held by the table (its typed arrays and id buffer, at their allocated size). */
  bytesUsed(): number {
    return this.ids.length + this.idEnd.byteLength + this.sourceIdx.byteLength + this.rank.byteLength + this.qual.byteLength + this.len.byteLength + this.exact.byteLength + this.hasSignature.byteLength;
  }

  private idStart(i: number): number {
    return i === 0 ? 0 : this.idEnd[i - 1];
  }

  id(i: number): string {
    return this.ids.toString('utf8', this.idStart(i), this.idEnd[i]);
  }

  /** The UTF-8 bytes of id i (a view, valid until the next add). */
  idView(i: number): Buffer {
    return this.ids.subarray(this.idStart(i), this.idEnd[i]);
  }

  sourceIndex(i: number): number {
    return this.sourceIdx[i];
  }

  source(i: number): string {
    return this.sourceNames[this.sourceIdx[i]];
  }

  licenseRank(i: number): number {
    return this.rank[i];
  }

  quality(i: number): number {
    return this.qual[i];
  }

  length(i: number): number {
    return this.len[i];
  }

  sameExactHash(i: number, j: number): boolean {
    const e = this.exact;
    return e[4 * i] === e[4 * j] && e[4 * i + 1] === e[4 * j + 1] && e[4 * i + 2] === e[4 * j + 2] && e[4 * i + 3] === e[4 * j + 3];
  }

  /**
   * Id order as JS string comparison (UTF-16 code units), computed on the UTF-8 bytes: byte order
   * equals code point order, which equals UTF-16 order except between U+E000–U+FFFF (lead byte
   * 0xEE/0xEF) and astral characters (lead byte ≥ 0xF0, surrogates in UTF-16): that case is flipped.
   */
  compareIds(x: number, y: number): number {
    const b = this.ids;
    let i = this.idStart(x);
    const ie = this.idEnd[x];
    let j = this.idStart(y);
    const je = this.idEnd[y];
    for (; i < ie && j < je; i++, j++) {
      const p = b[i];
      const q = b[j];
      if (p === q) continue;
      if (p >= 0xf0 && (q === 0xee || q === 0xef)) return -1;
      if (q >= 0xf0 && (p === 0xee || p === 0xef)) return 1;
      return p < q ? -1 : 1;
    }
    return ie - i === je - j ? 0 : i === ie ? -1 : 1;
  }

  /** First row whose id repeats an earlier row's id, or -1. */
  firstDuplicateId(): number {
    return this.repeatedIds(1)[0]?.row ?? -1;
  }

  /** Rows whose id repeats an earlier row's id (in row order), each with the first row of that id; at most `limit`. */
  repeatedIds(limit = Infinity): { row: number; first: number }[] {
    const out: { row: number; first: number }[] = [];
    const n = this.count;
    let cap = 16;
    while (cap < n * 2) cap *= 2;
    const mask = cap - 1;
    const slotRow = new Int32Array(cap).fill(-1);
    const b = this.ids;
    for (let i = 0; i < n; i++) {
      const s0 = this.idStart(i);
      const e0 = this.idEnd[i];
      let h = 0x811c9dc5 | 0;
      for (let k = s0; k < e0; k++) h = Math.imul(h ^ b[k], 0x01000193);
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      let s = h & mask;
      for (;;) {
        const p = slotRow[s];
        if (p === -1) {
          slotRow[s] = i;
          break;
        }
        if (this.idEnd[p] - this.idStart(p) === e0 - s0 && b.compare(b, s0, e0, this.idStart(p), this.idEnd[p]) === 0) {
          out.push({ row: i, first: p });
          break;
        }
        s = (s + 1) & mask;
      }
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * For each position r of `order`, the first position q ≤ r whose row has the same exact hash
   * (r itself when new): the exact-group representative in that order.
   */
  exactFirstOccurrence(order: Int32Array): Int32Array {
    const n = order.length;
    let cap = 16;
    while (cap < n * 2) cap *= 2;
    const mask = cap - 1;
    const slotPos = new Int32Array(cap).fill(-1);
    const first = new Int32Array(n);
    const e = this.exact;
    for (let r = 0; r < n; r++) {
      const row = order[r];
      // Mix all 4 words: a real sha256 spreads in any word, but callers may pass structured keys.
      let h = Math.imul(e[4 * row] ^ 0x9e3779b1, 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 15) ^ e[4 * row + 1], 0xc2b2ae35);
      h = Math.imul(h ^ (h >>> 13) ^ e[4 * row + 2], 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 16) ^ e[4 * row + 3], 0xc2b2ae35);
      h ^= h >>> 16;
      let s = h & mask;
      for (;;) {
        const p = slotPos[s];
        if (p === -1) {
          slotPos[s] = r;
          first[r] = r;
          break;
        }
        if (this.sameExactHash(order[p], row)) {
          first[r] = p;
          break;
        }
        s = (s + 1) & mask;
      }
    }
    return first;
  }
}

const HEX32 = /^[0-9a-f]{32}$/;

/** The exact hash as 16 bytes: parsed when it is the usual 32 hex digits, else sha256 of the string (equal iff equal, barring collisions). */
function writeHashKey(hash: string, out: Uint32Array, at: number): void {
  if (HEX32.test(hash)) {
    for (let w = 0; w < 4; w++) out[at + w] = parseInt(hash.slice(8 * w, 8 * w + 8), 16) >>> 0;
    return;
  }
  const d = createHash('sha256').update(hash).digest();
  for (let w = 0; w < 4; w++) out[at + w] = d.readUInt32BE(4 * w);
}
