import { describe, expect, it } from 'vitest';
import { qualityPreset, qualitySchema } from '../../src/config/qualitySchema.js';
import { configSchema } from '../../src/config/schema.js';

describe('qualitySchema', () => {
  it('may be omitted: {} gives the curate preset with every field set', () => {
    const q = qualitySchema.parse({});
    expect(q.preset).toBe('curate');
    expect(q.tokenizer).toBe('cl100k_base');
    expect(q.language.enabled).toBe(false);
    expect(q.gopher_quality.min_stop_words).toBe(2);
    expect(q.fineweb.enabled).toBe(false);
  });

  it('presets reproduce the published recipes', () => {
    const fw = qualityPreset('fineweb');
    expect(fw.gopher_quality).toMatchObject({ enabled: true, min_words: 50, max_mean_word_length: 10, min_alpha_words_ratio: 0.8 });
    expect(fw.c4).toMatchObject({ enabled: true, drop_lines_without_terminal_punct: false, reject_curly_bracket: true, min_sentences: 5 });
    expect(fw.fineweb).toMatchObject({ enabled: true, min_line_punct_frac: 0.12, max_short_line_frac: 0.67, max_dup_line_char_frac: 0.01, max_newline_word_ratio: 0.3 });
    expect(fw.language).toMatchObject({ enabled: true, languages: ['en'], min_lang_score: 0.65 });
    expect(qualityPreset('c4').c4.drop_lines_without_terminal_punct).toBe(true);
    expect(qualityPreset('gopher').c4.enabled).toBe(false);
  });

  it('fields written in the config override the preset one by one', () => {
    const q = qualitySchema.parse({ preset: 'fineweb', gopher_quality: { min_words: 100 }, tokenizer: 'approx' });
    expect(q.gopher_quality.min_words).toBe(100);
    expect(q.gopher_quality.max_words).toBe(100_000);
    expect(q.tokenizer).toBe('approx');
  });

  it('rejects unknown fields and out-of-range thresholds', () => {
    expect(qualitySchema.safeParse({ gopher_quality: { min_wordz: 1 } }).success).toBe(false);
    expect(qualitySchema.safeParse({ fineweb: { max_short_line_frac: 2 } }).success).toBe(false);
    expect(qualitySchema.safeParse({ preset: 'redpajama' }).success).toBe(false);
    expect(qualitySchema.safeParse({ tokenizer: 'gpt2' }).success).toBe(false);
  });

  it('resolves inside the whole config, with quality omitted or partial', () => {
    const base = { name: 'x', output: 'out', policy: 'p.yaml', sources: [{ id: 'a', kind: 'files', path: '.', license: 'MIT' }], mix: { total_tokens: 100, domains: { code: 1 } } };
    expect(configSchema.parse(base).quality.gopher_quality.min_words).toBe(20);
    const c = configSchema.parse({ ...base, quality: { preset: 'fineweb', fineweb: { max_short_line_frac: 0.5 } } });
    expect(c.quality.fineweb.max_short_line_frac).toBe(0.5);
    expect(c.quality.language.enabled).toBe(true);
  });
});
