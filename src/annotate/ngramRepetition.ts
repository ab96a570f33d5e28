import { HashCounter } from './hashCounter.js';
import type { TextStats } from './textStats.js';

/**
 * Gopher's n-gram repetition measures over a text's tokens (compared by their hashes):
 * `top[n]` = characters of the most frequent n-gram × its count (n = 2..4), and `dup[n]` =
 * characters covered by n-grams seen before, scanning left to right and jumping past a repeat
 * (n = 5..10). Both are in raw token characters (punctuation included), as Gopher counts them.
 *
 * Why it is fast: an n-gram can only occur twice where its (n-1)-gram prefix occurs twice, so each
 * size only looks at the positions whose shorter n-gram repeats — all positions for 2-grams, a few
 * percent of them for 5-grams in ordinary prose. Skipping an n-gram that occurs once changes no
 * count, no maximum and no left-to-right repeat, so the results are those of counting every
 * position. N-grams are keyed by two 32-bit rolling hashes of the token hashes (≈ 64 bits).
 */
export interface NgramRepetition {
  /** Indexed by n: top[2], top[3], top[4]. */
  top: Float64Array;
  /** Indexed by n: dup[5] .. dup[10]. */
  dup: Float64Array;
}

const TOP_MAX = 4;
const DUP_MIN = 5;
const DUP_MAX = 10;

const counter = new HashCounter();
const greedy = new HashCounter();
// Per position: rolling hashes of the n-gram starting there (valid at the current candidates).
let h1 = new Int32Array(0);
let h2 = new Int32Array(0);
// Candidate positions of the current size (ascending) and their counter slots.
let cand = new Int32Array(0);
let slots = new Int32Array(0);

function ngramChars(st: TextStats, i: number, n: number): number {
  let c = 0;
  for (let k = 0; k < n; k++) c += st.tokEnd[i + k] - st.tokStart[i + k];
  return c;
}

export function ngramRepetition(st: TextStats, out: NgramRepetition = { top: new Float64Array(TOP_MAX + 1), dup: new Float64Array(DUP_MAX + 1) }): NgramRepetition {
  out.top.fill(0);
  out.dup.fill(0);
  const nt = st.nTokens;
  const tok = st.tokHash;
  if (h1.length < nt) {
    const size = Math.max(nt, h1.length * 2);
    h1 = new Int32Array(size);
    h2 = new Int32Array(size);
    cand = new Int32Array(size);
    slots = new Int32Array(size);
  }
  // Unigram hashes; every position is a 2-gram candidate.
  for (let i = 0; i < nt; i++) {
    const t = tok[i];
    h1[i] = Math.imul(0x2545f491 ^ t, 0x01000193);
    h2[i] = Math.imul(0x6b43a9b5 ^ t, 0x01000193) ^ 0x5bd1e995;
    cand[i] = i;
  }
  let nc = nt;
  for (let n = 2; n <= DUP_MAX; n++) {
    const m = nt - n + 1;
    // Fewer than two n-grams: nothing can repeat (and Gopher reports 0).
    if (m <= 1) return out;
    // Extend the (n-1)-gram hashes by one token at the candidates that still fit.
    const prevN = n - 1;
    let k = 0;
    for (let c = 0; c < nc; c++) {
      const i = cand[c];
      if (i >= m) break;
      const t = tok[i + prevN];
      h1[i] = Math.imul(h1[i] ^ t, 0x01000193);
      h2[i] = Math.imul(h2[i] ^ (t + prevN), 0x5bd1e995);
      k++;
    }
    nc = k;
    if (nc === 0) return out;
    // Count every candidate n-gram; for 2..4 keep the first position where the maximum is reached.
    counter.reset(nc);
    let best = 1;
    let bestAt = -1;
    for (let c = 0; c < nc; c++) {
      const i = cand[c];
      const s = counter.addSlot(h1[i], h2[i]);
      slots[c] = s;
      const cnt = counter.countAt(s);
      if (cnt > best) {
        best = cnt;
        bestAt = i;
      }
    }
    if (n <= TOP_MAX) out.top[n] = bestAt < 0 ? 0 : best * ngramChars(st, bestAt, n);
    // Keep the positions whose n-gram occurs more than once: the only (n+1)-gram candidates.
    k = 0;
    for (let c = 0; c < nc; c++) {
      if (counter.countAt(slots[c]) > 1) cand[k++] = cand[c];
    }
    nc = k;
    if (n >= DUP_MIN) {
      // Left-to-right scan that jumps past a repeat; n-grams occurring once never repeat.
      greedy.reset(nc);
      let next = 0;
      let chars = 0;
      for (let c = 0; c < nc; c++) {
        const i = cand[c];
        if (i < next) continue;
        if (greedy.add(h1[i], h2[i]) > 1) {
          chars += ngramChars(st, i, n);
          next = i + n;
        }
      }
      out.dup[n] = chars;
    }
    if (nc === 0) return out;
  }
  return out;
}
