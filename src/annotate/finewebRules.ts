import type { QualityConfig } from '../config/qualitySchema.js';
import { HashCounter } from './hashCounter.js';
import { fail, round4, type RuleFailure, type Signals } from './ruleFailure.js';
import type { TextStats } from './textStats.js';

const counter = new HashCounter();

/** FineWeb's extra rules (Penedo et al. 2024), on top of Gopher and C4. Records `fineweb.*` signals. */
export function finewebRules(st: TextStats, cfg: QualityConfig['fineweb'], signals: Signals): RuleFailure | undefined {
  const lines = st.nLines;
  let short = 0;
  counter.reset(lines);
  let dupChars = 0;
  for (let i = 0; i < lines; i++) {
    if (st.lineLen[i] <= cfg.short_line_length) short++;
    if (counter.add(st.lineHash[i], st.lineLen[i]) > 1) dupChars += st.lineLen[i];
  }
  const punct = lines > 0 ? st.punctLines / lines : 0;
  const shortFrac = lines > 0 ? short / lines : 0;
  const dupFrac = dupChars / Math.max(1, st.nChars - st.newlines);
  const newlineRatio = st.nWords > 0 ? st.newlines / st.nWords : 0;
  signals['fineweb.line_punct_frac'] = round4(punct);
  signals['fineweb.short_line_frac'] = round4(shortFrac);
  signals['fineweb.dup_line_char_frac'] = round4(dupFrac);
  signals['fineweb.newline_word_ratio'] = round4(newlineRatio);
  if (!cfg.enabled) return undefined;
  if (punct < cfg.min_line_punct_frac) return fail('quality.fineweb.line_punct_frac', punct, '<', cfg.min_line_punct_frac);
  if (shortFrac > cfg.max_short_line_frac) return fail('quality.fineweb.short_line_frac', shortFrac, '>', cfg.max_short_line_frac);
  if (dupFrac > cfg.max_dup_line_char_frac) return fail('quality.fineweb.dup_line_char_frac', dupFrac, '>', cfg.max_dup_line_char_frac);
  if (newlineRatio > cfg.max_newline_word_ratio) return fail('quality.fineweb.newline_word_ratio', newlineRatio, '>', cfg.max_newline_word_ratio);
  return undefined;
}
