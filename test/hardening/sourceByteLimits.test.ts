/**
 * Finding 12 of issue 13: `max_file_bytes: 300MB` was overridden by a hard-coded 5 MB extraction
 * cap (which also overrode larger WARC and HTTP limits), after the whole file had been read.
 * Now extraction takes the source's own limit (payloadLimit.ts), and oversized inputs are
 * decided from their size before they are read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceSchema } from '../../src/config/sourceSchema.js';
import { extractRecord } from '../../src/extract/extractRecord.js';
import { payloadLimit } from '../../src/sources/payloadLimit.js';
import { curate, workspace } from '../support/cliHarness.js';

/** A 7 MB page of ordinary prose: over the old hard-coded 5 MB cap. */
const BIG = `<html><body><article>${'<p>The committee met on Tuesday and agreed, after a long discussion, that the bridge needs repairs before winter comes.</p>\n'.repeat(58_000)}</article></body></html>`;

describe("the source's byte limits are the ones applied", () => {
  it('the extraction cap is the source limit: max_file_bytes, max_record_bytes, max_body_bytes above 5 MB', () => {
    expect(BIG.length).toBeGreaterThan(6_500_000);
    const rec = { source: 's', key: 'big.html', url: '', body: Buffer.from(BIG), contentType: 'html' as const, bytes: BIG.length };
    const limits = [
      { id: 's', kind: 'files', path: '.', license: 'CC0-1.0', max_file_bytes: '300MB' },
      { id: 's', kind: 'warc', path: '.', license: 'CC0-1.0', max_record_bytes: '50MB' },
      { id: 's', kind: 'http', urls: ['http://example.org/'], license: 'CC0-1.0', max_body_bytes: '20MB' },
      { id: 's', kind: 'jsonl', path: '.', license: 'CC0-1.0' },
    ].map((src) => payloadLimit(sourceSchema.parse(src)));
    expect(limits).toEqual([300_000_000, 50_000_000, 20_000_000, 64_000_000]);
    expect(extractRecord(rec, { maxBytes: limits[0]! }).ok).toBe(true);
    expect(extractRecord(rec, { maxBytes: payloadLimit(sourceSchema.parse({ id: 's', kind: 'files', path: '.', max_file_bytes: '1MB' })) })).toMatchObject({ ok: false, reason: 'extract.too_large' });
  }, 60_000);

  it('a run keeps a 7 MB file under max_file_bytes: 300MB, and rejects a file over the limit by its size', async () => {
    const ws = workspace();
    mkdirSync(join(ws, 'docs'));
    writeFileSync(join(ws, 'docs', 'big.html'), BIG);
    writeFileSync(
      join(ws, 'configs', 'big.yaml'),
      `name: big\noutput: out/big\npolicy: licenses/permissive.yaml\nsources:\n  - { id: docs, kind: files, path: docs, license: CC0-1.0, max_file_bytes: 300MB }\n  - { id: capped, kind: files, path: docs, license: CC0-1.0, max_file_bytes: 1MB }\n# the page is repetitive on purpose: the test is about the byte limits, not the quality rules\nquality: { gopher_quality: { enabled: false }, gopher_repetition: { enabled: false }, consensus: { enabled: false }, textbook: { min_score: 0 } }\nmix:\n  total_tokens: 3000000\n  domains: { code: 0, prose: 1, science: 0 }\n`,
    );
    const r = await curate(ws, ['run', 'configs/big.yaml', '--workers', '1', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const stats = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(join(ws, 'out/big/stats.json'), 'utf8')));
    // It reached the quality rules (this repetitive page may fail them): extraction and the reader kept it.
    expect(stats.sources.docs.records).toBe(1);
    expect(Object.keys(stats.sources.docs.rejected_by_reason).filter((r) => /^(extract|source)\./.test(r))).toEqual([]);
    expect(stats.sources.capped.rejected_by_reason).toEqual({ 'source.too_large': 1 });
  }, 180_000);

  it('`curate extract` rejects an oversized file from its size, without reading it', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'big.html'), BIG);
    const r = await curate(ws, ['extract', 'big.html', '--json', '--max-bytes', '1000000']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, reason: 'extract.too_large', detail: `${BIG.length} bytes > max 1000000` });
  }, 60_000);
});
