/**
 * Finding 7 of issue 13: robots.txt was bypassed by percent-encoded paths (`/%70rivate/secret`,
 * `/priv%61te/x`) and by `//private/...`, and URLs with userinfo (`http://user@host/`) kept it in
 * the shards' url column. Against a real local HTTP server: every form of /private is rejected
 * `source.http.robots_disallowed` and never requested; credentials are in no record, reject or
 * archive byte, and never sent.
 */
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSourceSchema } from '../../src/config/sourceSchema.js';
import { httpReader } from '../../src/sources/httpReader.js';
import { readAll, testEnv } from '../sources/testContext.js';

let server: Server;
let base: string;
const requests: { path: string; authorization?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
    if (req.url === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end('User-agent: *\nDisallow: /private\n');
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<html><body><p>Page ${req.url}: a paragraph of ordinary text for the test.</p></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('robots.txt on the decoded, normalised path; no userinfo anywhere', () => {
  it('rejects every spelling of /private without requesting it, and drops credentials', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curate-robots-'));
    const hostless = base.replace('http://', '');
    const src = httpSourceSchema.parse({
      id: 'site',
      kind: 'http',
      urls: [`${base}/%70rivate/secret`, `${base}/priv%61te/x`, `${base}//private/y`, `${base}/PRIVATE-is-another-path`, `http://user:s3cret@${hostless}/public`],
      per_host_rate: 100,
      retries: 0,
    });
    const env = testEnv(dir);
    const recs = await readAll(httpReader, src, env);
    const robots = env.rejects.filter((r) => r.reason === 'source.http.robots_disallowed');
    expect(robots.map((r) => new URL(r.url).pathname).sort()).toEqual(['//private/y', '/%70rivate/secret', '/priv%61te/x'].sort());
    // The server saw robots.txt (and /.well-known/ files) and the two allowed pages, nothing under /private.
    expect(requests.map((r) => r.path).filter((p) => p !== '/robots.txt' && !p.startsWith('/.well-known/')).sort()).toEqual(['/PRIVATE-is-another-path', '/public']);
    expect(requests.every((r) => r.authorization === undefined)).toBe(true);
    // No credentials in records, rejects or the archive.
    expect(recs.map((r) => r.url)).toContain(`${base}/public`);
    expect(JSON.stringify([recs.map((r) => r.url), env.rejects, env.warnings])).not.toMatch(/s3cret|user:/);
    const archiveDir = join(dir, 'archive', 'site');
    const warc = readdirSync(archiveDir).filter((f) => f.endsWith('.warc.gz'));
    expect(warc.length).toBeGreaterThan(0);
    for (const f of warc) expect(gunzipSync(readFileSync(join(archiveDir, f))).toString('latin1')).not.toMatch(/s3cret|user:/);
  }, 60_000);
});
