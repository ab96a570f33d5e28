import { describe, expect, it } from 'vitest';
import { gopherRepetitionRules } from '../../src/annotate/gopherRepetitionRules.js';
import { computeTextStats } from '../../src/annotate/textStats.js';
import { qualityPreset } from '../../src/config/qualitySchema.js';
import { PROSE } from './fixtures.js';

const cfg = qualityPreset('gopher').gopher_repetition;
const run = (text: string, c = cfg, signals: Record<string, number> = {}) => gopherRepetitionRules(computeTextStats(text), c, signals);

/** Distinct lines of 8 distinct words each. */
const distinct = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i} alpha${i} beta${i} gamma${i} delta${i} eps${i} zeta${i} eta${i}`);

describe('gopherRepetitionRules', () => {
  it('keeps prose without repetition', () => {
    const s: Record<string, number> = {};
    expect(run(PROSE, cfg, s)).toBeUndefined();
    expect(s['gopher_repetition.dup_line_frac']).toBe(0);
    expect(s['gopher_repetition.dup_10gram_frac']).toBe(0);
  });

  it('duplicate lines: 30% pass, more are rejected', () => {
    const loose = { ...cfg, max_dup_line_char_frac: 1, max_dup_para_frac: 1, max_dup_para_char_frac: 1, max_top_2gram_frac: 1, max_top_3gram_frac: 1, max_top_4gram_frac: 1, max_dup_5gram_frac: 1, max_dup_6gram_frac: 1, max_dup_7gram_frac: 1, max_dup_8gram_frac: 1, max_dup_9gram_frac: 1, max_dup_10gram_frac: 1 };
    const lines = distinct(7, 'a');
    expect(run([...lines, ...lines.slice(0, 3)].join('\n'), loose)).toBeUndefined(); // 3 of 10
    const r = run([...lines, ...lines.slice(0, 4)].join('\n'), loose); // 4 of 11 = 0.36
    expect(r?.reason).toBe('quality.gopher_repetition.dup_line_frac');
    expect(r?.detail).toMatch(/> 0.3$/);
  });

  it('duplicate paragraphs are measured on blank-line separated blocks', () => {
    const para = distinct(2, 'p').join('\n');
    const s: Record<string, number> = {};
    run([para, distinct(2, 'q').join('\n'), para].join('\n\n'), cfg, s);
    expect(s['gopher_repetition.dup_para_frac']).toBeCloseTo(1 / 3, 3);
  });

  it('a text that repeats one sentence is rejected', () => {
    const r = run(Array(30).fill('buy cheap watches online today').join(' '));
    expect(r?.reason).toMatch(/^quality\.gopher_repetition\./);
  });

  it('top 2-gram fraction above 0.2 is rejected', () => {
    const loose = { ...cfg, max_dup_5gram_frac: 1, max_dup_6gram_frac: 1, max_dup_7gram_frac: 1, max_dup_8gram_frac: 1, max_dup_9gram_frac: 1, max_dup_10gram_frac: 1 };
    const words = Array.from({ length: 200 }, (_, i) => (i % 4 < 2 ? (i % 4 === 0 ? 'ab' : 'cd') : `w${i}`)).join(' ');
    expect(run(words, loose)?.reason).toBe('quality.gopher_repetition.top_2gram_frac');
  });
});
