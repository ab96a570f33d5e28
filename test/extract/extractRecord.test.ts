import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import type { RawRecord } from '../../src/core/doc.js';
import { extractRecord } from '../../src/extract/extractRecord.js';
import { ExtractionHang } from '../../src/extract/deadline.js';

const rec = (body: Uint8Array | string, extra: Partial<RawRecord> = {}): RawRecord => ({
  source: 't',
  key: 'k',
  url: '',
  body,
  bytes: typeof body === 'string' ? body.length : body.length,
  ...extra,
});

const ARTICLE = `<html><head><title>T</title></head><body><nav><a href="/">Home</a></nav><article>${'<p>A sentence of real prose, long enough to count, with commas, clauses, and a full stop.</p>'.repeat(4)}</article></body></html>`;

describe('extractRecord: dispatch', () => {
  it('extracts HTML bytes with charset detection and reports the charset', () => {
    const r = extractRecord(rec(new Uint8Array(iconv.encode(ARTICLE.replace('real prose', 'réal prose'), 'windows-1252')), { contentType: 'html' }));
    expect(r).toMatchObject({ ok: true, contentType: 'html', charset: 'windows-1252', title: 'T' });
    if (r.ok) {
      expect(r.text).toContain('A sentence of réal prose');
      expect(r.text).not.toContain('Home');
    }
  });

  it('sniffs the content type from mime, key extension or bytes when undeclared', () => {
    expect(extractRecord(rec(Buffer.from(ARTICLE))).ok && extractRecord(rec(Buffer.from(ARTICLE)))).toMatchObject({ contentType: 'html' });
    expect(extractRecord(rec('# Title\n\nSome *markdown* text.', { key: 'docs/readme.md' }))).toMatchObject({ ok: true, contentType: 'markdown', text: 'Title\n\nSome markdown text.', title: 'Title' });
    expect(extractRecord(rec('\\documentclass{article}\\begin{document}Hello $x^2$.\\end{document}'))).toMatchObject({ ok: true, contentType: 'latex', text: 'Hello $x^2$.' });
    expect(extractRecord(rec('plain words\r\nline two', { mime: 'text/plain' }))).toMatchObject({ ok: true, contentType: 'text', text: 'plain words\nline two' });
  });

  it('keeps code verbatim', () => {
    const code = 'def f(x):\n\tif x:\n        return 1\n';
    expect(extractRecord(rec(code, { contentType: 'code' }))).toMatchObject({ ok: true, text: code.trimEnd() });
  });

  it('reads gzip-compressed payloads', () => {
    const r = extractRecord(rec(gzipSync(Buffer.from(ARTICLE)), { contentType: 'html' }));
    expect(r.ok && r.text.includes('real prose')).toBe(true);
  });
});

describe('extractRecord: robustness', () => {
  it('rejects oversized payloads, before and after gunzip', () => {
    const big = Buffer.alloc(2000, 0x61);
    expect(extractRecord(rec(big), { maxBytes: 1000 })).toMatchObject({ ok: false, reason: 'extract.too_large' });
    expect(extractRecord(rec(gzipSync(big)), { maxBytes: 1000 })).toMatchObject({ ok: false, reason: 'extract.too_large' });
  });

  it('rejects binary garbage and known binary formats', () => {
    let seed = 42;
    const noise = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
    expect(extractRecord(rec(noise, { contentType: 'html' }))).toMatchObject({ ok: false, reason: 'extract.binary' });
    expect(extractRecord(rec(Buffer.from('%PDF-1.7\n...'), { contentType: 'html' }))).toMatchObject({ ok: false, reason: 'extract.binary', detail: 'PDF signature' });
  });

  it('rejects pages without text as extract.empty', () => {
    expect(extractRecord(rec('<html><body><script>x()</script><img src=a.png></body></html>', { contentType: 'html' }))).toMatchObject({ ok: false, reason: 'extract.empty' });
    expect(extractRecord(rec('   \n ', { contentType: 'text' }))).toMatchObject({ ok: false, reason: 'extract.empty' });
  });

  it('survives 100k nested divs in linear time', () => {
    const n = 100_000;
    const html = `<html><body>${'<div>'.repeat(n)}<p>Deep text, with words, at the bottom of the pit.</p>${'</div>'.repeat(n)}<p>After.</p></body></html>`;
    const t0 = performance.now();
    const r = extractRecord(rec(html, { contentType: 'html' }));
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.text).toContain('Deep text, with words, at the bottom of the pit.');
  });

  it('stays linear on one huge <br>-separated block', () => {
    // CPU time of 25k and 50k lines: linear work doubles, quadratic work quadruples (wall time
    // would depend on the machine's load, CPU time much less).
    const cpu = (lines: number) => {
      const html = `<html><body><div>${'A line of text, with words.<br>\n'.repeat(lines)}</div></body></html>`;
      const c0 = process.cpuUsage();
      const r = extractRecord(rec(html, { contentType: 'html' }), { timeoutMs: 60_000 });
      const c = process.cpuUsage(c0);
      expect(r.ok && r.text.split('\n').length).toBe(lines);
      return c.user + c.system;
    };
    cpu(5_000); // warm-up: compile the hot paths first
    const small = cpu(25_000);
    const big = cpu(50_000);
    expect(big / small).toBeLessThan(3);
  });

  it('survives unclosed nesting and malformed markup', () => {
    const html = `<html><body><div><p>Unclosed <b>bold <i>italic <table><tr><td>cell<div></span></p></td>${'<li>item'.repeat(5000)}<p attr="x>broken</p><!-- never closed`;
    const r = extractRecord(rec(html, { contentType: 'html' }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.text).toContain('Unclosed bold italic');
  });

  it('a wall-clock guard only catches hangs: it throws (the run fails), never rejects', () => {
    const html = `<html><body>${'<div class="x"><p>Some text, some more text, and then a little more.</p></div>'.repeat(60_000)}</body></html>`;
    expect(() => extractRecord(rec(html, { contentType: 'html' }), { timeoutMs: 5, maxBytes: 50_000_000 })).toThrow(ExtractionHang);
  });

  it('handles a huge but legitimate page within the default budget', () => {
    const html = `<html><body><article>${'<p>Paragraph text, with commas, long enough to be prose, and a period.</p>\n'.repeat(40_000)}</article></body></html>`;
    const r = extractRecord(rec(html, { contentType: 'html' }), { maxBytes: 10_000_000, timeoutMs: 20_000 });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.text.split('\n\n').length).toBe(40_000);
  });

  it('never throws, whatever the input', () => {
    for (const body of ['', '<', '<<<>>>', '\u0000\u0001', '<math><mfrac></mfrac></math>', '<pre>', '<table><tr><td>']) {
      expect(() => extractRecord(rec(body, { contentType: 'html' }))).not.toThrow();
    }
  });
});
