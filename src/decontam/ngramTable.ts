/**
 * A compact open-addressing hash set of 64-bit n-gram keys (linear probing), each with the
 * evaluation item(s) it came from. One Int32Array of 3 words per slot — key lane A, key lane B,
 * value — in a SharedArrayBuffer, so worker threads read the same memory instead of a copy.
 * Value 0 = empty slot; v > 0 = the single item v - 1; v < 0 = list -v - 1 of several items
 * (an n-gram shared by items, e.g. a template sentence), stored in listOffsets/listItems.
 *
 * Memory: 12 bytes per slot; the table doubles when it passes MAX_LOAD, so it holds 20–40 MB per
 * million distinct n-grams (load between 0.3 and 0.6), plus 4 bytes per item in a shared list,
 * plus the pre-filter (see `filter`): 1–2 bytes per distinct n-gram.
 */
export interface NgramTableData {
  slots: Int32Array;
  /** capacity - 1 (capacity is a power of two). */
  mask: number;
  /** Distinct keys stored. */
  size: number;
  listOffsets: Int32Array;
  listItems: Int32Array;
  /**
   * A blocked Bloom filter of the keys' lane A, small enough to stay in cache (1–2 bytes per key)
   * where the table (12 bytes per slot) is not: a document window whose bits are not all set in
   * its 32-bit block is certainly absent, so only the few that pass (a few per cent of clean windows)
   * touch the table. It only skips lookups that would miss, so matches are exactly the table's.
   */
  filter: Int32Array;
  /** 32 − log2(filter blocks): block of key a is Math.imul(a, FILTER_MUL) >>> filterShift. */
  filterShift: number;
}

/** Odd multiplier whose product's top bits pick a key's filter block (independent of its low bits, which pick the bits). */
export const FILTER_MUL = 0x2c1b3c6d;
/** Filter bits per key, before rounding the block count up to a power of two. */
const FILTER_BITS_PER_KEY = 8;

/** The three bits of key a in its filter block (from a's low 15 bits). */
export function filterBits(a: number): number {
  return (1 << (a & 31)) | (1 << ((a >>> 5) & 31)) | (1 << ((a >>> 10) & 31));
}

const MAX_LOAD = 0.6;

function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4));
}

export class NgramTableBuilder {
  private slots: Int32Array;
  private mask: number;
  /** Distinct keys added so far. */
  size = 0;
  private readonly lists: number[][] = [];

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap * MAX_LOAD < expected) cap *= 2;
    this.slots = sharedInt32(cap * 3);
    this.mask = cap - 1;
  }

  /** Adds key (a, b) for `item`; returns true when this item did not have it yet. Items must arrive in increasing order. */
  add(a: number, b: number, item: number): boolean {
    const slots = this.slots;
    let s = a & this.mask;
    for (;;) {
      const v = slots[s * 3 + 2]!;
      if (v === 0) break;
      if (slots[s * 3] === a && slots[s * 3 + 1] === b) {
        if (v > 0) {
          if (v === item + 1) return false;
          this.lists.push([v - 1, item]);
          slots[s * 3 + 2] = -this.lists.length;
          return true;
        }
        const list = this.lists[-v - 1]!;
        if (list[list.length - 1] === item) return false;
        list.push(item);
        return true;
      }
      s = (s + 1) & this.mask;
    }
    slots[s * 3] = a;
    slots[s * 3 + 1] = b;
    slots[s * 3 + 2] = item + 1;
    this.size++;
    if (this.size > (this.mask + 1) * MAX_LOAD) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    const slots = sharedInt32(cap * 3);
    const mask = cap - 1;
    for (let o = 0; o < old.length; o += 3) {
      const v = old[o + 2]!;
      if (v === 0) continue;
      let s = old[o]! & mask;
      while (slots[s * 3 + 2] !== 0) s = (s + 1) & mask;
      slots[s * 3] = old[o]!;
      slots[s * 3 + 1] = old[o + 1]!;
      slots[s * 3 + 2] = v;
    }
    this.slots = slots;
    this.mask = mask;
  }

  finish(): NgramTableData {
    let total = 0;
    for (const l of this.lists) total += l.length;
    const listOffsets = sharedInt32(this.lists.length + 1);
    const listItems = sharedInt32(total);
    let at = 0;
    this.lists.forEach((l, i) => {
      listOffsets[i] = at;
      for (const x of l) listItems[at++] = x;
    });
    listOffsets[this.lists.length] = at;
    let blocks = 1024;
    while (blocks * 32 < this.size * FILTER_BITS_PER_KEY) blocks *= 2;
    const filter = sharedInt32(blocks);
    const filterShift = 32 - Math.log2(blocks);
    const slots = this.slots;
    for (let o = 0; o < slots.length; o += 3) {
      if (slots[o + 2] === 0) continue;
      const a = slots[o]!;
      filter[Math.imul(a, FILTER_MUL) >>> filterShift] |= filterBits(a);
    }
    return { slots, mask: this.mask, size: this.size, listOffsets, listItems, filter, filterShift };
  }
}

/** Slot of key (a, b), or -1. */
export function findSlot(t: NgramTableData, a: number, b: number): number {
  const slots = t.slots;
  const mask = t.mask;
  let s = a & mask;
  for (;;) {
    const v = slots[s * 3 + 2]!;
    if (v === 0) return -1;
    if (slots[s * 3] === a && slots[s * 3 + 1] === b) return s;
    s = (s + 1) & mask;
  }
}

/** Calls `f` with each item of a found slot. */
export function forEachSlotItem(t: NgramTableData, slot: number, f: (item: number) => void): void {
  const v = t.slots[slot * 3 + 2]!;
  if (v > 0) f(v - 1);
  else if (v < 0) for (let k = t.listOffsets[-v - 1]!; k < t.listOffsets[-v]!; k++) f(t.listItems[k]!);
}

/** Bytes the table holds. */
export function tableBytes(t: NgramTableData): number {
  return t.slots.byteLength + t.listOffsets.byteLength + t.listItems.byteLength + t.filter.byteLength;
}
