import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DecompressStream } from 'zstd-napi';

/** Opens a file as a byte stream, decompressing gzip or zstd by their magic bytes (not the name). */
export async function openMaybeCompressed(file: string): Promise<Readable> {
  const fh = await open(file, 'r');
  const magic = Buffer.alloc(4);
  try {
    await fh.read(magic, 0, 4, 0);
  } finally {
    await fh.close();
  }
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  let out: Readable = raw;
  if (magic[0] === 0x1f && magic[1] === 0x8b) out = raw.pipe(createGunzip({ chunkSize: 1 << 18 }));
  else if (magic.readUInt32LE(0) === 0xfd2fb528) out = raw.pipe(new DecompressStream());
  if (out !== raw) {
    raw.on('error', (e) => out.destroy(e));
    out.on('close', () => raw.destroy());
  }
  return out;
}

/**
 * Yields the lines of a byte stream as raw bytes (without the newline), numbered from 1,
 * holding at most one line (up to `maxLineBytes`) plus one chunk in memory. A longer line is
 * not kept: it is yielded as `{ tooLong: <its length> }` with no bytes, and the reader moves on
 * to the next newline (a gzip of zeros without a newline costs a chunk, not its size).
 * A final line without a newline is kept.
 */
export async function* readLines(stream: AsyncIterable<Buffer | Uint8Array>, maxLineBytes = Number.MAX_SAFE_INTEGER): AsyncGenerator<{ line: number; bytes: Buffer; tooLong?: number }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = 0; // > 0: inside an over-long line, this many bytes seen
  let line = 0;
  for await (const c of stream) {
    const chunk = Buffer.isBuffer(c) ? c : Buffer.from(c);
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      const piece = chunk.subarray(start, nl);
      if (skipping > 0 || pendingBytes + piece.length > maxLineBytes) {
        yield { line: ++line, bytes: Buffer.alloc(0), tooLong: (skipping || pendingBytes) + piece.length };
      } else {
        const bytes = pending.length ? Buffer.concat([...pending, piece]) : piece;
        yield { line: ++line, bytes: stripCr(bytes) };
      }
      pending = [];
      pendingBytes = 0;
      skipping = 0;
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (skipping > 0) skipping += rest.length;
      else if (pendingBytes + rest.length > maxLineBytes) {
        skipping = pendingBytes + rest.length;
        pending = [];
        pendingBytes = 0;
      } else {
        pending.push(rest);
        pendingBytes += rest.length;
      }
    }
  }
  if (skipping > 0) yield { line: ++line, bytes: Buffer.alloc(0), tooLong: skipping };
  else if (pending.length) yield { line: ++line, bytes: stripCr(Buffer.concat(pending)) };
}

function stripCr(b: Buffer): Buffer {
  return b.length && b[b.length - 1] === 0x0d ? b.subarray(0, b.length - 1) : b;
}
