import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { ByteQueue } from './byteQueue.js';
import { readGzipMembers, type GzipDamage } from './gzipMembers.js';

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

/** A WARC corruption that also names the compressed offset of a damaged gzip member. */
function memberDamage(offset: number, d: GzipDamage): WarcCorruption {
  const after = d.resumeAt === undefined ? 'nothing readable after it' : `reading resumed at compressed offset ${d.resumeAt}`;
  return { corrupt: true, offset, message: `damaged gzip member at compressed offset ${d.offset}: ${d.message}; ${after}` };
}

/**
 * Streams the records of a .warc or .warc.gz file with bounded memory. Decompression is zlib's
 * (native, streaming); the WARC framing is parsed here. When a gzip stream breaks, the file is
 * read again member by member from the record where it broke (Common Crawl writes one member
 * per record): the damaged member is reported with its compressed offset and skipped, and the
 * records after it are read. Every record before the damage has been yielded by then.
 */
export async function* readWarcRecords(file: string, opts: { maxBlockBytes: number; signal?: AbortSignal }): AsyncGenerator<WarcRecord | WarcCorruption> {
  const gz = await isGzip(file);
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = gz ? raw.pipe(createGunzip({ chunkSize: 1 << 18 })) : raw;
  if (stream !== raw) raw.on('error', (e) => stream.destroy(e));
  const q = new ByteQueue(stream[Symbol.asyncIterator]());
  const state = { recStart: 0 };
  try {
    yield* parseWarc(q, opts, state);
    return;
  } catch (e) {
    if (!gz) {
      yield { corrupt: true, offset: state.recStart, message: `unreadable after offset ${q.offset}: ${(e as Error).message}` };
      return;
    }
  } finally {
    raw.destroy();
    if (stream !== raw) stream.destroy();
  }
  yield* recoverByMembers(file, state.recStart, opts);
}

/**
 * Member-by-member reading from uncompressed offset `from` on: each good member is parsed on its
 * own (offsets continue from the good members before it), each damaged one is reported.
 */
async function* recoverByMembers(file: string, from: number, opts: { maxBlockBytes: number; signal?: AbortSignal }): AsyncGenerator<WarcRecord | WarcCorruption> {
  let u = 0; // uncompressed offset of the next good member (damaged members add nothing)
  let pastDamage = false;
  // A member holds one record: it may inflate to the record cap plus its headers, no more.
  for await (const m of readGzipMembers(file, 0, opts.maxBlockBytes + (2 << 20))) {
    if (opts.signal?.aborted) return;
    if ('damaged' in m) {
      // Offsets after a damage continue from where the streaming pass stopped, so keys stay unique.
      u = Math.max(u, from);
      pastDamage = true;
      yield memberDamage(u, m);
      continue;
    }
    const len = m.data.length;
    if (!pastDamage && u + len <= from) {
      u += len; // already yielded by the streaming pass
      continue;
    }
    const skip = pastDamage ? 0 : Math.max(0, from - u);
    const mq = new ByteQueue([m.data.subarray(skip)][Symbol.iterator](), u + skip);
    yield* parseWarc(mq, opts, { recStart: u + skip });
    u += len;
  }
}

/** Parses WARC records from a byte queue; throws only when the underlying stream fails. */
async function* parseWarc(q: ByteQueue, opts: { maxBlockBytes: number; signal?: AbortSignal }, state: { recStart: number }): AsyncGenerator<WarcRecord | WarcCorruption> {
  for (;;) {
    if (opts.signal?.aborted) return;
    state.recStart = q.offset;
    await q.skipWhile((b) => b === 0x0d || b === 0x0a);
    const recStart = (state.recStart = q.offset);
    if (!(await q.fill(1))) return;
    const end = await q.find(CRLFCRLF, MAX_HEADER_BYTES);
    if (end < 0) {
      yield { corrupt: true, offset: recStart, message: `truncated WARC header (${q.buffered} bytes before end of data)` };
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
