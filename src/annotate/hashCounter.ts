/**
 * A reusable open-addressing counter keyed by two 32-bit hashes (≈ 64-bit key), backed by one
 * typed array. Clearing is O(1) through a generation stamp, so counting the n-grams of one document
 * allocates nothing. One instance per use site; not re-entrant.
 */
export class HashCounter {
  // Four int32 per slot, [stamp, key1, key2, count], so one probe touches one cache line.
  private tab = new Int32Array(0);
  private gen = 0;
  private mask = 0;

  /** Starts a new, empty round able to hold `expected` distinct keys. */
  reset(expected: number): void {
    let size = 1024;
    while (size < expected * 2) size <<= 1;
    if (size * 4 > this.tab.length) {
      this.tab = new Int32Array(size * 4);
      this.gen = 0;
    }
    // Only the first `size` slots: after a huge document, small ones still probe a cache-sized table.
    this.mask = size - 1;
    this.gen++;
    if (this.gen === 0x7fffffff) {
      this.tab.fill(0);
      this.gen = 1;
    }
  }

  /** Adds one occurrence; returns the count after adding. */
  add(h1: number, h2: number): number {
    const tab = this.tab;
    const mask = this.mask;
    const gen = this.gen;
    let slot = (h1 ^ (h2 >>> 7)) & mask;
    for (;;) {
      const at = slot << 2;
      if (tab[at] !== gen) {
        tab[at] = gen;
        tab[at + 1] = h1;
        tab[at + 2] = h2;
        tab[at + 3] = 1;
        return 1;
      }
      if (tab[at + 1] === h1 && tab[at + 2] === h2) return ++tab[at + 3];
      slot = (slot + 1) & mask;
    }
  }
}
