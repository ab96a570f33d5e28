// eld's small table: same accuracy and raw scores as large on our checks (docs/quality.md), 150 MB
// less per worker thread and a faster start.
import { eld } from 'eld/small';

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
 * Identifies the language of a text from its first `prefixChars` characters (eld is ~4 MB/s on
 * long text; a few KB decide reliably). Markup-only or symbol-only prefixes give "und".
 */
export function identifyLanguage(text: string, prefixChars: number): LanguageGuess {
  const sample = text.length > prefixChars ? text.slice(0, prefixChars) : text;
  const r = eld.detect(sample);
  if (!r.language) return { lang: 'und', score: 0, scores: {} };
  const reliable = r.isReliable();
  const scores: Record<string, number> = {};
  // eld lists languages best first; the top few are all a filter ever needs.
  let k = 0;
  const raw = r.getScores();
  for (const lang in raw) {
    const s = languageScore(raw[lang], reliable);
    if (s > 0) scores[lang] = Math.round(s * 10000) / 10000;
    if (++k === 5) break;
  }
  return { lang: r.language, score: scores[r.language] ?? 0, scores };
}
