// eld's small model (same accuracy and raw scores as large on our checks, docs/quality.md), run by
// our own detector over a compact copy of its table: eld's exact answers, ~10x faster, ~4 MB per
// thread instead of ~150 MB (test/annotate/languageId.test.ts compares it with eld itself).
import { eldSmallModel } from './eldSmallModel.js';
import { detectLanguage } from './languageDetector.js';

export interface LanguageGuess {
  /** ISO 639-1 code, or "und" when nothing could be detected. */
  lang: string;
  /** Confidence in 0..1 of `lang` (see languageScore). */
  score: number;
  /** Confidence of the top five candidates (best first). */
  scores: Record<string, number>;
}

/**
 * Confidence in 0..1 from eld's raw n-gram score of a language. Measured here (docs/quality.md):
 * the winner's raw score on clean text of one language sits at 0.70-0.82 in every language tried,
 * a wrong language rarely passes 0.6, so the raw score is mapped linearly from 0.35 (0) to 0.80 (1),
 * and halved when eld itself flags the guess unreliable (too few n-grams).
 */
export function languageScore(raw: number, reliable: boolean): number {
  const s = Math.max(0, Math.min(1, (raw - 0.35) / 0.45));
  return reliable ? s : s / 2;
}

/**
 * Identifies the language of a text from its first `prefixChars` characters (eld reads at most
 * 1,000 of them, and ~380 bytes of words). Markup-only or symbol-only prefixes give "und".
 */
export function identifyLanguage(text: string, prefixChars: number): LanguageGuess {
  const sample = text.length > prefixChars ? text.slice(0, prefixChars) : text;
  const r = detectLanguage(eldSmallModel(), sample, 5);
  if (!r.language) return { lang: 'und', score: 0, scores: {} };
  const scores: Record<string, number> = {};
  // eld lists languages best first; the top few are all a filter ever needs.
  for (let k = 0; k < r.codes.length; k++) {
    const s = languageScore(r.scores[k], r.reliable);
    if (s > 0) scores[r.codes[k]] = Math.round(s * 10000) / 10000;
  }
  return { lang: r.language, score: scores[r.language] ?? 0, scores };
}
