import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { ByteQueue } from './byteQueue.js';

/** One WARC record as read from the (decompressed) stream. */
export interface WarcRecord {
  /** Offset of the record in the uncompressed stream: stable, so it can key the record. */
  offset: number;
  /** WARC header fields, names lowercased. */
  headers: Map<string, string>;
  /** The record block, or undefined when it exceeded `maxBlockBytes` and was skipped unread. */
  block?: Buffer;
  blockLength: number;
}

/** Something unreadable in the file: reported, then reading resumes at the next record when it can. */
export interface WarcCorruption {
  corrupt: true;
  offset: number;
  message: string;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
const RESYNC = Buffer.from('\nWARC/1.');
const MAX_HEADER_BYTES = 1 << 20;

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * Streams the records of a .warc or .warc.gz file (any number of gzip members, as Common Crawl
 * writes one per record) with bounded memory. Decompression is zlib's (native); the WARC framing
 * is parsed here so that a truncated record or a broken gzip member ends in a reported
 * corruption with an offset, after every record before it has been yielded.
 */
export async function* readWarcRecords(file: string, opts: { maxBlockBytes: number; signal?: AbortSignal }): AsyncGenerator<WarcRecord | WarcCorruption> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = (await isGzip(file)) ? raw.pipe(createGunzip({ chunkSize: 1 << 18 })) : raw;
  if (stream !== raw) raw.on('error', (e) => stream.destroy(e));
  const q = new ByteQueue(stream[Symbol.asyncIterator]());
  try {
    for (;;) {
      if (opts.signal?.aborted) return;
      let recStart = q.offset;
      try {
        await q.skipWhile((b) => b === 0x0d || b === 0x0a);
        recStart = q.offset;
        if (!(await q.fill(1))) return;
        const end = await q.find(CRLFCRLF, MAX_HEADER_BYTES);
        if (end < 0) {
          const tail = q.buffered;
          yield { corrupt: true, offset: recStart, message: `truncated WARC header (${tail} bytes before end of file)` };
          return;
        }
        const start = (await q.peek(Math.min(end, 40))).toString('latin1');
        if (!start.startsWith('WARC/')) {
          yield { corrupt: true, offset: recStart, message: `expected a WARC/1.x record start, got ${JSON.stringify(start.split('\r\n')[0])}` };
          await q.skip(1);
          if (!(await resync(q))) return;
          continue;
        }
        const lines = (await q.read(end + 4)).toString('latin1').split('\r\n');
        const headers = new Map<string, string>();
        for (let i = 1; i < lines.length; i++) {
          const line = lines[i]!;
          const c = line.indexOf(':');
          if (c > 0) headers.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
        }
        const len = Number(headers.get('content-length'));
        if (!Number.isSafeInteger(len) || len < 0) {
          yield { corrupt: true, offset: recStart, message: `bad Content-Length ${JSON.stringify(headers.get('content-length') ?? null)}` };
          if (!(await resync(q))) return;
          continue;
        }
        if (len > opts.maxBlockBytes) {
          const skipped = await q.skip(len);
          if (skipped < len) {
            yield { corrupt: true, offset: recStart, message: `truncated record: ${skipped} of ${len} block bytes` };
            return;
          }
          yield { offset: recStart, headers, blockLength: len };
          continue;
        }
        const block = await q.read(len);
        if (block.length < len) {
          yield { corrupt: true, offset: recStart, message: `truncated record: ${block.length} of ${len} block bytes` };
          return;
        }
        yield { offset: recStart, headers, block, blockLength: len };
      } catch (e) {
        // A broken gzip member or a read error: nothing after it can be trusted in this stream.
        yield { corrupt: true, offset: recStart, message: `unreadable after uncompressed offset ${q.offset}: ${(e as Error).message}` };
        return;
      }
    }
  } finally {
    raw.destroy();
    if (stream !== raw) stream.destroy();
  }
}

/** Skips to the next line starting with WARC/1. (an uncompressed stream can recover after a bad record). */
async function resync(q: ByteQueue): Promise<boolean> {
  for (;;) {
    const i = await q.find(RESYNC, 1 << 22);
    if (i >= 0) {
      await q.skip(i + 1);
      return true;
    }
    const keep = RESYNC.length - 1;
    if (q.buffered <= keep) return false;
    await q.skip(q.buffered - keep);
    if (!(await q.fill(keep + 1))) return false;
  }
}
