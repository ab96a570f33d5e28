/**
 * Pre-token → token count cache over typed arrays (open addressing, linear probing), looked up
 * by a slice of a string without creating the slice. A hit is confirmed character by character
 * against the stored copy, so a hash collision can cost a probe but never change a count.
 * Bounded: when the table is half full or the character pool is full, it is cleared (the counts
 * never depend on what is cached, only the speed does).
 */
export class TokenCountCache {
  /** Pieces longer than this are counted every time (rare: long symbol or space runs). */
  readonly maxPieceLength: number;
  private readonly mask: number;
  private readonly maxEntries: number;
  private readonly hashes: Int32Array;
  private readonly offsets: Int32Array;
  private readonly lengths: Uint16Array; // 0 = empty slot
  private readonly counts: Uint32Array;
  private readonly pool: Uint16Array;
  private poolUsed = 0;
  private entries = 0;
  /** Lookups answered from the table / computed, since creation (for benches). */
  hits = 0;
  misses = 0;
  clears = 0;

  /**
   * @param countPiece the exact count of one pre-token (called on a miss)
   * @param slotsLog2 table size 2^slotsLog2; at most half of the slots are used
   * @param poolChars capacity of the character pool (UTF-16 units)
   */
  constructor(
    private readonly countPiece: (piece: string) => number,
    slotsLog2 = 17,
    poolChars = 1 << 21,
    maxPieceLength = 64,
  ) {
    const slots = 1 << slotsLog2;
    this.mask = slots - 1;
    this.maxEntries = slots >>> 1;
    this.hashes = new Int32Array(slots);
    this.offsets = new Int32Array(slots);
    this.lengths = new Uint16Array(slots);
    this.counts = new Uint32Array(slots);
    this.pool = new Uint16Array(poolChars);
    this.maxPieceLength = Math.min(maxPieceLength, 0xffff, poolChars);
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return this.hashes.byteLength + this.offsets.byteLength + this.lengths.byteLength + this.counts.byteLength + this.pool.byteLength;
  }

  get size(): number {
    return this.entries;
  }

  clear(): void {
    this.lengths.fill(0);
    this.poolUsed = 0;
    this.entries = 0;
    this.clears++;
  }

  /** Token count of text[start, end) (end > start). */
  count(text: string, start: number, end: number): number {
    const n = end - start;
    if (n > this.maxPieceLength) {
      this.misses++;
      return this.countPiece(text.slice(start, end));
    }
    // FNV-1a over UTF-16 units, then a final avalanche so linear probing spreads well.
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const l = this.lengths[slot];
      if (l === 0) break;
      if (l === n && this.hashes[slot] === h && this.sameChars(text, start, this.offsets[slot], n)) {
        this.hits++;
        return this.counts[slot];
      }
      slot = (slot + 1) & mask;
    }
    this.misses++;
    const c = this.countPiece(text.slice(start, end));
    if (this.entries >= this.maxEntries || this.poolUsed + n > this.pool.length) {
      this.clear();
      slot = h & mask; // the table is empty now
    }
    const off = this.poolUsed;
    for (let i = 0; i < n; i++) this.pool[off + i] = text.charCodeAt(start + i);
    this.poolUsed += n;
    this.hashes[slot] = h;
    this.offsets[slot] = off;
    this.lengths[slot] = n;
    this.counts[slot] = c;
    this.entries++;
    return c;
  }

  private sameChars(text: string, start: number, off: number, n: number): boolean {
    const pool = this.pool;
    for (let i = 0; i < n; i++) if (pool[off + i] !== text.charCodeAt(start + i)) return false;
    return true;
  }
}
