import type { ContentType, RawRecord } from '../core/doc.js';
import type { WarcSourceConfig } from '../config/sourceSchema.js';
import { contentTypeFromName } from '../extract/sniffContentType.js';
import { mediaType, mediaTypeAllowed, parseHttpResponse } from './httpMessage.js';
import { listSourceFiles, partitionFile } from './sourceFiles.js';
import { withoutUserinfo } from './urlUserinfo.js';
import type { SourceEnv, SourceReader } from './sourceReader.js';
import { readWarcRecords, type WarcRecord } from './warcRecordStream.js';

const WARC_SUFFIXES = ['.warc', '.warc.gz'];

/** Record types that are documents; the others (request, warcinfo, metadata) are only counted. */
const DOCUMENT_TYPES = new Set(['response', 'resource', 'conversion', 'revisit']);

/** `url`: servers send reST sources, notebooks and LaTeX as text/plain or octet-stream; the URL's file name then says which. */
export function contentTypeOfMime(mime: string | undefined, url = ''): ContentType {
  const mt = mediaType(mime);
  if (mt === 'text/html' || mt === 'application/xhtml+xml') return 'html';
  if (mt === 'text/markdown' || mt === 'text/x-markdown') return 'markdown';
  if (mt === 'application/x-tex' || mt === 'text/x-tex') return 'latex';
  if (mt === 'text/x-rst' || mt === 'text/prs.fallenstein.rst') return 'rst';
  if (mt === 'application/x-ipynb+json') return 'ipynb';
  if (mt === 'application/pdf') return 'pdf';
  if (mt === '' || mt === 'text/plain' || mt === 'application/octet-stream') {
    const byName = contentTypeFromName(url.replace(/[?#].*$/, ''));
    if (byName === 'rst' || byName === 'ipynb' || byName === 'latex' || byName === 'markdown' || byName === 'pdf') return byName;
  }
  return 'text';
}

export const warcReader: SourceReader<WarcSourceConfig> = {
  async listPartitions(src, env) {
    const { files } = await listSourceFiles(src.path, env.baseDir, WARC_SUFFIXES);
    return files.map((id) => ({ id }));
  },

  async *read(src, part, env) {
    const { root } = await listSourceFiles(src.path, env.baseDir, WARC_SUFFIXES);
    const file = partitionFile(root, part.id);
    for await (const r of readWarcRecords(file, { maxBlockBytes: src.max_record_bytes, signal: env.signal })) {
      if ('corrupt' in r) {
        env.ctx.reject({ source: src.id, key: `${part.id}@${r.offset}`, url: '' }, 'source.warc.corrupt', `${part.id} at offset ${r.offset}: ${r.message}`, 'source');
        continue;
      }
      const doc = toRawRecord(src, part.id, r, env);
      if (doc) yield doc;
    }
  },
};

function toRawRecord(src: WarcSourceConfig, fileId: string, r: WarcRecord, env: SourceEnv): RawRecord | undefined {
  const type = (r.headers.get('warc-type') ?? '').toLowerCase();
  if (!DOCUMENT_TYPES.has(type)) {
    env.count?.(`source.warc.${type || 'untyped'}`);
    return undefined;
  }
  const url = withoutUserinfo((r.headers.get('warc-target-uri') ?? '').replace(/^<(.*)>$/, '$1'));
  const ref = { source: src.id, key: `${fileId}@${r.offset}`, url };
  const reject = (reason: string, detail: string): undefined => {
    env.ctx.reject(ref, reason, detail, 'source');
    return undefined;
  };
  if (type === 'revisit') return reject('source.warc.revisit', `revisit of ${r.headers.get('warc-refers-to') ?? 'an earlier capture'} (${r.headers.get('warc-profile') ?? 'no profile'})`);
  if (!r.block) return reject('source.too_large', `record block ${r.blockLength} bytes > max_record_bytes ${src.max_record_bytes}`);
  let body: Buffer;
  let mime: string | undefined;
  if (type === 'response' && /application\/http/i.test(r.headers.get('content-type') ?? 'application/http')) {
    const http = parseHttpResponse(r.block, { maxDecodedBytes: src.max_record_bytes });
    if (!http) return reject('source.warc.bad_http', 'response record without an HTTP status line');
    if (http.tooLarge) return reject('source.too_large', `${http.tooLarge} > max_record_bytes ${src.max_record_bytes}`);
    if (http.status !== 200) return reject(`source.warc.status_${http.status}`, `HTTP ${http.status}`);
    mime = http.headers.get('content-type');
    body = http.body;
    for (const n of http.notes) env.ctx.warn(`${src.id} ${ref.key} ${url}: ${n}`);
  } else {
    mime = r.headers.get('content-type');
    body = r.block;
  }
  if (!mediaTypeAllowed(mime, src.content_types)) return reject('source.warc.not_html', `Content-Type ${mediaType(mime) || '(none)'} not in content_types`);
  const date = normaliseDate(r.headers.get('warc-date'));
  const rec: RawRecord = { ...ref, body: new Uint8Array(body.buffer, body.byteOffset, body.length), contentType: contentTypeOfMime(mime, ref.url), bytes: body.length };
  if (mime) rec.mime = mime;
  if (date) rec.date = date;
  // The crawl date of the capture is its version (the config's `version` wins at shard time).
  if (date) rec.sourceVersion = date;
  return rec;
}

function normaliseDate(d: string | undefined): string | undefined {
  if (!d) return undefined;
  const t = Date.parse(d);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
