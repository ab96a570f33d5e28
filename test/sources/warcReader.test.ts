import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { warcSourceSchema } from '../../src/config/sourceSchema.js';
import { warcReader } from '../../src/sources/warcReader.js';
import { readAll, testEnv } from './testContext.js';
import { writeWarcFixtures } from './warcFixtures.js';

/** Real WARC files, read by path (never copied into the repo); see their README for provenance and counts. */
const EVAL = resolve(import.meta.dirname, '../../../shared/eval/warc');
const src = (path: string) => warcSourceSchema.parse({ id: 'crawl', kind: 'warc', path, license: 'CC-BY-SA-4.0' });
const tmp = mkdtempSync(join(tmpdir(), 'curate-warc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function withCounts(base = EVAL) {
  const env = testEnv(base);
  const counts: Record<string, number> = {};
  env.count = (n, k = 1) => void (counts[n] = (counts[n] ?? 0) + k);
  return { env, counts };
}

function reasons(rejects: { reason: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rejects) out[r.reason] = (out[r.reason] ?? 0) + 1;
  return out;
}

const gtmp = mkdtempSync(join(tmpdir(), 'curate-warcgen-'));
afterAll(() => rmSync(gtmp, { recursive: true, force: true }));
const GEN = join(gtmp, 'gen');
mkdirSync(GEN);
const fx = writeWarcFixtures(GEN);

describe('warc reader on generated WARC files', () => {
  it('reads a Common Crawl style .warc.gz (one gzip member per record): one HTML response, the rest counted', async () => {
    const { env, counts } = withCounts(GEN);
    const recs = await readAll(warcReader, src('cc.warc.gz'), env);
    expect(recs).toHaveLength(1);
    const r = recs[0]!;
    expect(r).toMatchObject({ url: 'https://example.org/wiki/Escopete', contentType: 'html', date: '2024-05-18T01:58:10.000Z', source: 'crawl' });
    expect(r.key).toMatch(/^cc\.warc\.gz@\d+$/);
    expect(r.mime).toMatch(/^text\/html/);
    const html = Buffer.from(r.body as Uint8Array).toString('utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Escopete');
    expect(counts).toEqual({ 'source.warc.warcinfo': 1, 'source.warc.request': 1, 'source.warc.metadata': 1 });
    expect(env.rejects).toEqual([]);
    const plain = await readAll(warcReader, src('cc.warc'), testEnv(GEN));
    expect(Buffer.from(plain[0]!.body as Uint8Array).equals(Buffer.from(r.body as Uint8Array))).toBe(true);
  });

  it('accounts for every record of a multi-record crawl (responses, redirects, 404, non-HTML, revisits)', async () => {
    const { env, counts } = withCounts(GEN);
    const recs = await readAll(warcReader, src('crawl.warc.gz'), env);
    const rs = reasons(env.rejects);
    expect(counts).toEqual({ 'source.warc.warcinfo': 1, 'source.warc.request': fx.crawl.requests });
    expect(rs['source.warc.revisit']).toBe(fx.crawl.revisits);
    expect(recs).toHaveLength(fx.crawl.html200);
    expect(rs['source.warc.not_html']).toBe(fx.crawl.notHtml);
    expect((rs['source.warc.status_302'] ?? 0) + (rs['source.warc.status_301'] ?? 0)).toBe(fx.crawl.redirects);
    expect(rs['source.warc.status_404']).toBe(fx.crawl.notFound);
    expect(recs.every((r) => r.contentType === 'html' && /text\/html/i.test(r.mime ?? ''))).toBe(true);
  });

  it('decodes chunked transfer coding and survives claimed-but-absent and wrong chunking', async () => {
    const chunked = await readAll(warcReader, src('chunked.warc'), testEnv(GEN));
    const html = Buffer.from(chunked[0]!.body as Uint8Array).toString('utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html.trimEnd()).toMatch(/<\/html>$/i);
    expect(html).not.toMatch(/^[0-9a-f]+\r\n/m);
    for (const f of ['bad-non-chunked.warc.gz', 'wrong-chunks.warc.gz']) {
      const recs = await readAll(warcReader, src(f), testEnv(GEN));
      expect(recs).toHaveLength(1);
      expect(Buffer.from(recs[0]!.body as Uint8Array).toString('utf8')).toContain('Example Domain');
    }
  });

  it('reports a corrupt region of an uncompressed file with its offset and reads on after it', async () => {
    const { env, counts } = withCounts(GEN);
    const recs = await readAll(warcReader, src('trunc.warc'), env);
    expect(recs).toHaveLength(1);
    expect(env.rejects.map((r) => r.reason)).toEqual(['source.warc.corrupt']);
    expect(env.rejects[0]!.detail).toContain(`trunc.warc at offset ${fx.truncOffset}`);
    expect(counts['source.warc.request']).toBe(1);
  });

  it('keeps the records before a truncated gzip member, reports it, and goes on with the next file', async () => {
    const dir = join(gtmp, 'cut');
    mkdirSync(dir);
    const whole = readFileSync(join(GEN, 'crawl.warc.gz'));
    const font = fx.crawlMembers.find((m) => m.kind === 'font')!;
    writeFileSync(join(dir, 'a-cut.warc.gz'), whole.subarray(0, font.offset + Math.floor(font.length / 2)));
    writeFileSync(join(dir, 'b-good.warc.gz'), readFileSync(join(GEN, 'cc.warc.gz')));
    const env = testEnv(dir);
    const s = src(dir);
    expect((await warcReader.listPartitions(s, env)).map((p) => p.id)).toEqual(['a-cut.warc.gz', 'b-good.warc.gz']);
    const recs = await readAll(warcReader, s, env);
    const cut = recs.filter((r) => r.key.startsWith('a-cut'));
    const full = await readAll(warcReader, src('crawl.warc.gz'), testEnv(GEN));
    expect(cut.length).toBe(2); // the two HTML pages before the font
    expect(cut.map((r) => [r.key.split('@')[1], r.bytes])).toEqual(full.slice(0, cut.length).map((r) => [r.key.split('@')[1], r.bytes]));
    expect(recs.filter((r) => r.key.startsWith('b-good'))).toHaveLength(1);
    const corrupt = env.rejects.filter((r) => r.reason === 'source.warc.corrupt');
    expect(corrupt).toHaveLength(1);
    expect(corrupt[0]!.detail).toMatch(/a-cut\.warc\.gz at offset \d+/);
  });

  it('skips a damaged gzip member in the middle and reads the records after it', async () => {
    const bad = Buffer.from(readFileSync(join(GEN, 'crawl.warc.gz')));
    const font = fx.crawlMembers.find((m) => m.kind === 'font')!;
    const mid = font.offset + Math.floor(font.length / 2);
    for (let i = mid; i < mid + 50; i++) bad[i]! ^= 0x5a;
    writeFileSync(join(gtmp, 'damaged.warc.gz'), bad);
    const { env, counts } = withCounts(GEN);
    const recs = await readAll(warcReader, src(join(gtmp, 'damaged.warc.gz')), env);
    const full = await readAll(warcReader, src('crawl.warc.gz'), testEnv(GEN));
    expect(recs.map((r) => [r.url, r.bytes])).toEqual(full.map((r) => [r.url, r.bytes]));
    const rs = reasons(env.rejects);
    expect(rs['source.warc.corrupt']).toBe(1);
    expect(env.rejects.find((r) => r.reason === 'source.warc.corrupt')!.detail).toMatch(/damaged gzip member at compressed offset \d+: .*resumed at compressed offset \d+/);
    expect(rs['source.warc.revisit']).toBe(fx.crawl.revisits);
    expect(counts['source.warc.request']).toBe(fx.crawl.requests);
    expect(new Set(recs.map((r) => r.key)).size).toBe(recs.length);
  });

  it('reads a partition twice identically; a glob path works', async () => {
    const s = src(join(GEN, '*.warc.gz'));
    const env = testEnv(GEN);
    const parts = await warcReader.listPartitions(s, env);
    expect(parts.map((p) => p.id)).toEqual(['bad-non-chunked.warc.gz', 'cc.warc.gz', 'crawl.warc.gz', 'wrong-chunks.warc.gz']);
    const a = await readAll(warcReader, s, env);
    const b = await readAll(warcReader, s, env);
    expect(a.length).toBeGreaterThan(fx.crawl.html200);
    expect(b.map((r) => [r.key, r.bytes])).toEqual(a.map((r) => [r.key, r.bytes]));
  });
});

const HAVE_EVAL = existsSync(EVAL);
if (!HAVE_EVAL) console.warn(`warcReader.test.ts: real-crawl tests skipped: ${EVAL} is absent (the generated-file tests above still run)`);

describe.skipIf(!HAVE_EVAL)('warc reader on real crawls (../shared/eval/warc)', () => {
  it('reads a Common Crawl .warc.gz (one gzip member per record): one HTML response, the rest counted', async () => {
    const { env, counts } = withCounts();
    const recs = await readAll(warcReader, src('commoncrawl-whirlwind/whirlwind.warc.gz'), env);
    expect(recs).toHaveLength(1);
    const r = recs[0]!;
    expect(r).toMatchObject({ url: 'https://an.wikipedia.org/wiki/Escopete', contentType: 'html', date: '2024-05-18T01:58:10.000Z', source: 'crawl' });
    expect(r.key).toMatch(/^whirlwind\.warc\.gz@\d+$/);
    expect(r.mime).toMatch(/^text\/html/);
    const html = Buffer.from(r.body as Uint8Array).toString('utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Escopete');
    expect(counts).toEqual({ 'source.warc.warcinfo': 1, 'source.warc.request': 1, 'source.warc.metadata': 1 });
    expect(env.rejects).toEqual([]);
    // The uncompressed twin gives the same payload.
    const plain = await readAll(warcReader, src('commoncrawl-whirlwind/whirlwind.warc'), testEnv(EVAL));
    expect(Buffer.from(plain[0]!.body as Uint8Array).equals(Buffer.from(r.body as Uint8Array))).toBe(true);
  });

  it('accounts for every record of a real multi-record crawl (pywb iana: 48 responses, 123 revisits)', async () => {
    const { env, counts } = withCounts();
    const recs = await readAll(warcReader, src('pywb/iana.warc.gz'), env);
    const rs = reasons(env.rejects);
    expect(counts).toEqual({ 'source.warc.warcinfo': 1, 'source.warc.request': 171 });
    expect(rs['source.warc.revisit']).toBe(123);
    // Every response is a document or a reject with a reason.
    expect(recs.length + (rs['source.warc.not_html'] ?? 0) + Object.entries(rs).filter(([k]) => k.startsWith('source.warc.status_')).reduce((a, [, n]) => a + n, 0)).toBe(48);
    expect(recs.length).toBe(16);
    expect(recs.every((r) => r.contentType === 'html' && /text\/html/i.test(r.mime ?? ''))).toBe(true);
    expect(rs['source.warc.status_302']).toBeGreaterThan(0);
  });

  it('decodes chunked transfer coding and survives the broken examples', async () => {
    const chunked = await readAll(warcReader, src('warcio/example-iana.org-chunked.warc'), testEnv(EVAL));
    const html = Buffer.from(chunked[0]!.body as Uint8Array).toString('utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html.trimEnd()).toMatch(/<\/html>$/i);
    for (const f of ['example-bad-non-chunked.warc.gz', 'example-wrong-chunks.warc.gz']) {
      const recs = await readAll(warcReader, src(`warcio/${f}`), testEnv(EVAL));
      expect(recs).toHaveLength(1);
      expect(Buffer.from(recs[0]!.body as Uint8Array).toString('utf8')).toContain('Example Domain');
    }
  });

  it('reports a corrupt region of an uncompressed file with its offset and reads on after it', async () => {
    const { env, counts } = withCounts();
    const recs = await readAll(warcReader, src('warcio/example-trunc.warc'), env);
    expect(recs).toHaveLength(1);
    expect(env.rejects.map((r) => r.reason)).toEqual(['source.warc.corrupt']);
    expect(env.rejects[0]!.detail).toMatch(/example-trunc\.warc at offset 2560/);
    expect(counts['source.warc.request']).toBe(1); // the record after the damage was recovered
  });

  it('keeps the records before a truncated gzip member, reports it, and goes on with the next file', async () => {
    const whole = readFileSync(join(EVAL, 'pywb/iana.warc.gz'));
    writeFileSync(join(tmp, 'a-cut.warc.gz'), whole.subarray(0, Math.floor(whole.length / 2)));
    writeFileSync(join(tmp, 'b-good.warc.gz'), readFileSync(join(EVAL, 'commoncrawl-whirlwind/whirlwind.warc.gz')));
    const env = testEnv(tmp);
    const s = src(tmp);
    expect((await warcReader.listPartitions(s, env)).map((p) => p.id)).toEqual(['a-cut.warc.gz', 'b-good.warc.gz']);
    const recs = await readAll(warcReader, s, env);
    const cut = recs.filter((r) => r.key.startsWith('a-cut'));
    const full = await readAll(warcReader, src('pywb/iana.warc.gz'), testEnv(EVAL));
    expect(cut.length).toBeGreaterThan(0);
    expect(cut.length).toBeLessThan(full.length);
    // What was read before the damage is exactly the start of the intact file.
    expect(cut.map((r) => [r.key.split('@')[1], r.bytes])).toEqual(full.slice(0, cut.length).map((r) => [r.key.split('@')[1], r.bytes]));
    expect(recs.filter((r) => r.key.startsWith('b-good'))).toHaveLength(1);
    const corrupt = env.rejects.filter((r) => r.reason === 'source.warc.corrupt');
    expect(corrupt).toHaveLength(1);
    expect(corrupt[0]!.detail).toMatch(/a-cut\.warc\.gz at offset \d+/);
  });

  it('skips a damaged gzip member in the middle and reads the records after it', async () => {
    const bad = Buffer.from(readFileSync(join(EVAL, 'pywb/iana.warc.gz')));
    for (let i = 300_000; i < 300_050; i++) bad[i]! ^= 0x5a; // inside one member (a font file)
    writeFileSync(join(tmp, 'damaged.warc.gz'), bad);
    const { env, counts } = withCounts();
    const recs = await readAll(warcReader, src(join(tmp, 'damaged.warc.gz')), env);
    const full = await readAll(warcReader, src('pywb/iana.warc.gz'), testEnv(EVAL));
    expect(recs.map((r) => [r.url, r.bytes])).toEqual(full.map((r) => [r.url, r.bytes])); // every HTML page survives
    const rs = reasons(env.rejects);
    expect(rs['source.warc.corrupt']).toBe(1);
    expect(env.rejects.find((r) => r.reason === 'source.warc.corrupt')!.detail).toMatch(/damaged gzip member at compressed offset \d+: .*resumed at compressed offset \d+/);
    expect(rs['source.warc.revisit']).toBe(123);
    expect(counts['source.warc.request']).toBe(171);
    // Offsets (keys) are unique.
    expect(new Set(recs.map((r) => r.key)).size).toBe(recs.length);
  });

  it('reads a partition twice identically; a glob path works', async () => {
    const s = src(join(EVAL, 'warcio/example*.warc.gz'));
    const env = testEnv(EVAL);
    const parts = await warcReader.listPartitions(s, env);
    expect(parts.map((p) => p.id)).toContain('example.warc.gz');
    const a = await readAll(warcReader, s, env);
    const b = await readAll(warcReader, s, env);
    expect(b.map((r) => [r.key, r.bytes])).toEqual(a.map((r) => [r.key, r.bytes]));
  });
});
