/**
 * Word hash → bit flags (which lexicons hold the word), in an open-addressing table over typed
 * arrays: one probe per token answers every lexicon at once, where a Set<number> per lexicon costs
 * one hashed lookup each. A miss, the common case, reads only the key array (0 marks an empty
 * slot; a word hashing to 0 keeps its flags aside).
 */
export class WordFlagTable {
  private readonly keys: Int32Array;
  private readonly flags: Uint8Array;
  private readonly mask: number;
  private readonly shift: number;
  private readonly zeroFlags: number;

  /** `lexicons`: [word hashes, flag bit (1..128)] pairs; a word in several lexicons gets every bit. */
  constructor(lexicons: [Iterable<number>, number][]) {
    const all = new Map<number, number>();
    for (const [hashes, bit] of lexicons) for (const h of hashes) all.set(h, (all.get(h) ?? 0) | bit);
    this.zeroFlags = all.get(0) ?? 0;
    all.delete(0);
    let bits = 6;
    // Load under 0.4: a miss usually ends at its first slot.
    while (1 << bits < all.size * 2.5) bits++;
    this.keys = new Int32Array(1 << bits);
    this.flags = new Uint8Array(1 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
    for (const [h, f] of all) {
      let slot = this.slotOf(h);
      while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = h;
      this.flags[slot] = f;
    }
  }

  private slotOf(h: number): number {
    return Math.imul(h, 0x9e3779b1) >>> this.shift;
  }

  /** The word's flags; 0 when no lexicon holds it. */
  get(h: number): number {
    if (h === 0) return this.zeroFlags;
    let slot = this.slotOf(h);
    for (;;) {
      const k = this.keys[slot];
      if (k === h) return this.flags[slot];
      if (k === 0) return 0;
      slot = (slot + 1) & this.mask;
    }
  }
}
