import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARCParser } from 'warcio';
import type { RawRecord } from '../../src/core/doc.js';
import { httpSourceSchema, type HttpSourceConfig } from '../../src/config/sourceSchema.js';
import { decodeBytes } from '../../src/extract/charset.js';
import { httpReader } from '../../src/sources/httpReader.js';
import { MisbehavingServer } from './misbehavingServer.js';
import { readAll, testEnv } from './testContext.js';

const HTML = '<html><body><p>Hello, a page that is fine.</p></body></html>';
/** "café “quoted”" in windows-1252, declared only in a <meta>, not in the header. */
const CP1252 = Buffer.concat([
  Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>caf', 'latin1'),
  Buffer.from([0xe9, 0x20, 0x93]),
  Buffer.from('quoted', 'latin1'),
  Buffer.from([0x94]),
  Buffer.from('</p></body></html>', 'latin1'),
]);

let main: MisbehavingServer;
let other: MisbehavingServer;
let dir: string;

function routes(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, hit: number, self: MisbehavingServer): void {
  const path = (req.url ?? '/').split('?')[0]!;
  const html = (body: string | Buffer, type = 'text/html; charset=utf-8') => {
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  };
  switch (path) {
    case '/robots.txt':
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end('User-agent: *\nDisallow: /private\n');
    case '/ok':
    case '/count':
      if (path === '/count') return void setTimeout(() => html(HTML), 30);
      return html(HTML);
    case '/slow-ok': {
      res.writeHead(200, { 'content-type': 'text/html' });
      const parts = ['<html><body>', '<p>slow but', ' complete</p>', '</body></html>'];
      let i = 0;
      const t = self.every(60, () => {
        res.write(parts[i++]!);
        if (i === parts.length) {
          self.clear(t);
          res.end();
        }
      });
      return;
    }
    case '/stall':
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.write('<html><body><p>and then nothing'); // never ends
    case '/429':
      if (hit === 1) {
        res.writeHead(429, { 'retry-after': '1' });
        return void res.end('slow down');
      }
      return html(HTML);
    case '/429-long':
      res.writeHead(429, { 'retry-after': '3600' });
      return void res.end('come back in an hour');
    case '/flaky':
      if (hit === 1) {
        res.writeHead(500);
        return void res.end('oops');
      }
      return html(HTML);
    case '/reset':
      return void req.socket.destroy();
    case '/reset-once':
      if (hit === 1) return void req.socket.destroy();
      return html(HTML);
    case '/endless': {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const t = self.every(1, () => {
        if (res.destroyed) return self.clear(t);
        res.write(chunk);
      });
      return;
    }
    case '/redirect-out':
      res.writeHead(302, { location: `http://127.0.0.2:${other.port}/ok` });
      return void res.end();
    case '/redirect-in':
      res.writeHead(301, { location: '/ok?via=redirect' });
      return void res.end();
    case '/moved-private':
      res.writeHead(301, { location: '/private/page' });
      return void res.end();
    case '/moved-missing':
      res.writeHead(302, { location: '/missing' });
      return void res.end();
    case '/moved-endless':
      res.writeHead(302, { location: '/endless' });
      return void res.end();
    case '/moved-gzip':
      res.writeHead(307, { location: '/gzip-big' });
      return void res.end();
    case '/gzip-big':
      // gzip despite accept-encoding identity, decoding past max_body_bytes
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      return void res.end(gzipSync(Buffer.alloc(300_000, 'a')));
    case '/moved-twice':
      res.writeHead(302, { location: '/redirect-in' });
      return void res.end();
    case '/loop':
      res.writeHead(302, { location: '/loop' });
      return void res.end();
    case '/cp1252':
      return html(CP1252, 'text/html');
    case '/image.png':
      res.writeHead(200, { 'content-type': 'image/png' });
      return void res.end(Buffer.alloc(1000));
    default:
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('not found');
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'curate-http-'));
  main = await new MisbehavingServer(routes).start('127.0.0.1');
  other = await new MisbehavingServer(routes).start('127.0.0.2');
});
afterAll(async () => {
  await main.close();
  await other.close();
  rmSync(dir, { recursive: true, force: true });
});

const paths = ['/ok', '/slow-ok', '/stall', '/429', '/429-long', '/flaky', '/reset', '/reset-once', '/endless', '/redirect-out', '/redirect-in', '/loop', '/private/page', '/cp1252', '/image.png', '/missing'];

function source(o: Partial<HttpSourceConfig> = {}): HttpSourceConfig {
  return httpSourceSchema.parse({
    id: 'web',
    kind: 'http',
    license: 'CC-BY-4.0',
    urls: paths.map((p) => `http://127.0.0.1:${main.port}${p}`),
    user_agent: 'curate-test/1.0',
    retries: 2,
    backoff_ms: 20,
    max_backoff_ms: 2000,
    headers_timeout_ms: 2000,
    body_timeout_ms: 300,
    total_timeout_ms: 3000,
    max_body_bytes: 200_000,
    max_redirects: 3,
    per_host_rate: 100,
    per_host_concurrency: 2,
    concurrency: 8,
    archive: join(dir, 'archive'),
    ...o,
  });
}

const url = (p: string) => `http://127.0.0.1:${main.port}${p}`;
const text = (r: RawRecord) => Buffer.from(r.body as Uint8Array).toString('latin1');

describe('http reader against a misbehaving server', () => {
  let first: RawRecord[];
  let firstRejects: { url: string; reason: string; detail: string }[];
  const src = () => source();

  it('ends every URL as a record with the right bytes or as a reject with the specific reason', async () => {
    const s = src();
    const env = testEnv(dir);
    first = await readAll(httpReader, s, env);
    firstRejects = env.rejects;
    const kept = Object.fromEntries(first.map((r) => [r.key.replace(url(''), ''), r]));
    const rejected = Object.fromEntries(env.rejects.map((r) => [r.detail.split(' ')[0]!.replace(url(''), ''), r.reason]));
    expect(Object.keys(kept).sort()).toEqual(['/429', '/cp1252', '/flaky', '/ok', '/redirect-in', '/reset-once', '/slow-ok']);
    expect(rejected).toEqual({
      '/stall': 'source.http.timeout',
      '/429-long': 'source.http.status_429',
      '/reset': 'source.http.network',
      '/endless': 'source.http.too_large',
      '/redirect-out': 'source.http.redirect_not_allowed',
      '/loop': 'source.http.too_many_redirects',
      '/private/page': 'source.http.robots_disallowed',
      '/image.png': 'source.http.content_type',
      '/missing': 'source.http.status_404',
    });
    expect(first.length + env.rejects.length).toBe(paths.length); // nothing silently lost
    // Records and rejects follow the URL list order.
    expect(first.map((r) => r.key)).toEqual(paths.filter((p) => kept[p]).map(url));

    expect(text(kept['/ok']!)).toBe(HTML);
    expect(kept['/ok']).toMatchObject({ contentType: 'html', mime: 'text/html; charset=utf-8', bytes: HTML.length, source: 'web' });
    expect(kept['/ok']!.date).toBeUndefined(); // capture time never reaches the document
    expect(text(kept['/slow-ok']!)).toBe('<html><body><p>slow but complete</p></body></html>');
    expect(kept['/redirect-in']!.url).toBe(url('/redirect-in')); // the listed URL; the final one is in the archive
    expect(Buffer.from(kept['/cp1252']!.body as Uint8Array).equals(CP1252)).toBe(true);
    expect(kept['/cp1252']!.mime).toBe('text/html');
  });

  it('keeps the windows-1252 page as bytes the extraction charset decoder reads', () => {
    const rec = first.find((r) => r.key.endsWith('/cp1252'))!;
    expect(decodeBytes(rec.body as Uint8Array, rec.mime).text).toContain('café “quoted”');
  });

  it('retried what deserved it, honoured Retry-After, and never fetched what was not allowed', () => {
    expect(main.requestsTo('/robots.txt')).toBe(1);
    expect(main.requestsTo('/private/page')).toBe(0);
    expect(other.log).toEqual([]); // the redirect to a host not allowed was not followed
    expect(main.requestsTo('/429')).toBe(2);
    expect(main.requestsTo('/429-long')).toBe(1); // a Retry-After beyond the cap gives up at once
    const t429 = main.log.filter((r) => r.path === '/429').map((r) => r.start);
    expect(t429[1]! - t429[0]!).toBeGreaterThanOrEqual(950);
    expect(main.requestsTo('/flaky')).toBe(2);
    expect(main.requestsTo('/reset')).toBe(3); // first try + 2 retries
    expect(main.requestsTo('/reset-once')).toBe(2);
    expect(main.requestsTo('/missing')).toBe(1); // 404 is not retried
    expect(main.requestsTo('/endless')).toBe(1); // too large is final
    expect(main.requestsTo('/loop')).toBe(4); // first + max_redirects hops
    expect(main.abortedBodies).toBeGreaterThanOrEqual(1);
    expect(main.log.every((r) => r.userAgent === 'curate-test/1.0')).toBe(true);
    expect(Math.max(...main.maxInflight.values())).toBeLessThanOrEqual(2);
  });

  it('replays the archive on a second read: no network request, identical records and rejects', async () => {
    const before = main.log.length;
    const env = testEnv(dir);
    const again = await readAll(httpReader, src(), env);
    expect(main.log.length).toBe(before);
    expect(other.log).toEqual([]);
    const view = (r: RawRecord) => [r.key, r.url, r.mime, r.contentType, r.bytes, r.date, Buffer.from(r.body as Uint8Array).toString('base64')];
    expect(again.map(view)).toEqual(first.map(view));
    expect(env.rejects).toEqual(firstRejects);
    expect(existsSync(join(dir, 'archive', 'urls-00000.warc.gz'))).toBe(true);
  });

  it('writes an archive that warcio reads, with provenance and payload digests', async () => {
    const types: string[] = [];
    let okBody: Uint8Array | undefined;
    let digest: string | null | undefined;
    let redirected: { target: string | null | undefined; chain: string | null | undefined } | undefined;
    for await (const rec of WARCParser.iterRecords(createReadStream(join(dir, 'archive', 'urls-00000.warc.gz')))) {
      types.push(rec.warcType);
      if (rec.warcType === 'response' && rec.warcHeader('WARC-Curate-Key') === url('/redirect-in')) {
        redirected = { target: rec.warcTargetURI, chain: rec.warcHeader('WARC-Curate-Redirects') };
      }
      if (rec.warcType === 'response' && rec.warcHeader('WARC-Curate-Key') === url('/ok')) {
        expect(rec.warcTargetURI).toBe(url('/ok'));
        expect(rec.httpHeaders?.statusCode).toBe(200);
        expect(rec.warcDate).toMatch(/^\d{4}-\d\d-\d\dT/);
        digest = rec.warcPayloadDigest;
        okBody = await rec.readFully(true);
      }
    }
    expect(redirected?.target).toBe(url('/ok?via=redirect'));
    expect(redirected?.chain).toBe(url('/redirect-in'));
    expect(types[0]).toBe('warcinfo');
    expect(types.filter((t) => t === 'response')).toHaveLength(7);
    expect(types.filter((t) => t === 'metadata')).toHaveLength(9);
    expect(Buffer.from(okBody!).toString()).toBe(HTML);
    expect(digest).toBe(`sha256:${createHash('sha256').update(HTML).digest('hex')}`);
  });

  it('refetches when the URL list of a partition changed, and rejects bad list lines', async () => {
    const listFile = join(dir, 'urls.txt');
    writeFileSync(listFile, `# a comment\n${url('/ok')}\n\nnot a url\nftp://example.org/x\n${url('/ok')}\n`);
    const env = testEnv(dir);
    const before = main.log.length;
    const recs = await readAll(httpReader, source({ urls: undefined, url_file: listFile }), env);
    expect(recs.map((r) => r.key)).toEqual([url('/ok')]);
    expect(env.rejects.map((r) => r.reason)).toEqual(['source.http.bad_url', 'source.http.bad_url', 'source.http.bad_url']);
    expect(main.log.length - before).toBe(3); // robots.txt, /.well-known/tdmrep.json and /ok: the old archive was for another list
  });
});

describe('http redirects: records and rejects carry the listed URL', () => {
  it('records the requested URL as url for every reject after a redirect, with the chain in detail, live and replayed', async () => {
    const listed = ['/moved-private', '/moved-missing', '/moved-endless', '/moved-gzip', '/redirect-out', '/loop', '/moved-twice'];
    const s = () => source({ urls: listed.map(url), archive: join(dir, 'archive-redirects') });
    const env = testEnv(dir);
    const recs = await readAll(httpReader, s(), env);
    expect(recs.map((r) => [r.key, r.url])).toEqual([[url('/moved-twice'), url('/moved-twice')]]);
    const byUrl = Object.fromEntries(env.rejects.map((r) => [r.url.replace(url(''), ''), r]));
    expect(Object.keys(byUrl).sort()).toEqual(listed.filter((p) => p !== '/moved-twice').sort());
    expect(byUrl['/moved-private']!.reason).toBe('source.http.robots_disallowed');
    expect(byUrl['/moved-private']!.detail).toContain(`redirects: ${url('/moved-private')} -> ${url('/private/page')}`);
    expect(byUrl['/moved-missing']!.reason).toBe('source.http.status_404');
    expect(byUrl['/moved-missing']!.detail).toContain(`redirects: ${url('/moved-missing')} -> ${url('/missing')}`);
    expect(byUrl['/moved-endless']!.reason).toBe('source.http.too_large');
    expect(byUrl['/moved-endless']!.detail).toContain(`redirects: ${url('/moved-endless')} -> ${url('/endless')}`);
    expect(byUrl['/moved-gzip']!.reason).toBe('source.too_large');
    expect(byUrl['/moved-gzip']!.detail).toContain(`redirects: ${url('/moved-gzip')} -> ${url('/gzip-big')}`);
    expect(byUrl['/redirect-out']!.reason).toBe('source.http.redirect_not_allowed');
    expect(byUrl['/redirect-out']!.detail).toContain(`redirects: ${url('/redirect-out')} -> http://127.0.0.2:${other.port}/ok`);
    expect(byUrl['/loop']!.reason).toBe('source.http.too_many_redirects');
    expect(byUrl['/loop']!.detail.match(/ -> /g)).toHaveLength(3); // the chain once, not twice
    // The robots-disallowed target was never requested.
    expect(main.requestsTo('/private/page')).toBe(0);

    const before = main.log.length;
    const replayEnv = testEnv(dir);
    const again = await readAll(httpReader, s(), replayEnv);
    expect(main.log.length).toBe(before);
    expect(again.map((r) => [r.key, r.url])).toEqual(recs.map((r) => [r.key, r.url]));
    expect(replayEnv.rejects).toEqual(env.rejects);
  });
});

describe('http robots.txt unavailable', () => {
  it('fetches nothing from an origin whose robots.txt keeps failing with 5xx', async () => {
    const down = await new MisbehavingServer((req, res) => {
      res.writeHead(req.url === '/robots.txt' ? 503 : 200, { 'content-type': 'text/html' });
      res.end('<p>page</p>');
    }).start('127.0.0.3');
    try {
      const env = testEnv(dir);
      const recs = await readAll(httpReader, source({ urls: [`http://127.0.0.3:${down.port}/page`], archive: join(dir, 'archive-down') }), env);
      expect(recs).toEqual([]);
      expect(env.rejects.map((r) => r.reason)).toEqual(['source.http.robots_unavailable']);
      expect(down.requestsTo('/page')).toBe(0);
      expect(down.requestsTo('/robots.txt')).toBe(3); // first try + 2 retries
    } finally {
      await down.close();
    }
  });
});

describe('http resume', () => {
  it('resumes an interrupted partition from its partial archive: same records, done URLs not fetched again', async () => {
    const urls = Array.from({ length: 8 }, (_, i) => url(`/ok?r=${i}`));
    const s = () => source({ urls, archive: join(dir, 'archive-resume') });
    const whole = await readAll(httpReader, source({ urls, archive: join(dir, 'archive-resume-ref') }), testEnv(dir));
    const seen: string[] = [];
    for await (const r of httpReader.read(s(), { id: 'urls-00000' }, testEnv(dir))) {
      seen.push(r.key);
      if (seen.length === 3) break; // the run is interrupted here
    }
    expect(existsSync(join(dir, 'archive-resume', 'urls-00000.warc.gz'))).toBe(false);
    const before = main.log.length;
    const env = testEnv(dir);
    const resumed = await readAll(httpReader, s(), env);
    const fetched = main.log.slice(before).map((r) => r.path);
    expect(fetched.some((p) => ['/ok?r=0', '/ok?r=1', '/ok?r=2'].includes(p))).toBe(false);
    expect(resumed.map((r) => [r.key, r.bytes])).toEqual(whole.map((r) => [r.key, r.bytes]));
    expect(env.warnings.join('\n')).toMatch(/URLs taken from the interrupted run's archive/);
    expect(existsSync(join(dir, 'archive-resume', 'urls-00000.warc.gz'))).toBe(true);
  });
});

describe('http politeness limits', () => {
  it('keeps per-host concurrency, per-host rate and global concurrency', async () => {
    const n = 12;
    const urls = [...Array.from({ length: n }, (_, i) => `http://127.0.0.1:${main.port}/count?i=${i}`), ...Array.from({ length: n }, (_, i) => `http://127.0.0.2:${other.port}/count?i=${i}`)];
    const m0 = main.log.length;
    const o0 = other.log.length;
    const s = source({ urls, per_host_concurrency: 2, per_host_rate: 20, concurrency: 3, archive: join(dir, 'archive-limits'), robots: false });
    const recs = await readAll(httpReader, s, testEnv(dir));
    expect(recs).toHaveLength(2 * n);
    for (const [server, from] of [[main, m0], [other, o0]] as const) {
      // (the host's /.well-known/tdmrep.json, fetched once through the same gate, counts as a request)
      const starts = server.log.slice(from).map((r) => r.start).sort((a, b) => a - b);
      expect(starts).toHaveLength(n + 1);
      // 20/s = starts 50 ms apart at the client (checked exactly in hostGate.test.ts); arrival at this
      // in-process server jitters with connection setup and machine load, so check the median gap and the span.
      const gaps = starts.slice(1).map((t, i) => t - starts[i]!).sort((a, b) => a - b);
      expect(gaps[gaps.length >> 1]).toBeGreaterThanOrEqual(45);
      expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(n * 50 - 60);
    }
    expect(Math.max(...main.maxInflight.values(), ...other.maxInflight.values())).toBeLessThanOrEqual(2);
  });
});
