import { open } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';

/** One gzip member, decompressed and checked against its CRC32 and length. */
export interface GzipMember {
  /** Offset of the member in the compressed file. */
  offset: number;
  data: Buffer;
}

/** Bytes that could not be decoded; reading resumes at the next gzip member header. */
export interface GzipDamage {
  damaged: true;
  offset: number;
  /** Where the next good member starts (undefined: none, the file ends). */
  resumeAt?: number;
  message: string;
}

const WINDOW = 4 << 20;
/** A member that inflates beyond this is damage (a bomb), not memory. */
export const DEFAULT_MAX_MEMBER_BYTES = 64 << 20;

/**
 * Reads a multi-member gzip file (Common Crawl writes one member per WARC record) member by
 * member, with the compressed offset of each. A member that fails to inflate or fails its CRC is
 * reported and skipped to the next `1f 8b 08` header, so one damaged record costs only itself.
 * Memory: a window of a few MB, grown only for a single member larger than it.
 */
export async function* readGzipMembers(file: string, startAt = 0, maxMemberBytes = DEFAULT_MAX_MEMBER_BYTES): AsyncGenerator<GzipMember | GzipDamage> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    let buf = Buffer.alloc(0);
    let bufStart = startAt; // file offset of buf[0]
    let eof = false;
    const ensure = async (end: number) => {
      // makes buf hold file bytes [bufStart, end) when the file has them
      while (!eof && bufStart + buf.length < end) {
        const want = Math.max(WINDOW, end - (bufStart + buf.length));
        const chunk = Buffer.alloc(Math.min(want, size - (bufStart + buf.length)));
        if (chunk.length === 0) {
          eof = true;
          break;
        }
        const { bytesRead } = await fh.read(chunk, 0, chunk.length, bufStart + buf.length);
        if (bytesRead === 0) eof = true;
        buf = Buffer.concat([buf, chunk.subarray(0, bytesRead)]);
      }
    };
    const findMagic = async (from: number): Promise<number | undefined> => {
      let at = from;
      for (;;) {
        await ensure(at + WINDOW);
        const i = buf.indexOf(MAGIC, at - bufStart);
        if (i >= 0) return bufStart + i;
        if (eof) return undefined;
        at = bufStart + Math.max(0, buf.length - 2);
      }
    };
    let pos = startAt;
    while (pos < size) {
      if (pos - bufStart > WINDOW) {
        buf = buf.subarray(pos - bufStart);
        bufStart = pos;
      }
      await ensure(pos + 18);
      const rel = pos - bufStart;
      const damaged = async (message: string): Promise<GzipDamage> => {
        const resumeAt = await findMagic(pos + 1);
        return { damaged: true, offset: pos, resumeAt, message };
      };
      if (buf[rel] !== 0x1f || buf[rel + 1] !== 0x8b || buf[rel + 2] !== 8) {
        const d = await damaged('no gzip member header here');
        yield d;
        if (d.resumeAt === undefined) return;
        pos = d.resumeAt;
        continue;
      }
      const hdr = headerLength(buf, rel);
      let inflated: { buffer: Buffer; engine: { bytesWritten: number } } | undefined;
      let failure = '';
      for (;;) {
        if (hdr === undefined || rel + hdr > buf.length) {
          failure = 'truncated gzip header';
          break;
        }
        try {
          inflated = inflateRawSync(buf.subarray(rel + hdr), { info: true, maxOutputLength: maxMemberBytes }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
          break;
        } catch (e) {
          const err = e as Error & { code?: string };
          if (err.code === 'ERR_BUFFER_TOO_LARGE') {
            failure = `gzip member inflates beyond ${maxMemberBytes} bytes`;
            break;
          }
          if (err.code === 'Z_BUF_ERROR' && !eof) {
            await ensure(bufStart + buf.length + Math.max(WINDOW, buf.length)); // a member longer than the window
            continue;
          }
          failure = err.code === 'Z_BUF_ERROR' ? 'truncated gzip member' : `bad deflate data (${err.message})`;
          break;
        }
      }
      if (!inflated) {
        const d = await damaged(failure);
        yield d;
        if (d.resumeAt === undefined) return;
        pos = d.resumeAt;
        continue;
      }
      const end = rel + hdr! + inflated.engine.bytesWritten;
      await ensure(bufStart + end + 8);
      const r2 = pos - bufStart; // ensure() never moves bufStart
      const trailerAt = r2 + hdr! + inflated.engine.bytesWritten;
      if (trailerAt + 8 > buf.length) {
        yield { damaged: true, offset: pos, message: 'truncated gzip trailer' };
        return;
      }
      const crc = buf.readUInt32LE(trailerAt);
      const isize = buf.readUInt32LE(trailerAt + 4);
      if (crc !== crc32(inflated.buffer) || isize !== (inflated.buffer.length >>> 0)) {
        const d = await damaged('gzip member fails its CRC/length check');
        yield d;
        if (d.resumeAt === undefined) return;
        pos = d.resumeAt;
        continue;
      }
      yield { offset: pos, data: inflated.buffer };
      pos = bufStart + trailerAt + 8;
    }
  } finally {
    await fh.close();
  }
}

const MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);

/** Length of the gzip member header at `at` (RFC 1952 optional fields included), or undefined when cut. */
function headerLength(buf: Buffer, at: number): number | undefined {
  const flags = buf[at + 3]!;
  let p = at + 10;
  if (flags & 4) {
    if (p + 2 > buf.length) return undefined;
    p += 2 + buf.readUInt16LE(p);
  }
  for (const bit of [8, 16]) {
    if (flags & bit) {
      const z = buf.indexOf(0, p);
      if (z < 0) return undefined;
      p = z + 1;
    }
  }
  if (flags & 2) p += 2;
  return p > buf.length ? undefined : p - at;
}
