import type { QualityConfig } from '../config/qualitySchema.js';
import { HashCounter } from './hashCounter.js';
import { ngramRepetition, type NgramRepetition } from './ngramRepetition.js';
import { fail, round4, type RuleFailure, type Signals } from './ruleFailure.js';
import type { TextStats } from './textStats.js';

const counter = new HashCounter();

/** Duplicate elements and the characters they hold (an element counts as duplicate from its 2nd occurrence). */
function duplicates(n: number, hashes: Int32Array, chars: Int32Array): { dup: number; dupChars: number } {
  counter.reset(n);
  let dup = 0;
  let dupChars = 0;
  for (let i = 0; i < n; i++) {
    // Length as second key half so equal hashes of different-length lines do not collide.
    if (counter.add(hashes[i], chars[i]) > 1) {
      dup++;
      dupChars += chars[i];
    }
  }
  return { dup, dupChars };
}

const TOP = [2, 3, 4] as const;
const DUP = [5, 6, 7, 8, 9, 10] as const;
const ngrams: NgramRepetition = { top: new Float64Array(5), dup: new Float64Array(11) };

/** Gopher repetition rules: duplicate lines/paragraphs and repeated n-grams. */
export function gopherRepetitionRules(st: TextStats, cfg: QualityConfig['gopher_repetition'], signals: Signals): RuleFailure | undefined {
  const total = Math.max(1, st.nChars);
  const lines = duplicates(st.nLines, st.lineHash, st.lineLen);
  const paras = duplicates(st.nParas, st.paraHash, st.paraChars);
  const dupLineFrac = st.nLines > 0 ? lines.dup / st.nLines : 0;
  const dupParaFrac = st.nParas > 0 ? paras.dup / st.nParas : 0;
  const dupLineChar = lines.dupChars / total;
  const dupParaChar = paras.dupChars / total;
  signals['gopher_repetition.dup_line_frac'] = round4(dupLineFrac);
  signals['gopher_repetition.dup_para_frac'] = round4(dupParaFrac);
  signals['gopher_repetition.dup_line_char_frac'] = round4(dupLineChar);
  signals['gopher_repetition.dup_para_char_frac'] = round4(dupParaChar);
  ngramRepetition(st, ngrams);
  const top = TOP.map((n) => ngrams.top[n] / total);
  const dup = DUP.map((n) => ngrams.dup[n] / total);
  // Written out: stores to literal names are much cheaper than to computed ones.
  signals['gopher_repetition.top_2gram_frac'] = round4(top[0]);
  signals['gopher_repetition.top_3gram_frac'] = round4(top[1]);
  signals['gopher_repetition.top_4gram_frac'] = round4(top[2]);
  signals['gopher_repetition.dup_5gram_frac'] = round4(dup[0]);
  signals['gopher_repetition.dup_6gram_frac'] = round4(dup[1]);
  signals['gopher_repetition.dup_7gram_frac'] = round4(dup[2]);
  signals['gopher_repetition.dup_8gram_frac'] = round4(dup[3]);
  signals['gopher_repetition.dup_9gram_frac'] = round4(dup[4]);
  signals['gopher_repetition.dup_10gram_frac'] = round4(dup[5]);
  if (!cfg.enabled) return undefined;
  if (dupLineFrac > cfg.max_dup_line_frac) return fail('quality.gopher_repetition.dup_line_frac', dupLineFrac, '>', cfg.max_dup_line_frac);
  if (dupParaFrac > cfg.max_dup_para_frac) return fail('quality.gopher_repetition.dup_para_frac', dupParaFrac, '>', cfg.max_dup_para_frac);
  if (dupLineChar > cfg.max_dup_line_char_frac) return fail('quality.gopher_repetition.dup_line_char_frac', dupLineChar, '>', cfg.max_dup_line_char_frac);
  if (dupParaChar > cfg.max_dup_para_char_frac) return fail('quality.gopher_repetition.dup_para_char_frac', dupParaChar, '>', cfg.max_dup_para_char_frac);
  const topMax = [cfg.max_top_2gram_frac, cfg.max_top_3gram_frac, cfg.max_top_4gram_frac];
  for (let k = 0; k < TOP.length; k++) {
    if (top[k] > topMax[k]) return fail(`quality.gopher_repetition.top_${TOP[k]}gram_frac`, top[k], '>', topMax[k]);
  }
  const dupMax = [cfg.max_dup_5gram_frac, cfg.max_dup_6gram_frac, cfg.max_dup_7gram_frac, cfg.max_dup_8gram_frac, cfg.max_dup_9gram_frac, cfg.max_dup_10gram_frac];
  for (let k = 0; k < DUP.length; k++) {
    if (dup[k] > dupMax[k]) return fail(`quality.gopher_repetition.dup_${DUP[k]}gram_frac`, dup[k], '>', dupMax[k]);
  }
  return undefined;
}
