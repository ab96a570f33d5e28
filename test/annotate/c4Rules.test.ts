import { describe, expect, it } from 'vitest';
import { c4Rules, countSentences } from '../../src/annotate/c4Rules.js';
import { qualityPreset } from '../../src/config/qualitySchema.js';
import { PROSE } from './fixtures.js';

const full = qualityPreset('c4').c4;
const fineweb = qualityPreset('fineweb').c4;
const curate = qualityPreset('curate').c4;

describe('c4Rules', () => {
  it('keeps prose unchanged', () => {
    const r = c4Rules(PROSE, full, {});
    expect(r.failure).toBeUndefined();
    expect(r.text.replace(/\n+/g, '\n')).toBe(PROSE.replace(/\n+/g, '\n'));
  });

  it('rejects lorem ipsum in every preset, curate included', () => {
    const text = `${PROSE}\nLorem ipsum dolor sit amet, consectetur adipiscing elit.`;
    expect(c4Rules(text, full, {}).failure?.reason).toBe('quality.c4.lorem_ipsum');
    expect(c4Rules(text, curate, {}).failure?.reason).toBe('quality.c4.lorem_ipsum');
  });

  it('rejects a curly bracket (C4, FineWeb) but not in curate', () => {
    const text = `${PROSE}\nThe set {1, 2} has two members.`;
    expect(c4Rules(text, full, {}).failure?.reason).toBe('quality.c4.curly_bracket');
    expect(c4Rules(text, fineweb, {}).failure?.reason).toBe('quality.c4.curly_bracket');
    expect(c4Rules(text, curate, {}).failure).toBeUndefined();
  });

  it('drops lines without terminal punctuation in C4, keeps them in FineWeb', () => {
    const text = `Menu Home About\n${PROSE}`;
    expect(c4Rules(text, full, {}).text).not.toContain('Menu Home About');
    // FineWeb turned the punctuation rule off; the line has 3 words, so it stays.
    expect(c4Rules(text, fineweb, {}).text).toContain('Menu Home About');
  });

  it('drops lines under 3 words, javascript and policy lines', () => {
    const s: Record<string, number> = {};
    const text = `${PROSE}\nTwo words.\nPlease enable JavaScript to view this page.\nRead our privacy policy for details.`;
    const r = c4Rules(text, fineweb, s);
    expect(r.text).not.toMatch(/Two words|JavaScript|privacy/);
    expect(s['c4.lines_dropped_frac']).toBeGreaterThan(0);
  });

  it('rejects when fewer than 5 sentences remain: 5 pass, 4 fail', () => {
    const five = 'One is here. Two is here. Three is here. Four is here. Five is here.';
    expect(countSentences(five)).toBe(5);
    expect(c4Rules(five, fineweb, {}).failure).toBeUndefined();
    expect(c4Rules('One is here. Two is here. Three is here. Four is here.', fineweb, {}).failure?.reason).toBe('quality.c4.min_sentences');
  });

  it('does nothing when disabled', () => {
    expect(c4Rules('lorem ipsum {', { ...full, enabled: false }, {}).failure).toBeUndefined();
  });
});
