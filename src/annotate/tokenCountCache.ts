/**
 * Pre-token → token count cache over one typed array (open addressing, linear probing), looked up
 * by a slice of a string without creating the slice. A hit is confirmed character by character
 * against the stored copy, so a hash collision can cost a probe but never change a count.
 *
 * Layout: 8 int32 per slot (32 bytes, two slots per cache line): hash, length << 16 | count, then
 * the piece's UTF-16 units packed two per int32 when it has at most 12 of them (most pre-tokens),
 * else an offset into a character pool. One lookup thus touches one cache line, which is what
 * made the first, array-per-field version slow (a cache miss per field on a 5 MB table).
 *
 * Bounded: when the table is half full or the pool is full, it is cleared (counts never depend on
 * what is cached, only the speed does).
 */
const STRIDE = 8;
const INLINE_UNITS = 12;

export class TokenCountCache {
  /** Pieces longer than this are counted every time (rare: long symbol or space runs). */
  readonly maxPieceLength: number;
  private readonly slotMask: number;
  private readonly maxEntries: number;
  private readonly table: Int32Array;
  private readonly pool: Uint16Array;
  private poolUsed = 0;
  private entries = 0;
  /** Pieces counted by `countPiece` since creation; `clears`: times the table was emptied. */
  misses = 0;
  clears = 0;

  /**
   * @param countPiece the exact count of one pre-token (called on a miss)
   * @param slotsLog2 table size 2^slotsLog2 slots of 32 bytes; at most half of them are used
   * @param poolChars capacity of the pool for pieces longer than 12 UTF-16 units
   * @param maxPieceLength longest piece cached (UTF-16 units, at most 4096)
   */
  constructor(
    private readonly countPiece: (piece: string) => number,
    slotsLog2 = 17,
    poolChars = 1 << 18,
    maxPieceLength = 64,
  ) {
    const slots = 1 << slotsLog2;
    this.slotMask = slots - 1;
    this.maxEntries = slots >>> 1;
    this.table = new Int32Array(slots * STRIDE);
    this.pool = new Uint16Array(poolChars);
    this.maxPieceLength = Math.min(maxPieceLength, 4096, Math.max(INLINE_UNITS, poolChars));
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return this.table.byteLength + this.pool.byteLength;
  }

  get size(): number {
    return this.entries;
  }

  clear(): void {
    this.table.fill(0);
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
    // FNV-style over pairs of UTF-16 units seeded with the length, then murmur3's finaliser.
    let h = Math.imul(n, 0x9e3779b1);
    let i = start;
    for (; i + 1 < end; i += 2) h = Math.imul(h ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), 0x01000193);
    if (i < end) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    const table = this.table;
    const slotMask = this.slotMask;
    let slot = h & slotMask;
    for (;;) {
      const base = slot * STRIDE;
      const meta = table[base + 1];
      if (meta === 0) break;
      if (table[base] === h && meta >>> 16 === n && this.sameUnits(text, start, n, base)) return meta & 0xffff;
      slot = (slot + 1) & slotMask;
    }
    this.misses++;
    const c = this.countPiece(text.slice(start, end));
    if (this.entries >= this.maxEntries || (n > INLINE_UNITS && this.poolUsed + n > this.pool.length)) {
      this.clear();
      slot = h & slotMask; // the table is empty now
    }
    const base = slot * STRIDE;
    table[base] = h;
    table[base + 1] = (n << 16) | c;
    if (n <= INLINE_UNITS) {
      for (let k = 0; k < n; k += 2) table[base + 2 + (k >> 1)] = text.charCodeAt(start + k) | (k + 1 < n ? text.charCodeAt(start + k + 1) << 16 : 0);
    } else {
      const off = this.poolUsed;
      for (let k = 0; k < n; k++) this.pool[off + k] = text.charCodeAt(start + k);
      this.poolUsed += n;
      table[base + 2] = off;
    }
    this.entries++;
    return c;
  }

  private sameUnits(text: string, start: number, n: number, base: number): boolean {
    if (n <= INLINE_UNITS) {
      const table = this.table;
      let k = 0;
      for (; k + 1 < n; k += 2) if (table[base + 2 + (k >> 1)] !== (text.charCodeAt(start + k) | (text.charCodeAt(start + k + 1) << 16))) return false;
      return k === n || table[base + 2 + (k >> 1)] === text.charCodeAt(start + k);
    }
    const pool = this.pool;
    const off = this.table[base + 2];
    for (let k = 0; k < n; k++) if (pool[off + k] !== text.charCodeAt(start + k)) return false;
    return true;
  }
}
