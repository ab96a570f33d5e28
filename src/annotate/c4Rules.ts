import type { QualityConfig } from '../config/qualitySchema.js';
import { round4, type RuleFailure, type Signals } from './ruleFailure.js';

export interface C4Result {
  /** The text after line-level cleaning (the same string when no line was dropped). */
  text: string;
  failure?: RuleFailure;
}

const POLICY = ['terms of use', 'privacy policy', 'cookie policy', 'uses cookies', 'use of cookies', 'use cookies'];
const END_MARKS = new Set(['.', '?', '!', '"', '\u201d', '\u2026']);

function lineCleaningOn(cfg: QualityConfig['c4']): boolean {
  return cfg.drop_lines_without_terminal_punct || cfg.min_words_per_line > 0 || cfg.max_word_length > 0 || cfg.drop_javascript_lines || cfg.drop_policy_lines || cfg.reject_curly_bracket;
}

/** Sentence ends: terminal punctuation followed by whitespace or the end of the text. */
export function countSentences(text: string): number {
  const m = text.match(/[.!?\u3002\uff01\uff1f]+["'\u201d\u2019)]*(?=\s|$)/g);
  return m ? m.length : 0;
}

function longestWord(line: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) run = 0;
    else if (++run > best) best = run;
  }
  return best;
}

/**
 * C4 rules (Raffel et al. 2020): line-level cleaning, then document rules (lorem ipsum, `{`,
 * too few sentences). Records `c4.*` signals.
 */
export function c4Rules(text: string, cfg: QualityConfig['c4'], signals: Signals): C4Result {
  if (!cfg.enabled) return { text };
  if (!lineCleaningOn(cfg)) {
    if (cfg.reject_lorem_ipsum && /lorem ipsum/i.test(text)) return { text, failure: { reason: 'quality.c4.lorem_ipsum', detail: 'contains "lorem ipsum"' } };
    if (cfg.min_sentences > 0) {
      const s = countSentences(text);
      signals['c4.sentences'] = s;
      if (s < cfg.min_sentences) return { text, failure: { reason: 'quality.c4.min_sentences', detail: `${s} < ${cfg.min_sentences}` } };
    }
    return { text };
  }
  const lines = text.split('\n');
  const kept: string[] = [];
  let nonEmpty = 0;
  let dropped = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    nonEmpty++;
    const lower = line.toLowerCase();
    if (cfg.reject_lorem_ipsum && lower.includes('lorem ipsum')) return { text, failure: { reason: 'quality.c4.lorem_ipsum', detail: 'contains "lorem ipsum"' } };
    if (cfg.reject_curly_bracket && line.includes('{')) return { text, failure: { reason: 'quality.c4.curly_bracket', detail: 'contains "{"' } };
    if (cfg.max_word_length > 0 && longestWord(line) > cfg.max_word_length) {
      dropped++;
      continue;
    }
    if (cfg.drop_lines_without_terminal_punct && !END_MARKS.has(line[line.length - 1])) {
      dropped++;
      continue;
    }
    if (cfg.min_words_per_line > 0 && line.split(/\s+/).length < cfg.min_words_per_line) {
      dropped++;
      continue;
    }
    if (cfg.drop_javascript_lines && lower.includes('javascript')) {
      dropped++;
      continue;
    }
    if (cfg.drop_policy_lines && POLICY.some((p) => lower.includes(p))) {
      dropped++;
      continue;
    }
    kept.push(line);
  }
  signals['c4.lines_dropped_frac'] = round4(nonEmpty > 0 ? dropped / nonEmpty : 0);
  const cleaned = dropped === 0 ? text : kept.join('\n');
  if (cfg.min_sentences > 0) {
    const s = countSentences(cleaned);
    signals['c4.sentences'] = s;
    if (s < cfg.min_sentences) return { text: cleaned, failure: { reason: 'quality.c4.min_sentences', detail: `${s} < ${cfg.min_sentences} after line cleaning` } };
  }
  return { text: cleaned };
}
