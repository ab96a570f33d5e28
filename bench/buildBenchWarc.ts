import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * A realistic crawl for benchmarks: the 500 real pages of ../shared/eval/extraction, wrapped as
 * HTTP responses in Common Crawl-style WARC files (one gzip member per record). Evaluation data:
 * built into the gitignored .bench/ folder, never shipped, never shard material outside benches.
 */
export function buildBenchWarc(outDir: string, opts: { copies?: number; files?: number } = {}): { files: string[]; payloadBytes: number; records: number } {
  const evalDir = new URL('../../shared/eval/extraction/trafilatura/html/', import.meta.url).pathname;
  if (!existsSync(evalDir)) throw new Error(`benchmark pages not found at ${evalDir} (../shared/eval must sit beside the repository)`);
  const pages = readdirSync(evalDir).filter((f) => f.endsWith('.html.gz')).sort().map((f) => ({ name: f.replace(/\.html\.gz$/, ''), body: gunzipSync(readFileSync(join(evalDir, f))) }));
  const copies = opts.copies ?? 1;
  const nFiles = opts.files ?? 4;
  mkdirSync(outDir, { recursive: true });
  const members: Buffer[][] = Array.from({ length: nFiles }, () => []);
  let payloadBytes = 0;
  let records = 0;
  for (let c = 0; c < copies; c++) {
    pages.forEach((p, i) => {
      const uri = `https://bench.invalid/${c}/${p.name}`;
      const http = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${p.body.length}\r\n\r\n`), p.body]);
      const head = [
        'WARC/1.0',
        'WARC-Type: response',
        `WARC-Record-ID: <urn:uuid:${uuidOf(uri)}>`,
        'WARC-Date: 2026-01-01T00:00:00Z',
        `WARC-Target-URI: ${uri}`,
        'Content-Type: application/http; msgtype=response',
        `WARC-Payload-Digest: sha1:${createHash('sha1').update(p.body).digest('hex')}`,
        `Content-Length: ${http.length}`,
        '',
        '',
      ].join('\r\n');
      members[(i + c) % nFiles]!.push(gzipSync(Buffer.concat([Buffer.from(head), http, Buffer.from('\r\n\r\n')]), { level: 1 }));
      payloadBytes += p.body.length;
      records++;
    });
  }
  const files = members.map((m, i) => {
    const f = join(outDir, `bench-${String(i).padStart(3, '0')}.warc.gz`);
    writeFileSync(f, Buffer.concat(m));
    return f;
  });
  return { files, payloadBytes, records };
}

function uuidOf(s: string): string {
  const h = createHash('sha1').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
