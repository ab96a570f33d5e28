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

// Open-addressing table of the current size's n-grams, cleared in O(1) by a generation stamp:
// four int32 per slot, [stamp, key1, key2, count], so a probe touches one cache line.
let table = new Int32Array(0);
let tableGen = 0;
// Per slot: the candidate index of the key's first occurrence, and the stamp of the left-to-right
// scan that saw the key.
let slotFirst = new Int32Array(0);
let slotSeen = new Int32Array(0);
let scanGen = 0;
// Per position: rolling hashes of the n-gram starting there (valid at the current candidates).
let hash1 = new Int32Array(0);
let hash2 = new Int32Array(0);
// Candidate positions of the current size (ascending), their slots, and whether their n-gram
// occurs more than once.
let candidates = new Int32Array(0);
let candSlots = new Int32Array(0);
let candMulti = new Uint8Array(0);

function tableSize(keys: number): number {
  let size = 1024;
  while (size < keys * 2) size <<= 1;
  return size;
}

/** Room for `nt` tokens: positions, and a table for as many keys. */
function ensure(nt: number): void {
  if (hash1.length < nt) {
    const size = Math.max(nt, hash1.length * 2);
    hash1 = new Int32Array(size);
    hash2 = new Int32Array(size);
    candidates = new Int32Array(size);
    candSlots = new Int32Array(size);
    candMulti = new Uint8Array(size);
  }
  const size = tableSize(nt);
  if (size > slotFirst.length) {
    table = new Int32Array(size * 4);
    slotFirst = new Int32Array(size);
    slotSeen = new Int32Array(size);
    tableGen = 0;
    scanGen = 0;
  }
}

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
  ensure(nt);
  // Locals: module bindings would be reloaded (and their type checked) at every access in the loops.
  const h1 = hash1;
  const h2 = hash2;
  const cand = candidates;
  const slots = candSlots;
  const multi = candMulti;
  const tab = table;
  const firstOf = slotFirst;
  const seenGen = slotSeen;
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
    const mask = tableSize(nc) - 1;
    if (++tableGen === 0x7fffffff) {
      tab.fill(0);
      tableGen = 1;
    }
    const gen = tableGen;
    let best = 1;
    let bestAt = -1;
    for (let c = 0; c < nc; c++) {
      const i = cand[c];
      const a1 = h1[i];
      const a2 = h2[i];
      let slot = (a1 ^ (a2 >>> 7)) & mask;
      for (;;) {
        const at = slot << 2;
        if (tab[at] !== gen) {
          tab[at] = gen;
          tab[at + 1] = a1;
          tab[at + 2] = a2;
          tab[at + 3] = 1;
          firstOf[slot] = c;
          multi[c] = 0;
          break;
        }
        if (tab[at + 1] === a1 && tab[at + 2] === a2) {
          const cnt = ++tab[at + 3];
          if (cnt === 2) multi[firstOf[slot]] = 1;
          multi[c] = 1;
          if (cnt > best) {
            best = cnt;
            bestAt = i;
          }
          break;
        }
        slot = (slot + 1) & mask;
      }
      slots[c] = slot;
    }
    if (n <= TOP_MAX) out.top[n] = bestAt < 0 ? 0 : best * ngramChars(st, bestAt, n);
    // Keep the positions whose n-gram occurs more than once: the only (n+1)-gram candidates.
    k = 0;
    for (let c = 0; c < nc; c++) {
      if (multi[c] === 1) {
        cand[k] = cand[c];
        slots[k] = slots[c];
        k++;
      }
    }
    nc = k;
    if (n >= DUP_MIN) {
      // Left-to-right scan that jumps past a repeat; n-grams occurring once never repeat. Equal
      // n-grams share a slot, so the slot's stamp says whether the scan saw this one already.
      if (++scanGen === 0x7fffffff) {
        seenGen.fill(0);
        scanGen = 1;
      }
      const sg = scanGen;
      let next = 0;
      let chars = 0;
      for (let c = 0; c < nc; c++) {
        const i = cand[c];
        if (i < next) continue;
        const slot = slots[c];
        if (seenGen[slot] === sg) {
          chars += ngramChars(st, i, n);
          next = i + n;
        } else seenGen[slot] = sg;
      }
      out.dup[n] = chars;
    }
    if (nc === 0) return out;
  }
  return out;
}
