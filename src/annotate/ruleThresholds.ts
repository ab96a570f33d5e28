import type { QualityConfig } from '../config/qualitySchema.js';

/** One filter rule as `curate score` shows it: the signal, and the bounds the config holds it to. */
export interface RuleThreshold {
  signal: string;
  /** Human-readable bound: `≥ 20`, `≤ 0.3`, `20 – 100000`. */
  bound: string;
  /** Whether a value passes (undefined bounds = always). */
  passes(v: number): boolean;
}

const between = (signal: string, lo: number, hi: number): RuleThreshold => ({ signal, bound: `${lo} – ${hi}`, passes: (v) => v >= lo && v <= hi });
const atLeast = (signal: string, lo: number): RuleThreshold => ({ signal, bound: `≥ ${lo}`, passes: (v) => v >= lo });
const atMost = (signal: string, hi: number): RuleThreshold => ({ signal, bound: `≤ ${hi}`, passes: (v) => v <= hi });

/**
 * The thresholds of every enabled rule group of a resolved config, keyed by group, in the order the
 * rules run (prose groups for prose, `code` for code). Mirrors the checks in *Rules.ts; a test
 * checks that a value failing here is what the rule rejects.
 */
export function ruleThresholds(cfg: QualityConfig, isCode: boolean): { group: string; rules: RuleThreshold[] }[] {
  const out: { group: string; rules: RuleThreshold[] }[] = [];
  if (isCode) {
    const c = cfg.code;
    if (c.enabled) {
      out.push({
        group: 'code',
        rules: [
          atMost('code.max_line_length', c.max_line_length),
          atMost('code.mean_line_length', c.max_mean_line_length),
          atLeast('code.alnum_frac', c.min_alnum_frac),
          between('code.comment_frac', c.min_comment_frac, c.max_comment_frac),
        ],
      });
    }
    return out;
  }
  const r = cfg.gopher_repetition;
  if (r.enabled) {
    out.push({
      group: 'gopher_repetition',
      rules: [
        atMost('gopher_repetition.dup_line_frac', r.max_dup_line_frac),
        atMost('gopher_repetition.dup_para_frac', r.max_dup_para_frac),
        atMost('gopher_repetition.dup_line_char_frac', r.max_dup_line_char_frac),
        atMost('gopher_repetition.dup_para_char_frac', r.max_dup_para_char_frac),
        atMost('gopher_repetition.top_2gram_frac', r.max_top_2gram_frac),
        atMost('gopher_repetition.top_3gram_frac', r.max_top_3gram_frac),
        atMost('gopher_repetition.top_4gram_frac', r.max_top_4gram_frac),
        ...([5, 6, 7, 8, 9, 10] as const).map((n) => atMost(`gopher_repetition.dup_${n}gram_frac`, r[`max_dup_${n}gram_frac`])),
      ],
    });
  }
  const g = cfg.gopher_quality;
  if (g.enabled) {
    out.push({
      group: 'gopher',
      rules: [
        between('gopher.word_count', g.min_words, g.max_words),
        between('gopher.mean_word_length', g.min_mean_word_length, g.max_mean_word_length),
        atMost('gopher.symbol_word_ratio', g.max_symbol_word_ratio),
        atMost('gopher.bullet_lines_frac', g.max_bullet_lines_ratio),
        atMost('gopher.ellipsis_lines_frac', g.max_ellipsis_lines_ratio),
        atLeast('gopher.alpha_words_frac', g.min_alpha_words_ratio),
        atLeast('gopher.stop_words', g.min_stop_words),
      ],
    });
  }
  const c4 = cfg.c4;
  if (c4.enabled && c4.min_sentences > 0) out.push({ group: 'c4', rules: [atLeast('c4.sentences', c4.min_sentences)] });
  const f = cfg.fineweb;
  if (f.enabled) {
    out.push({
      group: 'fineweb',
      rules: [
        atLeast('fineweb.line_punct_frac', f.min_line_punct_frac),
        atMost('fineweb.short_line_frac', f.max_short_line_frac),
        atMost('fineweb.dup_line_char_frac', f.max_dup_line_char_frac),
        atMost('fineweb.newline_word_ratio', f.max_newline_word_ratio),
      ],
    });
  }
  return out;
}

/** The condition of each textbook point (src/annotate/textbookScore.ts), for prose/science and for code. */
export const TEXTBOOK_POINT_CONDITIONS: Record<'prose' | 'code', Record<'explains' | 'examples' | 'structure' | 'style' | 'clean', string>> = {
  prose: {
    explains: 'edu.explain_per_1k ≥ 6, or edu.defines ≥ 2, or (science) a definition and domain.math_per_1k ≥ 2',
    examples: 'edu.examples ≥ 1, or (science) domain.math_per_1k ≥ 5',
    structure: '≥ 3 prose paragraphs with a heading (or ≥ 6), ≥ 10% of paragraphs; or (science) citations and method phrases',
    style: 'edu.mean_sentence_words 8 – 40, edu.mean_word_length 4 – 7, edu.type_token_ratio ≥ 0.3',
    clean: 'edu.commercial_per_1k < 6, edu.short_line_frac < 0.6, gopher_repetition.dup_line_frac ≤ 0.15, edu.links_per_1k < 8, bullets < 50%',
  },
  code: {
    explains: 'edu.code.comment_frac 0.08 – 0.7',
    examples: 'edu.code.examples ≥ 1',
    structure: 'edu.code.definitions ≥ 1, mean line 8 – 80 chars, no line > 300',
    style: 'edu.code.mean_identifier_length 3.5 – 20, edu.code.single_char_identifier_frac ≤ 0.2',
    clean: 'gopher_repetition.dup_line_frac ≤ 0.2, edu.commercial_per_1k < 5, domain.symbol_density < 0.25',
  },
};
