import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/** An HTTP response as stored in a WARC response record. */
export interface HttpMessage {
  status: number;
  /** Header fields, names lowercased; repeated fields joined with ", ". */
  headers: Map<string, string>;
  body: Buffer;
  /** Notes on what was repaired while decoding (bad chunking, ...). */
  notes: string[];
}

/** Parses a stored HTTP response (status line, headers, body); undefined when it is not one. */
export function parseHttpResponse(block: Buffer, opts: { decodeContent?: boolean } = {}): HttpMessage | undefined {
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
    const d = decodeContentEncoding(body, headers.get('content-encoding'));
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

/** Undoes a Content-Encoding (gzip, deflate, br); a body that does not decode is kept as it is, with a note. */
export function decodeContentEncoding(body: Buffer, contentEncoding: string | undefined): { body: Buffer; note?: string } {
  const enc = (contentEncoding ?? '').trim().toLowerCase();
  if (!enc || enc === 'identity') return { body };
  const d = decodeContent(body, enc);
  return d ? { body: d } : { body, note: `content-encoding ${enc} did not decode: body kept as stored` };
}

function decodeContent(body: Buffer, enc: string): Buffer | undefined {
  try {
    // SYNC_FLUSH keeps what decodes of a truncated stream instead of throwing it all away.
    if (enc === 'gzip' || enc === 'x-gzip') return gunzipSync(body, { finishFlush: constants.Z_SYNC_FLUSH });
    if (enc === 'br') return brotliDecompressSync(body);
    if (enc === 'deflate') {
      try {
        return inflateSync(body, { finishFlush: constants.Z_SYNC_FLUSH });
      } catch {
        return inflateRawSync(body, { finishFlush: constants.Z_SYNC_FLUSH });
      }
    }
  } catch {
    return undefined;
  }
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
