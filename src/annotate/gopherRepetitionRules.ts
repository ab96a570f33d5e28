import type { QualityConfig } from '../config/qualitySchema.js';
import { HashCounter } from './hashCounter.js';
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

function ngramChars(st: TextStats, i: number, n: number): number {
  let c = 0;
  for (let k = 0; k < n; k++) c += st.tokEnd[i + k] - st.tokStart[i + k];
  return c;
}

// Rolling n-gram hashes: after growTo(n), h1[i]/h2[i] hash tokens i..i+n-1. Built up one word at a
// time, so all sizes 2..10 cost O(tokens) each instead of O(tokens × n).
let h1 = new Int32Array(0);
let h2 = new Int32Array(0);
let curN = 0;

function startNgrams(st: TextStats): void {
  if (h1.length < st.nTokens) {
    h1 = new Int32Array(st.nTokens * 2);
    h2 = new Int32Array(st.nTokens * 2);
  }
  for (let i = 0; i < st.nTokens; i++) {
    h1[i] = Math.imul(0x2545f491 ^ st.tokHash[i], 0x01000193);
    h2[i] = Math.imul(0x6b43a9b5 ^ st.tokHash[i], 0x01000193) ^ 0x5bd1e995;
  }
  curN = 1;
}

function growTo(st: TextStats, n: number): void {
  while (curN < n) {
    const m = st.nTokens - curN;
    for (let i = 0; i < m; i++) {
      const t = st.tokHash[i + curN];
      h1[i] = Math.imul(h1[i] ^ t, 0x01000193);
      h2[i] = Math.imul(h2[i] ^ (t + curN), 0x5bd1e995);
    }
    curN++;
  }
}

/** Characters of the most frequent n-gram times its count. */
function topNgramChars(st: TextStats, n: number): number {
  const m = st.nTokens - n + 1;
  if (m <= 1) return 0;
  growTo(st, n);
  counter.reset(m);
  let best = 1;
  let bestAt = -1;
  for (let i = 0; i < m; i++) {
    const c = counter.add(h1[i], h2[i]);
    if (c > best) {
      best = c;
      bestAt = i;
    }
  }
  return bestAt < 0 ? 0 : best * ngramChars(st, bestAt, n);
}

/** Characters covered by n-grams seen before (scanning left to right, skipping past a repeat). */
function dupNgramChars(st: TextStats, n: number): number {
  const m = st.nTokens - n + 1;
  if (m <= 1) return 0;
  growTo(st, n);
  counter.reset(m);
  let chars = 0;
  let i = 0;
  while (i < m) {
    if (counter.add(h1[i], h2[i]) > 1) {
      chars += ngramChars(st, i, n);
      i += n;
    } else {
      i++;
    }
  }
  return chars;
}

const TOP = [2, 3, 4] as const;
const DUP = [5, 6, 7, 8, 9, 10] as const;

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
  startNgrams(st);
  const top: number[] = [];
  for (const n of TOP) {
    const v = topNgramChars(st, n) / total;
    top.push(v);
    signals[`gopher_repetition.top_${n}gram_frac`] = round4(v);
  }
  const dup: number[] = [];
  let none = false;
  for (const n of DUP) {
    // No repeated n-gram means no repeated (n+1)-gram either: the rest are exactly 0.
    const v = none ? 0 : dupNgramChars(st, n) / total;
    if (v === 0) none = true;
    dup.push(v);
    signals[`gopher_repetition.dup_${n}gram_frac`] = round4(v);
  }
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
