/**
 * Finding 8 of issue 13: decompression had no output cap (a 14.5 KB .warc.gz whose response is
 * Content-Encoding gzip reached 10.4 GB RSS; a server sending gzip despite accept-encoding
 * identity 6.3 GB; a .jsonl.gz of zeros without a newline 9.6 GB). The bombs are built here on
 * the fly (~1.1 MB each, 1.1 GB inflated: without a cap, each alone would pass 1 GB), and the CLI
 * runs as a user runs it under /usr/bin/time, once, with all three bombs as three sources of one
 * config: each must end in a reject with its reason, and the process's peak RSS — which bounds
 * every case, whether the sources ran one after the other or side by side — stays under 1 GB.
 * One process instead of three keeps the test to seconds (the pipeline's start-up, not the bombs,
 * was most of its time).
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

/** A gzip stream (concatenated 1 MB members, as gunzip reads them) of `byte` repeated ~1.1 GB. */
function bomb(byte: string): Buffer {
  const member = gzipSync(Buffer.alloc(1 << 20, byte), { level: 9 });
  return Buffer.concat(Array.from({ length: INFLATED_MB }, () => member));
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
  it('a .warc.gz response with a Content-Encoding: gzip payload, a server sending gzip despite identity, a .jsonl.gz of zeros without a newline', async () => {
    const ws = workspace();
    // 1. A WARC response whose HTTP payload is Content-Encoding: gzip.
    mkdirSync(join(ws, 'crawl'));
    const http = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: ${gzBody.length}\r\n\r\n`), gzBody]);
    const head = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/bomb\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`;
    writeFileSync(join(ws, 'crawl', 'bomb.warc.gz'), gzipSync(Buffer.concat([Buffer.from(head), http, Buffer.from('\r\n\r\n')])));
    // 2. The live server above (gzip although the client asked for identity).
    // 3. A .jsonl.gz: one ordinary line, then zeros without a newline.
    mkdirSync(join(ws, 'dump'));
    writeFileSync(join(ws, 'dump', 'zeros.jsonl.gz'), Buffer.concat([gzipSync('{"text": "a short first line of text"}\n'), bomb('0')]));
    const sources = [
      '  - { id: crawl, kind: warc, path: crawl, license: CC0-1.0 }',
      `  - { id: site, kind: http, urls: ["${base}/page"], license: CC0-1.0, retries: 0 }`,
      '  - { id: dump, kind: jsonl, path: dump, license: CC0-1.0 }',
    ].join('\n');
    writeFileSync(join(ws, 'configs', 'bombs.yaml'), `name: bombs\noutput: out/bombs\npolicy: licenses/permissive.yaml\nsources:\n${sources}\n${BIBLE}${mix}`);
    const r = await runMeasured(ws, 'configs/bombs.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stats.sources.crawl.rejected_by_reason, 'the WARC bomb').toEqual({ 'source.too_large': 1 });
    expect(r.stats.sources.site.rejected_by_reason, 'the HTTP bomb').toEqual({ 'source.too_large': 1 });
    expect(r.stats.sources.dump.rejected_by_reason['source.too_large'], 'the JSONL bomb').toBe(1);
    expect(r.stats.sources.dump.records).toBeGreaterThanOrEqual(2);
    expect(r.rssMb, 'peak RSS of the run that read all three bombs').toBeLessThan(1024);
  }, 180_000);
});
