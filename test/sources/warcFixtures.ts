import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { httpResponseBlock, serializeWarcRecord, type WarcRecordSpec } from '../../src/sources/warcRecordWriter.js';

/**
 * Small WARC files generated for the reader tests, so they run on a fresh clone (the real crawls
 * in ../shared/eval/warc are not redistributable as a whole: pywb's is GPL test data). The layout
 * copies what those real files exercise: a Common Crawl style file (one gzip member per record,
 * warcinfo/request/response/metadata), a crawl with revisits, redirects, 404s and non-HTML
 * payloads, chunked transfer coding (right, wrong, and claimed but absent), and a damaged
 * uncompressed file. The page texts are written for these tests (no third-party content).
 */
export interface WarcFixtures {
  dir: string;
  /** Offsets (in the .warc.gz) of each gzip member of crawl.warc.gz, in order, with its record kind. */
  crawlMembers: { offset: number; length: number; kind: string }[];
  /** Counts in crawl.warc.gz. */
  crawl: { requests: number; responses: number; revisits: number; html200: number; redirects: number; notFound: number; notHtml: number };
  /** Offset of the damaged region in trunc.warc. */
  truncOffset: number;
}

const DATE = '2024-05-18T01:58:10Z';

function page(title: string, paragraphs: number): Buffer {
  const body = Array.from({ length: paragraphs }, (_, i) => `<p>${title} paragraph ${i + 1}: a short text written for the WARC reader tests, with enough words to look like a page.</p>`).join('\n');
  return Buffer.from(`<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>\n${body}\n</body></html>\n`);
}

function response(uri: string, status: number, mime: string, body: Buffer, extraHeaders: [string, string][] = []): WarcRecordSpec {
  return {
    type: 'response',
    date: DATE,
    targetUri: uri,
    contentType: 'application/http; msgtype=response',
    block: httpResponseBlock(status, [['Content-Type', mime], ...extraHeaders], body),
    payload: body,
  };
}

const request = (uri: string): WarcRecordSpec => ({ type: 'request', date: DATE, targetUri: uri, contentType: 'application/http; msgtype=request', block: Buffer.from(`GET ${new URL(uri).pathname} HTTP/1.1\r\nHost: ${new URL(uri).host}\r\n\r\n`) });
const warcinfo = (): WarcRecordSpec => ({ type: 'warcinfo', date: DATE, contentType: 'application/warc-fields', block: Buffer.from('software: curate test fixtures\r\nformat: WARC File Format 1.1\r\n') });

/** A revisit record (the writer's type list has no revisit: the archive never writes one). */
function revisit(uri: string): Buffer {
  const type = 'revisit' as WarcRecordSpec['type'];
  return serializeWarcRecord({ ...request(uri), type, contentType: 'application/http; msgtype=response', extra: { 'WARC-Refers-To': '<urn:uuid:00000000-0000-4000-8000-000000000000>', 'WARC-Profile': 'http://netpreserve.org/warc/1.1/revisit/identical-payload-digest' } });
}

/** Chunked transfer coding of `body` in pieces of `size` bytes. */
function chunked(body: Buffer, size: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) {
    const c = body.subarray(i, i + size);
    parts.push(Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

function rawResponse(uri: string, headers: [string, string][], wireBody: Buffer): WarcRecordSpec {
  return { type: 'response', date: DATE, targetUri: uri, contentType: 'application/http; msgtype=response', block: httpResponseBlock(200, headers, wireBody) };
}

export function writeWarcFixtures(dir: string): WarcFixtures {
  const write = (name: string, members: Buffer[]) => writeFileSync(join(dir, name), Buffer.concat(members));
  const plain = (members: Buffer[]) => Buffer.concat(members.map((m) => gunzipSync(m)));

  // Common Crawl layout: one page.
  const cc = [warcinfo(), request('https://example.org/wiki/Escopete'), response('https://example.org/wiki/Escopete', 200, 'text/html; charset=UTF-8', page('Escopete', 8)), { type: 'metadata', date: DATE, targetUri: 'https://example.org/wiki/Escopete', contentType: 'application/warc-fields', block: Buffer.from('fetchTimeMs: 12\r\n') } as WarcRecordSpec].map(serializeWarcRecord);
  write('cc.warc.gz', cc);
  writeFileSync(join(dir, 'cc.warc'), plain(cc));

  // A crawl: HTML pages, redirects, a 404, images/CSS, and revisits; one binary payload large enough to damage in the middle.
  const members: { buf: Buffer; kind: string }[] = [{ buf: serializeWarcRecord(warcinfo()), kind: 'warcinfo' }];
  const crawl = { requests: 0, responses: 0, revisits: 0, html200: 0, redirects: 0, notFound: 0, notHtml: 0 };
  const add = (kind: string, buf: Buffer) => members.push({ buf, kind });
  let seed = 7;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const binary = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
  const plan: [string, () => WarcRecordSpec, keyof typeof crawl][] = [
    ['html', () => response('https://www.example.org/', 200, 'text/html; charset=UTF-8', page('Home', 5)), 'html200'],
    ['redirect', () => response('https://www.example.org/about', 302, 'text/html', Buffer.from('<a href="/about/">moved</a>'), [['Location', '/about/']]), 'redirects'],
    ['html', () => response('https://www.example.org/about/', 200, 'text/html', page('About', 4)), 'html200'],
    ['font', () => response('https://www.example.org/font.woff2', 200, 'font/woff2', binary(60_000)), 'notHtml'],
    ['html', () => response('https://www.example.org/domains/', 200, 'text/html; charset=utf-8', page('Domains', 6)), 'html200'],
    ['css', () => response('https://www.example.org/site.css', 200, 'text/css', Buffer.from('body { margin: 0 }\n'.repeat(20))), 'notHtml'],
    ['missing', () => response('https://www.example.org/gone', 404, 'text/html', page('Not found', 1)), 'notFound'],
    ['png', () => response('https://www.example.org/logo.png', 200, 'image/png', binary(2_000)), 'notHtml'],
    ['html', () => response('https://www.example.org/numbers/', 200, 'text/html', page('Numbers', 3)), 'html200'],
    ['redirect', () => response('https://www.example.org/help', 301, 'text/html', Buffer.from(''), [['Location', '/help/']]), 'redirects'],
    ['html', () => response('https://www.example.org/help/', 200, 'text/html', page('Help', 7)), 'html200'],
  ];
  for (const [kind, rec, counter] of plan) {
    const r = rec();
    add('request', serializeWarcRecord(request(r.targetUri!)));
    add(kind, serializeWarcRecord(r));
    crawl.requests++;
    crawl.responses++;
    crawl[counter]++;
  }
  for (const uri of ['https://www.example.org/', 'https://www.example.org/site.css', 'https://www.example.org/logo.png', 'https://www.example.org/about/']) {
    add('request', serializeWarcRecord(request(uri)));
    add('revisit', revisit(uri));
    crawl.requests++;
    crawl.revisits++;
  }
  let offset = 0;
  const crawlMembers = members.map((m) => {
    const e = { offset, length: m.buf.length, kind: m.kind };
    offset += m.buf.length;
    return e;
  });
  write('crawl.warc.gz', members.map((m) => m.buf));

  // Chunked transfer coding: right, claimed but absent (archivers often store the de-chunked body), and wrong lengths.
  const example = page('Example Domain', 3);
  const ce: [string, string][] = [['Content-Type', 'text/html'], ['Transfer-Encoding', 'chunked']];
  writeFileSync(join(dir, 'chunked.warc'), plain([warcinfo(), request('https://example.net/'), rawResponse('https://example.net/', ce, chunked(example, 100))].map(serializeWarcRecord)));
  write('bad-non-chunked.warc.gz', [serializeWarcRecord(rawResponse('https://example.net/', ce, example))]);
  const wrong = chunked(example, 100).toString('latin1').replace(/^64\r\n/, '80\r\n');
  write('wrong-chunks.warc.gz', [serializeWarcRecord(rawResponse('https://example.net/', ce, Buffer.from(wrong, 'latin1')))]);

  // Uncompressed with a damaged record in the middle (bad Content-Length): the request after it is recovered.
  const first = gunzipSync(serializeWarcRecord(response('https://example.net/a', 200, 'text/html', page('First', 2))));
  const damaged = Buffer.from('WARC/1.1\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\n<html>partial page, cut here');
  const after = gunzipSync(serializeWarcRecord(request('https://example.net/b')));
  writeFileSync(join(dir, 'trunc.warc'), Buffer.concat([first, damaged, Buffer.from('\r\n\r\n'), after]));
  return { dir, crawlMembers, crawl, truncOffset: first.length };
}
