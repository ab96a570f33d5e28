import type { DecontamIndex } from './decontamIndex.js';
import { basePowers, prefixHashes, type Prefixes } from './ngramKey.js';
import { FILTER_MUL, forEachSlotItem, type NgramTableData } from './ngramTable.js';
import { scanWords } from './wordScan.js';
import { fmix32 } from '../dedup/fmix32.js';

/** One evaluation item found in a text. */
export interface ItemMatch {
  item: number;
  /** Distinct n-grams of the item found in the text (1 for an item matched whole). */
  ngrams: number;
  /** ngrams / the item's distinct n-grams. */
  coverage: number;
}

export interface TextMatch {
  /** Items at or above min_coverage, by item number. */
  items: ItemMatch[];
  /** Distinct matched n-grams over those items. */
  ngrams: number;
  /** Character ranges [start, end) of the text covered by their matched windows, merged and sorted. */
  spans: [number, number][];
}

let hits = new Int32Array(3 * 256); // triplets: first word, window length, slot

const powCache = new Map<number, { pa: number; pb: number }>();
function pow(len: number): { pa: number; pb: number } {
  let p = powCache.get(len);
  if (!p) powCache.set(len, (p = basePowers(len)));
  return p;
}

// Windows that pass the pre-filter: their first word and lane-A key (per-thread scratch).
let candAt = new Int32Array(1 << 12);
let candKey = new Int32Array(1 << 12);

/** Appends a hit (first word, window length, slot), growing the scratch buffer. */
function pushHit(nh: number, i: number, len: number, s: number): number {
  if (nh + 3 > hits.length) {
    const bigger = new Int32Array(hits.length * 2);
    bigger.set(hits);
    hits = bigger;
  }
  hits[nh] = i;
  hits[nh + 1] = len;
  hits[nh + 2] = s;
  return nh + 3;
}

/**
 * Every window of `len` words looked up in the table; hits appended from `nh` on. The key is
 * keyA/keyB of ngramKey.ts written out inline: this loop is the check's whole cost. First pass:
 * each window's lane-A key tested against the table's cache-resident pre-filter, without a branch
 * (a pass is recorded by advancing the candidate count), so the CPU overlaps the filter loads and
 * mispredicts nothing; second pass: only the candidates (true hits and the filter's few false
 * positives) probe the large table, which does not fit in cache.
 */
function scanLength(p: Prefixes, words: number, len: number, table: NgramTableData, nh: number): number {
  const { pa, pb } = pow(len);
  const la = Math.imul(len, 0x9e3779b9);
  const lb = Math.imul(len, 0x27d4eb2f);
  const A = p.a;
  const B = p.b;
  const windows = words - len + 1;
  if (windows > candAt.length) {
    let n = candAt.length;
    while (n < windows) n *= 2;
    candAt = new Int32Array(n);
    candKey = new Int32Array(n);
  }
  const at = candAt;
  const keys = candKey;
  const filter = table.filter;
  const shift = table.filterShift;
  let nc = 0;
  for (let i = 0; i < windows; i++) {
    const ka = (A[i + len]! - Math.imul(A[i]!, pa) + la) | 0;
    const bits = (1 << (ka & 31)) | (1 << ((ka >>> 5) & 31)) | (1 << ((ka >>> 10) & 31)); // filterBits(ka)
    const miss = (filter[Math.imul(ka, FILTER_MUL) >>> shift]! & bits) ^ bits; // 0 when every bit is set
    at[nc] = i;
    keys[nc] = ka;
    nc += ((miss | -miss) >>> 31) ^ 1;
  }
  const slots = table.slots;
  const mask = table.mask;
  for (let c = 0; c < nc; c++) {
    const ka = keys[c]!;
    let s = ka & mask;
    if (slots[s * 3 + 2] === 0) continue;
    const i = at[c]!;
    const kb = fmix32(((B[i + len]! - Math.imul(B[i]!, pb)) ^ lb) | 0);
    for (;;) {
      if (slots[s * 3] === ka && slots[s * 3 + 1] === kb) {
        nh = pushHit(nh, i, len, s);
        break;
      }
      s = (s + 1) & mask;
      if (slots[s * 3 + 2] === 0) break;
    }
  }
  return nh;
}

// BASE^len of each whole-item length, per lane (lengths are < ngram ≤ 64).
const wholePa = new Int32Array(64);
const wholePb = new Int32Array(64);

/** Whole-item lookups, only at positions whose word starts some short item (see DecontamIndex.wholeFirst). */
function scanWhole(p: Prefixes, wordA: Int32Array, words: number, index: DecontamIndex, nh: number): number {
  const first = index.wholeFirst;
  const { slots, mask } = index.wholeTable;
  const lengths = index.wholeLengths;
  const nl = lengths.length;
  for (let l = 0; l < nl; l++) {
    const { pa, pb } = pow(lengths[l]!);
    wholePa[l] = pa;
    wholePb[l] = pb;
  }
  const A = p.a;
  const B = p.b;
  for (let i = 0; i < words; i++) {
    const f = wordA[i]! & 0xffff;
    if (((first[f >>> 5]! >>> (f & 31)) & 1) === 0) continue;
    for (let l = 0; l < nl; l++) {
      const len = lengths[l]!;
      if (i + len > words) break;
      const ka = (A[i + len]! - Math.imul(A[i]!, wholePa[l]!) + Math.imul(len, 0x9e3779b9)) | 0;
      let s = ka & mask;
      if (slots[s * 3 + 2] === 0) continue;
      const kb = fmix32(((B[i + len]! - Math.imul(B[i]!, wholePb[l]!)) ^ Math.imul(len, 0x27d4eb2f)) | 0);
      for (;;) {
        if (slots[s * 3] === ka && slots[s * 3 + 1] === kb) {
          nh = pushHit(nh, i, len, s);
          break;
        }
        s = (s + 1) & mask;
        if (slots[s * 3 + 2] === 0) break;
      }
    }
  }
  return nh;
}

/**
 * The evaluation items found in `text` under the index's normalisation and n-gram size, or
 * undefined when none reaches min_coverage. Pure; per-thread scratch buffers only.
 */
export function matchText(text: string, index: DecontamIndex): TextMatch | undefined {
  const w = scanWords(text);
  const shortest = Math.min(index.ngram, index.wholeLengths[0] ?? index.ngram);
  if (w.count < shortest) return undefined;
  const p = prefixHashes(w);
  let nh = scanLength(p, w.count, index.ngram, index.table, 0);
  if (index.wholeLengths.length) nh = scanWhole(p, w.a, w.count, index, nh);
  if (nh === 0) return undefined;

  // A hit is named by its slot; whole-item slots (window shorter than ngram) are told apart by ~slot.
  const perItem = new Map<number, Set<number>>();
  for (let h = 0; h < nh; h += 3) {
    const whole = hits[h + 1]! < index.ngram;
    const slot = whole ? ~hits[h + 2]! : hits[h + 2]!;
    forEachSlotItem(whole ? index.wholeTable : index.table, hits[h + 2]!, (item) => {
      let s = perItem.get(item);
      if (!s) perItem.set(item, (s = new Set()));
      s.add(slot);
    });
  }
  const items: ItemMatch[] = [];
  const qualifiedSlots = new Set<number>();
  for (const [item, slots] of perItem) {
    const coverage = slots.size / index.itemNgrams[item]!;
    if (coverage < index.minCoverage) continue;
    items.push({ item, ngrams: slots.size, coverage });
    for (const s of slots) qualifiedSlots.add(s);
  }
  if (items.length === 0) return undefined;
  items.sort((a, b) => a.item - b.item);

  const ranges: [number, number][] = [];
  for (let h = 0; h < nh; h += 3) {
    if (!qualifiedSlots.has(hits[h + 1]! < index.ngram ? ~hits[h + 2]! : hits[h + 2]!)) continue;
    const first = hits[h]!;
    ranges.push([w.start[first]!, w.end[first + hits[h + 1]! - 1]!]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const spans: [number, number][] = [];
  for (const r of ranges) {
    const last = spans[spans.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else spans.push([r[0], r[1]]);
  }
  return { items, ngrams: qualifiedSlots.size, spans };
}
