/**
 * Word hash → bit flags (which lexicons hold the word), in an open-addressing table over typed
 * arrays: one probe per token answers every lexicon at once, where a Set<number> per lexicon costs
 * one hashed lookup each.
 */
export class WordFlagTable {
  private readonly keys: Int32Array;
  private readonly flags: Uint8Array;
  private readonly mask: number;
  private readonly shift: number;

  /** `lexicons`: [word hashes, flag bit (1..128)] pairs; a word in several lexicons gets every bit. */
  constructor(lexicons: [Iterable<number>, number][]) {
    const all = new Map<number, number>();
    for (const [hashes, bit] of lexicons) for (const h of hashes) all.set(h, (all.get(h) ?? 0) | bit);
    let bits = 6;
    while (1 << bits < all.size * 4) bits++;
    this.keys = new Int32Array(1 << bits);
    this.flags = new Uint8Array(1 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
    for (const [h, f] of all) {
      let slot = this.slotOf(h);
      while (this.flags[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = h;
      this.flags[slot] = f;
    }
  }

  private slotOf(h: number): number {
    return Math.imul(h, 0x9e3779b1) >>> this.shift;
  }

  /** The word's flags; 0 when no lexicon holds it. */
  get(h: number): number {
    let slot = this.slotOf(h);
    for (;;) {
      const f = this.flags[slot];
      if (f === 0 || this.keys[slot] === h) return f;
      slot = (slot + 1) & this.mask;
    }
  }
}
