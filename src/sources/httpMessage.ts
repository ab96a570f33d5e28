import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/** An HTTP response as stored in a WARC response record. */
export interface HttpMessage {
  status: number;
  /** Header fields, names lowercased; repeated fields joined with ", ". */
  headers: Map<string, string>;
  body: Buffer;
  /** Notes on what was repaired while decoding (bad chunking, ...). */
  notes: string[];
  /** Set (and body empty) when the Content-Encoding decodes beyond the cap: a reject, never memory. */
  tooLarge?: string;
}

/** Cap on a decoded body when the caller gives none. */
export const DEFAULT_MAX_DECODED_BYTES = 10_000_000;

/** Parses a stored HTTP response (status line, headers, body); undefined when it is not one. */
export function parseHttpResponse(block: Buffer, opts: { decodeContent?: boolean; maxDecodedBytes?: number } = {}): HttpMessage | undefined {
  let end = block.indexOf('\r\n\r\n');
  let sepLen = 4;
  const lf = block.indexOf('\n\n');
  if (end < 0 || (lf >= 0 && lf < end)) {
    end = lf;
    sepLen = 2;
  }
  const headEnd = end < 0 ? block.length : end;
  const lines = block.subarray(0, headEnd).toString('latin1').split(/\r?\n/);
  const m = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(lines[0] ?? '');
  if (!m) return undefined;
  const headers = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const c = lines[i]!.indexOf(':');
    if (c <= 0) continue;
    const k = lines[i]!.slice(0, c).trim().toLowerCase();
    const v = lines[i]!.slice(c + 1).trim();
    headers.set(k, headers.has(k) ? `${headers.get(k)}, ${v}` : v);
  }
  const notes: string[] = [];
  let body = end < 0 ? Buffer.alloc(0) : block.subarray(end + sepLen);
  if (/\bchunked\b/i.test(headers.get('transfer-encoding') ?? '')) {
    // Many archivers store the de-chunked body but keep the header: then the body is used as is.
    const d = dechunk(body);
    if (d) body = d;
  }
  if (opts.decodeContent !== false) {
    const d = decodeContentEncoding(body, headers.get('content-encoding'), opts.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES);
    if (d.tooLarge) return { status: Number(m[1]), headers, body: Buffer.alloc(0), notes, tooLarge: d.tooLarge };
    body = d.body;
    if (d.note) notes.push(d.note);
  }
  return { status: Number(m[1]), headers, body, notes };
}

/** Undoes HTTP chunked transfer coding; undefined when the framing does not hold. */
export function dechunk(buf: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const nl = buf.indexOf('\r\n', pos);
    if (nl < 0) return parts.length > 0 ? Buffer.concat(parts) : undefined;
    const sizeText = buf.subarray(pos, nl).toString('latin1').split(';')[0]!.trim();
    if (!/^[0-9a-f]+$/i.test(sizeText)) return undefined;
    const size = parseInt(sizeText, 16);
    if (size === 0) return Buffer.concat(parts);
    const start = nl + 2;
    if (start + size > buf.length) return undefined;
    parts.push(buf.subarray(start, start + size));
    pos = start + size;
    if (buf[pos] === 0x0d && buf[pos + 1] === 0x0a) pos += 2;
    else return undefined;
  }
}

/**
 * Undoes a Content-Encoding (gzip, deflate, br) with an output cap: a body that would decode
 * beyond `maxBytes` is `tooLarge` (zlib stops at the cap, so a bomb never fills memory); a body
 * that does not decode is kept as it is, with a note.
 */
export function decodeContentEncoding(body: Buffer, contentEncoding: string | undefined, maxBytes: number): { body: Buffer; note?: string; tooLarge?: string } {
  const enc = (contentEncoding ?? '').trim().toLowerCase();
  if (!enc || enc === 'identity') return { body };
  try {
    const d = decodeContent(body, enc, maxBytes);
    return d ? { body: d } : { body, note: `content-encoding ${enc} did not decode: body kept as stored` };
  } catch (e) {
    if (isTooLarge(e)) return { body: Buffer.alloc(0), tooLarge: `content-encoding ${enc} decodes beyond ${maxBytes} bytes (${body.length} bytes stored)` };
    return { body, note: `content-encoding ${enc} did not decode: body kept as stored` };
  }
}

/** zlib's "output would pass maxOutputLength". */
export function isTooLarge(e: unknown): boolean {
  const err = e as NodeJS.ErrnoException;
  return err?.code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|too large/i.test(err?.message ?? '');
}

/** Throws the cap error through; other failures mean "does not decode" (undefined). */
function decodeContent(body: Buffer, enc: string, maxOutputLength: number): Buffer | undefined {
  const attempt = (f: () => Buffer): Buffer | undefined => {
    try {
      return f();
    } catch (e) {
      if (isTooLarge(e)) throw e;
      return undefined;
    }
  };
  // SYNC_FLUSH keeps what decodes of a truncated stream instead of throwing it all away.
  if (enc === 'gzip' || enc === 'x-gzip') return attempt(() => gunzipSync(body, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength }));
  if (enc === 'br') return attempt(() => brotliDecompressSync(body, { maxOutputLength }));
  if (enc === 'deflate') return attempt(() => inflateSync(body, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength })) ?? attempt(() => inflateRawSync(body, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength }));
  return undefined;
}

/** The media type of a Content-Type value, lowercased, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** True when the Content-Type matches one of the patterns (`text/html`, `text/*`, `*\/*`). */
export function mediaTypeAllowed(contentType: string | undefined, patterns: readonly string[]): boolean {
  const mt = mediaType(contentType);
  return patterns.some((p) => {
    const q = p.toLowerCase();
    if (q === '*/*') return true;
    if (q.endsWith('/*')) return mt.startsWith(q.slice(0, -1));
    return mt === q;
  });
}
