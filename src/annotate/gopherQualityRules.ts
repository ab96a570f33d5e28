import type { QualityConfig } from '../config/qualitySchema.js';
import { fail, round4, type RuleFailure, type Signals } from './ruleFailure.js';
import { wordHash, type TextStats } from './textStats.js';

/** Gopher's stop words: a document of real English prose holds at least two of them. */
const STOP_WORDS = ['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with'].map(wordHash);

// The stop-word hashes in a small open-addressing table: a token costs one load and a compare,
// not a Set lookup. Membership is by hash, exactly as a Set of the hashes would answer.
const STOP_BITS = 6;
const STOP_TABLE = new Int32Array(1 << STOP_BITS);
const STOP_USED = new Uint8Array(1 << STOP_BITS);
const stopSlot = (h: number) => Math.imul(h, 0x9e3779b1) >>> (32 - STOP_BITS);
for (const h of STOP_WORDS) {
  let slot = stopSlot(h);
  while (STOP_USED[slot] && STOP_TABLE[slot] !== h) slot = (slot + 1) & ((1 << STOP_BITS) - 1);
  STOP_TABLE[slot] = h;
  STOP_USED[slot] = 1;
}

function isStopWord(h: number): boolean {
  let slot = stopSlot(h);
  while (STOP_USED[slot]) {
    if (STOP_TABLE[slot] === h) return true;
    slot = (slot + 1) & ((1 << STOP_BITS) - 1);
  }
  return false;
}

/**
 * Gopher quality rules (Rae et al. 2021). Records `gopher.*` signals, returns the first rule that
 * fires when the group is enabled. Stop words count occurrences, as datatrove does; the stop-word
 * rule is English-only, so it is skipped for text identified as another language (`englishOrUnknown` false).
 */
export function gopherQualityRules(st: TextStats, cfg: QualityConfig['gopher_quality'], signals: Signals, englishOrUnknown = true): RuleFailure | undefined {
  const words = st.nWords;
  const meanLen = words > 0 ? st.wordChars / words : 0;
  const symbolRatio = words > 0 ? st.hashAndEllipsis / words : 0;
  const lines = st.nLines;
  const bullet = lines > 0 ? st.bulletLines / lines : 0;
  const ellipsis = lines > 0 ? st.ellipsisLines / lines : 0;
  const alpha = st.nTokens > 0 ? st.alphaWords / st.nTokens : 0;
  let stop = 0;
  const tok = st.tokHash;
  for (let i = 0; i < st.nTokens; i++) if (isStopWord(tok[i])) stop++;
  signals['gopher.word_count'] = words;
  signals['gopher.mean_word_length'] = round4(meanLen);
  signals['gopher.symbol_word_ratio'] = round4(symbolRatio);
  signals['gopher.bullet_lines_frac'] = round4(bullet);
  signals['gopher.ellipsis_lines_frac'] = round4(ellipsis);
  signals['gopher.alpha_words_frac'] = round4(alpha);
  signals['gopher.stop_words'] = stop;
  if (!cfg.enabled) return undefined;
  if (words < cfg.min_words) return fail('quality.gopher.word_count', words, '<', cfg.min_words);
  if (words > cfg.max_words) return fail('quality.gopher.word_count', words, '>', cfg.max_words);
  if (meanLen < cfg.min_mean_word_length) return fail('quality.gopher.mean_word_length', meanLen, '<', cfg.min_mean_word_length);
  if (meanLen > cfg.max_mean_word_length) return fail('quality.gopher.mean_word_length', meanLen, '>', cfg.max_mean_word_length);
  if (symbolRatio > cfg.max_symbol_word_ratio) return fail('quality.gopher.symbol_word_ratio', symbolRatio, '>', cfg.max_symbol_word_ratio);
  if (bullet > cfg.max_bullet_lines_ratio) return fail('quality.gopher.bullet_lines_frac', bullet, '>', cfg.max_bullet_lines_ratio);
  if (ellipsis > cfg.max_ellipsis_lines_ratio) return fail('quality.gopher.ellipsis_lines_frac', ellipsis, '>', cfg.max_ellipsis_lines_ratio);
  if (alpha < cfg.min_alpha_words_ratio) return fail('quality.gopher.alpha_words_frac', alpha, '<', cfg.min_alpha_words_ratio);
  if (englishOrUnknown && stop < cfg.min_stop_words) return fail('quality.gopher.stop_words', stop, '<', cfg.min_stop_words);
  return undefined;
}
