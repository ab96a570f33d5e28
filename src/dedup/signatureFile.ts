import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Signatures of phase 2 on disk, for corpora whose signatures do not fit the memory budget:
 * a flat file of `num_perm` little-endian u32 per row (row k at byte k × 4 × num_perm), rows in
 * staging order, written once while staging is streamed. LSH reads it sequentially once per band;
 * verification reads the two signatures it compares at their offsets.
 *
 * The file is scratch: each process writes its own and deletes it when done (`close`), so a killed
 * process leaves at most a stale file that the next run recomputes and removes (removeStaleSignatureFiles).
 */
export class SignatureFile {
  readonly rowBytes: number;
  rows = 0;
  private fd: number;
  private buf: Buffer;
  private used = 0;
  private scratch: Uint32Array[];
  private open = true;
  /** Rows already in the file (the rest sit in the write buffer). */
  private written = 0;

  constructor(
    readonly path: string,
    readonly numPerm: number,
  ) {
    this.rowBytes = 4 * numPerm;
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w+');
    this.buf = Buffer.allocUnsafe(Math.max(this.rowBytes, Math.floor((4 << 20) / this.rowBytes) * this.rowBytes));
    this.scratch = [new Uint32Array(numPerm), new Uint32Array(numPerm)];
  }

  /** Appends one row: `bytes` (4 × num_perm bytes, the staging column as is), or a row of zeros when absent. */
  append(bytes: Uint8Array | undefined): number {
    if (this.used + this.rowBytes > this.buf.length) this.flush();
    if (bytes && bytes.byteLength === this.rowBytes) this.buf.set(bytes, this.used);
    else this.buf.fill(0, this.used, this.used + this.rowBytes);
    this.used += this.rowBytes;
    return this.rows++;
  }

  /** Writes buffered rows; call before reading. */
  flush(): void {
    let o = 0;
    while (o < this.used) o += writeSync(this.fd, this.buf, o, this.used - o);
    this.used = 0;
    this.written = this.rows;
  }

  get bytes(): number {
    return this.rows * this.rowBytes;
  }

  /** Row `row` into scratch buffer `which` (0 or 1): two rows can be held at once. */
  read(row: number, which: 0 | 1): Uint32Array {
    if (row >= this.written) this.flush();
    const out = this.scratch[which];
    const view = new Uint8Array(out.buffer, out.byteOffset, this.rowBytes);
    let o = 0;
    while (o < this.rowBytes) {
      const n = readSync(this.fd, view, o, this.rowBytes - o, row * this.rowBytes + o);
      if (n === 0) throw new Error(`${this.path}: row ${row} is beyond the end of the file (truncated or deleted while in use); rerun curate dedup`);
      o += n;
    }
    return out;
  }

  /**
   * Calls `fn(row, data, offset)` for every row in file order, reading blocks of ~4 MB: the row's
   * values are data[offset .. offset + numPerm).
   */
  scan(fn: (row: number, data: Uint32Array, offset: number) => void): void {
    this.flush();
    const block = this.buf;
    const words = new Uint32Array(block.buffer, block.byteOffset, block.length >>> 2);
    const perBlock = Math.floor(block.length / this.rowBytes);
    for (let first = 0; first < this.rows; first += perBlock) {
      const rows = Math.min(perBlock, this.rows - first);
      const want = rows * this.rowBytes;
      let o = 0;
      while (o < want) {
        const n = readSync(this.fd, block, o, want - o, first * this.rowBytes + o);
        if (n === 0) throw new Error(`${this.path}: ends at row ${first} of ${this.rows} (truncated or deleted while in use); rerun curate dedup`);
        o += n;
      }
      for (let k = 0; k < rows; k++) fn(first + k, words, k * this.numPerm);
    }
  }

  /** Closes and deletes the file. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    closeSync(this.fd);
    rmSync(this.path, { force: true });
  }
}
