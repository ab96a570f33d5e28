/**
 * A pull-based byte buffer over an async stream of chunks, with the absolute offset of the
 * next unread byte. Parsers read delimited headers and fixed-length blocks without copying
 * whole files; a block larger than the caller wants can be skipped without being buffered.
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private available = 0;
  /** Absolute offset (in the stream) of the next unread byte. */
  offset: number;
  private done = false;

  constructor(private readonly source: AsyncIterator<Buffer | Uint8Array> | Iterator<Buffer | Uint8Array>, startOffset = 0) {
    this.offset = startOffset;
  }

  /** Pulls until at least `n` bytes are buffered; false at end of stream. Stream errors propagate. */
  async fill(n: number): Promise<boolean> {
    while (this.available < n) {
      if (this.done) return false;
      const r = await this.source.next();
      if (r.done) {
        this.done = true;
        return false;
      }
      const c = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
      if (c.length === 0) continue;
      this.chunks.push(c);
      this.available += c.length;
    }
    return true;
  }

  get buffered(): number {
    return this.available;
  }

  /** The buffered bytes as one buffer (coalesces once; cheap when a single chunk holds them). */
  private head(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.available)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  /** Position of `delim` relative to the next unread byte, pulling up to `maxScan` bytes; -1 when absent. */
  async find(delim: Buffer, maxScan: number): Promise<number> {
    let from = 0;
    for (;;) {
      const h = this.head();
      const i = h.indexOf(delim, from);
      if (i >= 0) return i;
      from = Math.max(0, h.length - delim.length + 1);
      if (h.length >= maxScan) return -1;
      if (!(await this.fill(this.available + 1))) return -1;
    }
  }

  /** Skips bytes while they are in `set` (e.g. CR/LF between records). */
  async skipWhile(pred: (byte: number) => boolean): Promise<void> {
    for (;;) {
      if (!(await this.fill(1))) return;
      const h = this.head();
      let i = 0;
      while (i < h.length && pred(h[i]!)) i++;
      this.consume(i);
      if (i < h.length) return;
    }
  }

  /** Reads exactly `n` bytes, or returns what is left (shorter) at end of stream. */
  async read(n: number): Promise<Buffer> {
    await this.fill(n);
    const h = this.head();
    const out = h.subarray(0, Math.min(n, h.length));
    this.consume(out.length);
    return out;
  }

  /** The next `n` buffered bytes (or fewer at end of stream) without consuming them. */
  async peek(n: number): Promise<Buffer> {
    await this.fill(n);
    return this.head().subarray(0, n);
  }

  /** Discards up to `n` bytes without keeping them; returns how many were discarded. */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      if (this.available === 0 && !(await this.fill(1))) break;
      const h = this.chunks[0]!;
      const k = Math.min(left, h.length);
      this.consume(k);
      left -= k;
    }
    return n - left;
  }

  private consume(n: number): void {
    this.offset += n;
    this.available -= n;
    while (n > 0) {
      const c = this.chunks[0]!;
      if (c.length <= n) {
        this.chunks.shift();
        n -= c.length;
      } else {
        this.chunks[0] = c.subarray(n);
        n = 0;
      }
    }
  }
}
