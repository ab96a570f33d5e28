import { describe, expect, it } from 'vitest';
import { finewebRules } from '../../src/annotate/finewebRules.js';
import { computeTextStats } from '../../src/annotate/textStats.js';
import { qualityPreset } from '../../src/config/qualitySchema.js';
import { PROSE } from './fixtures.js';

const cfg = qualityPreset('fineweb').fineweb;
const run = (text: string, c = cfg) => finewebRules(computeTextStats(text), c, {});
const longLine = (i: number, end = '.') => `This is sentence number ${i} of a long enough paragraph line${end}`;

describe('finewebRules', () => {
  it('keeps prose', () => {
    expect(run(PROSE)).toBeUndefined();
  });

  it('lines ending in punctuation: 12% pass, fewer are rejected', () => {
    const doc = (punct: number, total: number) => Array.from({ length: total }, (_, i) => longLine(i, i < punct ? '.' : '')).join('\n');
    expect(run(doc(3, 25), { ...cfg, max_newline_word_ratio: 1 })).toBeUndefined(); // 0.12
    expect(run(doc(2, 25), { ...cfg, max_newline_word_ratio: 1 })?.reason).toBe('quality.fineweb.line_punct_frac');
  });

  it('short lines (<= 30 chars): 67% pass, more are rejected', () => {
    const short = (i: number) => `Short line ${i}.`;
    const doc = (nShort: number, nLong: number) => [...Array.from({ length: nShort }, (_, i) => short(i)), ...Array.from({ length: nLong }, (_, i) => longLine(i))].join('\n');
    const c = { ...cfg, max_newline_word_ratio: 1 };
    expect(run(doc(2, 1), c)?.reason).toBeUndefined(); // 0.667
    expect(run(doc(7, 3), c)?.reason).toBe('quality.fineweb.short_line_frac'); // 0.7
  });

  it('characters in duplicated lines above 1% are rejected', () => {
    expect(run(`${PROSE}\n${longLine(1)}\n${longLine(1)}`)?.reason).toBe('quality.fineweb.dup_line_char_frac');
  });

  it('newlines per word above 0.3 are rejected', () => {
    const doc = Array.from({ length: 40 }, (_, i) => `Line number ${i}.`).join('\n');
    expect(run(doc, { ...cfg, max_short_line_frac: 1 })?.reason).toBe('quality.fineweb.newline_word_ratio');
  });
});
