/**
 * A crawl's every WARC record is accounted for in stats.json: documents go through the funnel
 * (rejected or staged), and records that are not documents (warcinfo, request, metadata) are
 * counted by kind, so legal and engineers can reconcile stats with the archive's record count.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { httpResponseBlock, serializeWarcRecord } from '../../src/sources/warcRecordWriter.js';
import { curate, workspace } from '../support/cliHarness.js';

const DATE = '2026-01-01T00:00:00Z';

function page(title: string): Buffer {
  const para = `${title} explains how a queue keeps items in the order they arrived. The first item pushed is the first item popped, which is why queues model waiting lines, print jobs and network packets. `;
  return Buffer.from(`<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${[1, 2, 3, 4, 5].map((i) => `<p>${para}Step ${i} shows another example of this behaviour in practice, with numbers to follow along.</p>`).join('')}</article></body></html>`);
}

describe('WARC accounting', () => {
  it('counts non-document records by kind, and every response record once in the funnel', async () => {
    const ws = workspace();
    mkdirSync(join(ws, 'crawl'));
    const response = (uri: string, status: number, body: Buffer) =>
      serializeWarcRecord({ type: 'response', date: DATE, targetUri: uri, contentType: 'application/http; msgtype=response', block: httpResponseBlock(status, [['Content-Type', 'text/html']], body), payload: body });
    const records = [
      serializeWarcRecord({ type: 'warcinfo', date: DATE, contentType: 'application/warc-fields', block: Buffer.from('software: test\r\n') }),
      serializeWarcRecord({ type: 'request', date: DATE, targetUri: 'https://a.test/q1', contentType: 'application/http; msgtype=request', block: Buffer.from('GET /q1 HTTP/1.1\r\nHost: a.test\r\n\r\n') }),
      response('https://a.test/q1', 200, page('Queues, part one')),
      serializeWarcRecord({ type: 'metadata', date: DATE, targetUri: 'https://a.test/q1', contentType: 'application/warc-fields', block: Buffer.from('fetchTimeMs: 12\r\n') }),
      serializeWarcRecord({ type: 'request', date: DATE, targetUri: 'https://a.test/q2', contentType: 'application/http; msgtype=request', block: Buffer.from('GET /q2 HTTP/1.1\r\nHost: a.test\r\n\r\n') }),
      response('https://a.test/q2', 404, Buffer.from('not found')),
      response('https://a.test/q3', 200, page('Queues, part two')),
    ];
    writeFileSync(join(ws, 'crawl', 'a.warc.gz'), Buffer.concat(records));
    writeFileSync(
      join(ws, 'configs', 'warc.yaml'),
      `name: warc-accounting
output: out/warc
policy: licenses/permissive.yaml
sources:
  - { id: crawl, kind: warc, path: crawl, license: CC-BY-4.0, domain: prose }
quality: { language: { enabled: false }, textbook: { min_score: 0 }, gopher_repetition: { enabled: false }, consensus: { enabled: false } }
mix:
  total_tokens: 1000
  domains: { code: 0, prose: 1, science: 0 }
  max_epochs: 1
dedup: { near: false }
`,
    );
    const r = await curate(ws, ['run', 'configs/warc.yaml', '--workers', '1', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const stats = JSON.parse(readFileSync(join(ws, 'out/warc/stats.json'), 'utf8'));
    const crawl = stats.sources.crawl;
    expect(crawl.not_documents).toEqual({ 'source.warc.metadata': 1, 'source.warc.request': 2, 'source.warc.warcinfo': 1 });
    expect(crawl.records).toBe(3);
    expect(crawl.rejected_by_reason['source.warc.status_404']).toBe(1);
    expect(crawl.records).toBe(crawl.rejected + crawl.staged);
    expect(crawl.records + Object.values(crawl.not_documents as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(records.length);
    expect(stats.totals.not_documents).toEqual(crawl.not_documents);
  });
});
