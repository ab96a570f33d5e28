import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotate } from '../../src/annotate/annotateDoc.js';
import { qualityPreset } from '../../src/config/qualitySchema.js';
import { PROSE } from './fixtures.js';

const fineweb = qualityPreset('fineweb', { tokenizer: 'approx' });
const curate = qualityPreset('curate', { tokenizer: 'approx' });
const reason = (text: string, cfg = fineweb) => annotate({ text, contentType: 'html' }, cfg).rejection?.reason;

// Hand-checked against the published rules (Gopher, C4 without the punctuation rule, FineWeb extras).
describe('fineweb preset on hand-checked pages', () => {
  it('keeps a clean English article', () => {
    expect(reason(PROSE)).toBeUndefined();
  });

  it('rejects keyword stuffing (Gopher repetition)', () => {
    const spam = Array(40).fill('best cheap flights best cheap hotels book now').join(' ');
    expect(reason(spam)).toMatch(/^quality\.gopher_repetition\./);
  });

  it('rejects a navigation page of short lines', () => {
    const nav = Array.from({ length: 60 }, (_, i) => `Category ${i} and more`).join('\n');
    expect(reason(nav)).toMatch(/^quality\.(?:gopher_repetition|gopher|c4|fineweb)\./);
  });

  it('rejects lorem ipsum filler and a page with code braces (C4 document rules)', () => {
    expect(reason(`${PROSE}\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.`)).toBe('quality.c4.lorem_ipsum');
    expect(reason(`${PROSE}\n\nfunction track() { return window.dataLayer; } is used on this page.`)).toBe('quality.c4.curly_bracket');
  });

  it('drops cookie and javascript lines but keeps the article (C4 line cleaning)', () => {
    const a = annotate({ text: `${PROSE}\nThis site uses cookies to improve your experience.\nPlease enable JavaScript in your browser.`, contentType: 'html' }, fineweb);
    expect(a.rejection).toBeUndefined();
    expect(a.text).not.toMatch(/cookies|JavaScript/);
    expect(a.text).toContain('transpiration');
  });

  it('keeps lines without terminal punctuation (FineWeb turned that C4 rule off) but C4 drops them', () => {
    const text = `${PROSE}\nA caption without a full stop`;
    expect(annotate({ text, contentType: 'html' }, fineweb).text).toContain('A caption without a full stop');
    expect(annotate({ text, contentType: 'html' }, qualityPreset('c4', { tokenizer: 'approx' })).text).not.toContain('A caption without');
  });

  it('rejects a text with too many duplicated line characters (FineWeb)', () => {
    const dup = 'Subscribe to our newsletter for weekly updates and offers.';
    expect(reason(`${PROSE}\n${dup}\n${dup}`)).toMatch(/fineweb\.dup_line_char_frac|gopher_repetition/);
  });
});

describe('curate preset on real documents', () => {
  const samples = resolve(import.meta.dirname, '../../../shared/samples/domains/samples.jsonl');
  it.skipIf(!existsSync(samples))('keeps at least 95% of the shared code/science/prose samples', () => {
    const rows = readFileSync(samples, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { domain: string; text: string });
    const kept = rows.filter((r) => !annotate({ text: r.text, contentType: r.domain === 'code' ? 'code' : 'text' }, curate).rejection).length;
    expect(kept / rows.length).toBeGreaterThanOrEqual(0.95);
  });
});
