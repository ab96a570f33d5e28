/**
 * Finding 8 of issue 13: decompression had no output cap (a 14.5 KB .warc.gz whose response is
 * Content-Encoding gzip reached 10.4 GB RSS; a server sending gzip despite accept-encoding
 * identity 6.3 GB; a .jsonl.gz of zeros without a newline 9.6 GB). The bombs are built here on
 * the fly (~1.1 MB each, 1.1 GB inflated), the CLI runs as a user runs it under /usr/bin/time,
 * and each must end in a reject with its reason while the process stays under 1 GB.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curateBin, workspace } from '../support/cliHarness.js';

const exec = promisify(execFile);
const INFLATED_MB = 64 * 17; // ~1.1 GB once inflated

/** A gzip stream (concatenated members, as gunzip reads them) of `byte` repeated ~1.1 GB. */
function bomb(byte: string): Buffer {
  const member = gzipSync(Buffer.alloc(64 << 20, byte), { level: 9 });
  return Buffer.concat(Array.from({ length: INFLATED_MB / 64 }, () => member));
}

/** Runs `curate run <config>` under /usr/bin/time; the peak RSS in MB and the run's stats. */
async function runMeasured(ws: string, config: string): Promise<{ code: number; rssMb: number; stderr: string; stats: Record<string, any> }> {
  let code = 0;
  let stderr = '';
  try {
    const r = await exec('/usr/bin/time', ['-f', 'MAXRSS_KB=%M', process.execPath, curateBin, 'run', config, '--workers', '1', '--quiet'], { cwd: ws, env: { ...process.env, CURATE_PROGRESS: '0' }, maxBuffer: 16 << 20 });
    stderr = r.stderr;
  } catch (e) {
    const err = e as { code: number; stderr: string };
    code = typeof err.code === 'number' ? err.code : 1;
    stderr = err.stderr;
  }
  const kb = Number(/MAXRSS_KB=(\d+)/.exec(stderr)?.[1]);
  const name = /^name: (\S+)/m.exec(readFileSync(join(ws, config), 'utf8'))![1]!;
  const statsFile = join(ws, 'out', name, 'stats.json');
  return { code, rssMb: kb / 1024, stderr, stats: existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')) : {} };
}

/** A second, ordinary source so the run has documents to write whatever the bomb does. */
const BIBLE = `  - { id: kjv-bible, kind: files, path: data-samples/prose/kjv-bible, license: LicenseRef-Public-Domain, exclude: ["**/SOURCE.md", "**/LICENSE"] }\n`;
const mix = 'mix:\n  total_tokens: 20000\n  domains: { code: 0, prose: 1, science: 0 }\n';

let server: Server;
let base: string;
let gzBody: Buffer;

beforeAll(async () => {
  gzBody = bomb(' ');
  server = createServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    // gzip although the client asked for identity
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': gzBody.length });
    res.end(gzBody);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe.skipIf(!existsSync('/usr/bin/time'))('decompression bombs end in rejects, not in memory', () => {
  it('a .warc.gz response whose HTTP payload is Content-Encoding: gzip', async () => {
    const ws = workspace();
    mkdirSync(join(ws, 'crawl'));
    const http = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: ${gzBody.length}\r\n\r\n`), gzBody]);
    const head = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/bomb\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`;
    writeFileSync(join(ws, 'crawl', 'bomb.warc.gz'), gzipSync(Buffer.concat([Buffer.from(head), http, Buffer.from('\r\n\r\n')])));
    writeFileSync(join(ws, 'configs', 'warcbomb.yaml'), `name: warcbomb\noutput: out/warcbomb\npolicy: licenses/permissive.yaml\nsources:\n  - { id: crawl, kind: warc, path: crawl, license: CC0-1.0 }\n${BIBLE}${mix}`);
    const r = await runMeasured(ws, 'configs/warcbomb.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stats.sources.crawl.rejected_by_reason).toEqual({ 'source.too_large': 1 });
    expect(r.rssMb).toBeLessThan(1024);
  }, 180_000);

  it('a server that sends gzip despite accept-encoding: identity', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'configs', 'httpbomb.yaml'), `name: httpbomb\noutput: out/httpbomb\npolicy: licenses/permissive.yaml\nsources:\n  - { id: site, kind: http, urls: ["${base}/page"], license: CC0-1.0, retries: 0 }\n${BIBLE}${mix}`);
    const r = await runMeasured(ws, 'configs/httpbomb.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stats.sources.site.rejected_by_reason).toEqual({ 'source.too_large': 1 });
    expect(r.rssMb).toBeLessThan(1024);
  }, 180_000);

  it('a .jsonl.gz of zeros without a newline', async () => {
    const ws = workspace();
    mkdirSync(join(ws, 'dump'));
    writeFileSync(join(ws, 'dump', 'zeros.jsonl.gz'), Buffer.concat([gzipSync('{"text": "a short first line of text"}\n'), bomb('0')]));
    writeFileSync(join(ws, 'configs', 'jsonlbomb.yaml'), `name: jsonlbomb\noutput: out/jsonlbomb\npolicy: licenses/permissive.yaml\nsources:\n  - { id: dump, kind: jsonl, path: dump, license: CC0-1.0 }\n${BIBLE}${mix}`);
    const r = await runMeasured(ws, 'configs/jsonlbomb.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stats.sources.dump.rejected_by_reason['source.too_large']).toBe(1);
    expect(r.stats.sources.dump.records).toBeGreaterThanOrEqual(2);
    expect(r.rssMb).toBeLessThan(1024);
  }, 180_000);
});
