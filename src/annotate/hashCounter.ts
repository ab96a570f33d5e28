/**
 * A reusable open-addressing counter keyed by two 32-bit hashes (≈ 64-bit key), backed by typed
 * arrays. Clearing is O(1) through a generation stamp, so counting the n-grams of one document
 * allocates nothing. One instance per use site; not re-entrant.
 */
export class HashCounter {
  private k1 = new Int32Array(0);
  private k2 = new Int32Array(0);
  private cnt = new Int32Array(0);
  private stamp = new Uint32Array(0);
  private gen = 0;
  private mask = 0;

  /** Starts a new, empty round able to hold `expected` distinct keys. */
  reset(expected: number): void {
    let size = 1024;
    while (size < expected * 2) size <<= 1;
    if (size > this.k1.length) {
      this.k1 = new Int32Array(size);
      this.k2 = new Int32Array(size);
      this.cnt = new Int32Array(size);
      this.stamp = new Uint32Array(size);
      this.gen = 0;
    }
    this.mask = this.k1.length - 1;
    this.gen++;
    if (this.gen === 0xffffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
  }

  /** Adds one occurrence; returns the count after adding. */
  add(h1: number, h2: number): number {
    const mask = this.mask;
    let slot = (h1 ^ (h2 >>> 7)) & mask;
    for (;;) {
      if (this.stamp[slot] !== this.gen) {
        this.stamp[slot] = this.gen;
        this.k1[slot] = h1;
        this.k2[slot] = h2;
        this.cnt[slot] = 1;
        return 1;
      }
      if (this.k1[slot] === h1 && this.k2[slot] === h2) return ++this.cnt[slot];
      slot = (slot + 1) & mask;
    }
  }
}
