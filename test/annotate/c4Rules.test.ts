import { describe, expect, it } from 'vitest';
import { c4Rules, countSentences } from '../../src/annotate/c4Rules.js';
import type { QualityConfig } from '../../src/config/qualitySchema.js';
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

  it('phrases match in any case, with the Kelvin sign as k, and not through İ', () => {
    const s: Record<string, number> = {};
    const text = `${PROSE}\nWe Use CoO\u212Aies on this site.\nPRIVACY POLICY and more words.\nNo İ javascrİpt here at all.`;
    const r = c4Rules(text, fineweb, s);
    expect(r.text).not.toMatch(/CoO|PRIVACY/);
    expect(r.text).toContain('javascrİpt');
    expect(c4Rules(`${PROSE}\nLOREM IPSUM again.`, fineweb, {}).failure?.reason).toBe('quality.c4.lorem_ipsum');
  });

  it('the first offending line decides: lorem ipsum before a later {, { before a later lorem ipsum', () => {
    expect(c4Rules(`${PROSE}\nlorem ipsum.\nx { y`, fineweb, {}).failure?.reason).toBe('quality.c4.lorem_ipsum');
    expect(c4Rules(`${PROSE}\nx { y\nlorem ipsum.`, fineweb, {}).failure?.reason).toBe('quality.c4.curly_bracket');
    expect(c4Rules(`${PROSE}\nx { lorem ipsum.`, fineweb, {}).failure?.reason).toBe('quality.c4.lorem_ipsum');
  });

  it('returns the kept lines as offsets of the input, joined into the cleaned text', () => {
    const text = `  First line is long enough.  \r\nTwo words\n\n${PROSE}`;
    const r = c4Rules(text, fineweb, {});
    expect(r.kept).toBeDefined();
    const k = r.kept!;
    expect(Array.from({ length: k.n }, (_, i) => text.slice(k.start[i], k.end[i])).join('\n')).toBe(r.text);
    expect(c4Rules(PROSE, fineweb, {}).kept).toBeUndefined(); // nothing dropped
  });

  it('counts sentences as the sentence regex matches, on random texts', () => {
    const re = /[.!?\u3002\uff01\uff1f]+["'\u201d\u2019)]*(?=\s|$)/g;
    let seed = 5;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pieces = ['.', '!', '?', '\u3002', '\uff01', '\uff1f', '"', "'", '\u201d', '\u2019', ')', ' ', '\n', 'a', '\u00a0', '\ufeff', '\u200b'];
    for (let k = 0; k < 20_000; k++) {
      let text = '';
      const n = Math.floor(rnd() * 10);
      for (let i = 0; i < n; i++) text += pieces[Math.floor(rnd() * pieces.length)];
      expect(countSentences(text), JSON.stringify(text)).toBe(text.match(re)?.length ?? 0);
    }
    expect(countSentences(PROSE)).toBe(PROSE.match(re)?.length);
  });

  it('gives what line-by-line string processing gives, on random texts', () => {
    let seed = 99;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pieces = ['a', 'B', ' ', '  ', '\n', '\r\n', '.', '\t', '{', '\u212A', 'K', 'ie', 'coo', 'cookies', 'use ', 'Use of ', 'Javascript', 'İ', 'Σ', '\u00a0', '\u200b', '\ufeff', '\u2028', '…', '"', 'lorem', ' ipsum', 'x'.repeat(25), 'terms of use'];
    const configs = [fineweb, full, curate, { ...full, max_word_length: 20, reject_curly_bracket: false, reject_lorem_ipsum: false }, { ...full, min_words_per_line: 5, drop_lines_without_terminal_punct: false, min_sentences: 0 }];
    for (let k = 0; k < 1500; k++) {
      let text = '';
      const n = 1 + Math.floor(rnd() * 40);
      for (let i = 0; i < n; i++) text += pieces[Math.floor(rnd() * pieces.length)];
      for (const cfg of configs) {
        const s1: Record<string, number> = {};
        const s2: Record<string, number> = {};
        const got = c4Rules(text, cfg, s1);
        const want = byStrings(text, cfg, s2);
        expect([got.text, got.failure, s1], JSON.stringify(text)).toEqual([want.text, want.failure, s2]);
      }
    }
  });
});

/** C4's line cleaning written plainly (split, trim, toLowerCase, includes), as the reference. */
function byStrings(text: string, cfg: QualityConfig['c4'], signals: Record<string, number>): { text: string; failure?: { reason: string; detail: string } } {
  const policy = ['terms of use', 'privacy policy', 'cookie policy', 'uses cookies', 'use of cookies', 'use cookies'];
  const cleaningOn = cfg.drop_lines_without_terminal_punct || cfg.min_words_per_line > 0 || cfg.max_word_length > 0 || cfg.drop_javascript_lines || cfg.drop_policy_lines || cfg.reject_curly_bracket;
  if (!cfg.enabled) return { text };
  if (!cleaningOn) {
    if (cfg.reject_lorem_ipsum && /lorem ipsum/i.test(text)) return { text, failure: { reason: 'quality.c4.lorem_ipsum', detail: 'contains "lorem ipsum"' } };
    if (cfg.min_sentences > 0) {
      const s = countSentences(text);
      signals['c4.sentences'] = s;
      if (s < cfg.min_sentences) return { text, failure: { reason: 'quality.c4.min_sentences', detail: `${s} < ${cfg.min_sentences}` } };
    }
    return { text };
  }
  const kept: string[] = [];
  let nonEmpty = 0;
  let dropped = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    nonEmpty++;
    const lower = line.toLowerCase();
    if (cfg.reject_lorem_ipsum && lower.includes('lorem ipsum')) return { text, failure: { reason: 'quality.c4.lorem_ipsum', detail: 'contains "lorem ipsum"' } };
    if (cfg.reject_curly_bracket && line.includes('{')) return { text, failure: { reason: 'quality.c4.curly_bracket', detail: 'contains "{"' } };
    const longest = Math.max(0, ...line.split(/[ \t]/).map((w) => w.length));
    if (
      (cfg.max_word_length > 0 && longest > cfg.max_word_length) ||
      (cfg.drop_lines_without_terminal_punct && !['.', '?', '!', '"', '\u201d', '\u2026'].includes(line[line.length - 1])) ||
      (cfg.min_words_per_line > 0 && line.split(/\s+/).length < cfg.min_words_per_line) ||
      (cfg.drop_javascript_lines && lower.includes('javascript')) ||
      (cfg.drop_policy_lines && policy.some((p) => lower.includes(p)))
    ) {
      dropped++;
      continue;
    }
    kept.push(line);
  }
  signals['c4.lines_dropped_frac'] = Math.round((nonEmpty > 0 ? dropped / nonEmpty : 0) * 10000) / 10000;
  const cleaned = dropped === 0 ? text : kept.join('\n');
  if (cfg.min_sentences > 0) {
    const s = countSentences(cleaned);
    signals['c4.sentences'] = s;
    if (s < cfg.min_sentences) return { text: cleaned, failure: { reason: 'quality.c4.min_sentences', detail: `${s} < ${cfg.min_sentences} after line cleaning` } };
  }
  return { text: cleaned };
}
