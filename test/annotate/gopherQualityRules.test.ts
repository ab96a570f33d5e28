import { describe, expect, it } from 'vitest';
import { gopherQualityRules } from '../../src/annotate/gopherQualityRules.js';
import { computeTextStats } from '../../src/annotate/textStats.js';
import { qualityPreset } from '../../src/config/qualitySchema.js';
import { PROSE, words } from './fixtures.js';

const cfg = qualityPreset('gopher').gopher_quality;
const run = (text: string, c = cfg) => gopherQualityRules(computeTextStats(text), c, {});

describe('gopherQualityRules', () => {
  it('keeps ordinary prose and records its signals', () => {
    const signals: Record<string, number> = {};
    expect(gopherQualityRules(computeTextStats(PROSE), cfg, signals)).toBeUndefined();
    expect(signals['gopher.word_count']).toBeGreaterThan(100);
    expect(signals['gopher.stop_words']).toBeGreaterThan(10);
  });

  it('word count: 50 words pass, 49 are rejected', () => {
    expect(run(words(50))).toBeUndefined();
    expect(run(words(49))?.reason).toBe('quality.gopher.word_count');
  });

  it('mean word length: below 3 and above 10 characters are rejected', () => {
    expect(run(Array(60).fill('to be or at an').join(' '))?.reason).toBe('quality.gopher.mean_word_length');
    // Exactly 10 characters on average passes the length rule (and then fails on stop words).
    expect(run(Array(60).fill('abcdefghij').join(' '))?.reason).toBe('quality.gopher.stop_words');
    expect(run(Array(60).fill('abcdefghijk').join(' '))?.reason).toBe('quality.gopher.mean_word_length');
  });

  it('symbol ratio: 10% "#" per word passes, above is rejected', () => {
    const base = words(100);
    expect(run(`${base} ${'#x '.repeat(10)}`)).toBeUndefined(); // 10 / 110 words
    expect(run(`${base} ${'#x '.repeat(13)}`)?.reason).toBe('quality.gopher.symbol_word_ratio'); // 13 / 113
  });

  it('bullet lines: 90% pass, more are rejected', () => {
    const line = words(10);
    const doc = (bullets: number, plain: number) => [...Array(bullets).fill(`- ${line}`), ...Array(plain).fill(line).map((l, i) => `${l} ${i}`)].join('\n');
    expect(run(doc(9, 1))).toBeUndefined();
    expect(run(doc(19, 1))?.reason).toBe('quality.gopher.bullet_lines_frac');
  });

  it('ellipsis lines: 30% pass, more are rejected', () => {
    const line = (i: number, end: string) => `${words(12)} ${i}${end}`;
    const doc = (ell: number, total: number) => Array.from({ length: total }, (_, i) => line(i, i < ell ? '...' : '.')).join('\n');
    expect(run(doc(3, 10))).toBeUndefined();
    expect(run(doc(4, 10))?.reason).toBe('quality.gopher.ellipsis_lines_frac');
  });

  it('alphabetic words: 80% pass, fewer are rejected', () => {
    expect(run(`${words(80)} ${'123 '.repeat(20)}`)).toBeUndefined();
    expect(run(`${words(80)} ${'123 '.repeat(21)}`)?.reason).toBe('quality.gopher.alpha_words_frac');
  });

  it('stop words: two occurrences pass, one is rejected', () => {
    const filler = Array(60).fill('river').join(' ');
    expect(run(`${filler} the of`)).toBeUndefined();
    expect(run(`${filler} the`)?.reason).toBe('quality.gopher.stop_words');
  });

  it('does nothing when disabled', () => {
    expect(run('tiny', { ...cfg, enabled: false })).toBeUndefined();
  });
});
