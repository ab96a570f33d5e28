/**
 * Finding 11 of issue 13: the 2000 ms extraction timeout was wall-clock, so the same 4.8 MB page
 * was kept on an idle machine and rejected `extract.timeout` on a busy one. The deciding budget
 * is now counted in steps (deadline.ts); the clock only guards against hangs, and passing it
 * throws (the run fails) instead of rejecting. The load is simulated by a clock that runs 1000
 * times faster than the work (each read advances 10 ms): the outcome must not change.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extractRecord } from '../../src/extract/extractRecord.js';
import { ExtractionHang } from '../../src/extract/deadline.js';

/** A 4.8 MB page of ordinary structure (sections, lists, links, paragraphs). */
function bigPage(): string {
  const section = (i: number) =>
    `<section><h2>Section ${i}</h2><ul>${'<li><a href="/x">related item</a></li>'.repeat(5)}</ul>${`<p>Paragraph ${i} of the report, with commas, figures such as ${i * 7} and a full stop at the end.</p>`.repeat(6)}</section>\n`;
  return `<html><head><title>Report</title></head><body><nav>${'<a href="/">menu</a>'.repeat(40)}</nav><main>${Array.from({ length: 5800 }, (_, i) => section(i)).join('')}</main></body></html>`;
}

afterEach(() => vi.restoreAllMocks());

describe('extraction outcome does not depend on the machine load', () => {
  it('gives the same result with a clock 1000x faster than the work', () => {
    const html = bigPage();
    expect(html.length).toBeGreaterThan(4_500_000);
    const rec = { source: 's', key: 'big.html', url: '', body: Buffer.from(html), contentType: 'html' as const, bytes: html.length };
    const idle = extractRecord(rec, { maxBytes: 10_000_000 });
    expect(idle.ok).toBe(true);
    let t = performance.now();
    vi.spyOn(performance, 'now').mockImplementation(() => (t += 10));
    const loaded = extractRecord(rec, { maxBytes: 10_000_000 });
    expect(loaded).toEqual(idle);
  }, 60_000);

  it('a hang (past the wall-clock guard) throws instead of rejecting the page', () => {
    const html = bigPage();
    const rec = { source: 's', key: 'big.html', url: '', body: Buffer.from(html), contentType: 'html' as const, bytes: html.length };
    let t = performance.now();
    vi.spyOn(performance, 'now').mockImplementation(() => (t += 1000));
    expect(() => extractRecord(rec, { maxBytes: 10_000_000 })).toThrow(ExtractionHang);
  }, 60_000);
});
