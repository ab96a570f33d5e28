import { wordHash, type TextStats } from './textStats.js';

/**
 * Counts occurrences of fixed phrases, grouped in named categories, over a text's token hashes in
 * one pass (no regex, no lowercasing of the text). Phrases compare letters and digits only, so
 * "e.g." matches "eg" and "That is," matches "that is". A position counts once per category
 * whose phrases (any of them) start there. The first words sit in an open-addressing table, so
 * the common case, a token that starts no phrase, costs one probe.
 */
export class PhraseTable<C extends string> {
  readonly categories: C[];
  private readonly keys: Int32Array;
  /** Slot → 1 + index of the first word's group; 0 = empty. */
  private readonly slotGroup: Int32Array;
  private readonly shift: number;
  private readonly mask: number;
  /** Group g's phrases are phrases groupStart[g] .. groupStart[g + 1] - 1. */
  private readonly groupStart: Int32Array;
  /** Phrase p: category, and its word hashes words[wordStart[p] .. wordStart[p + 1] - 1]. */
  private readonly phraseCat: Int32Array;
  private readonly wordStart: Int32Array;
  private readonly words: Int32Array;

  constructor(categories: Record<C, string[]>) {
    this.categories = Object.keys(categories) as C[];
    const groups = new Map<number, { cat: number; hs: number[] }[]>();
    this.categories.forEach((c, ci) => {
      for (const p of categories[c]) {
        const hs = p.split(/\s+/).filter(Boolean).map(wordHash);
        const list = groups.get(hs[0]) ?? [];
        list.push({ cat: ci, hs });
        groups.set(hs[0], list);
      }
    });
    let bits = 6;
    while (1 << bits < groups.size * 4) bits++;
    this.keys = new Int32Array(1 << bits);
    this.slotGroup = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    const nPhrases = [...groups.values()].reduce((s, l) => s + l.length, 0);
    this.groupStart = new Int32Array(groups.size + 1);
    this.phraseCat = new Int32Array(nPhrases);
    this.wordStart = new Int32Array(nPhrases + 1);
    const words: number[] = [];
    let g = 0;
    let p = 0;
    for (const [first, list] of groups) {
      let slot = Math.imul(first, 0x9e3779b1) >>> this.shift;
      while (this.slotGroup[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = first;
      this.slotGroup[slot] = g + 1;
      this.groupStart[g] = p;
      for (const { cat, hs } of list) {
        this.phraseCat[p] = cat;
        this.wordStart[p] = words.length;
        words.push(...hs);
        p++;
      }
      g++;
    }
    this.groupStart[g] = p;
    this.wordStart[p] = words.length;
    this.words = Int32Array.from(words);
  }

  /** Hashes of the phrases' first words. */
  firstWords(): number[] {
    const out: number[] = [];
    for (let slot = 0; slot < this.keys.length; slot++) if (this.slotGroup[slot] !== 0) out.push(this.keys[slot]);
    return out;
  }

  /**
   * Adds to `found` (one counter per category) the phrases starting at token `i`, among the first
   * `n` tokens: at most one per category.
   */
  matchAt(tok: Int32Array, i: number, n: number, found: Int32Array): void {
    const h = tok[i];
    let slot = Math.imul(h, 0x9e3779b1) >>> this.shift;
    let g = this.slotGroup[slot];
    while (g !== 0 && this.keys[slot] !== h) {
      slot = (slot + 1) & this.mask;
      g = this.slotGroup[slot];
    }
    if (g === 0) return;
    // Bit c set: category c already counted at this position (at most 31 categories).
    let seen = 0;
    for (let p = this.groupStart[g - 1], pe = this.groupStart[g]; p < pe; p++) {
      const cat = this.phraseCat[p];
      const ws = this.wordStart[p];
      const len = this.wordStart[p + 1] - ws;
      if ((seen & (1 << cat)) !== 0 || i + len > n) continue;
      let k = 1;
      while (k < len && tok[i + k] === this.words[ws + k]) k++;
      if (k === len) {
        found[cat]++;
        seen |= 1 << cat;
      }
    }
  }

  /** Matches per category among the first `maxTokens` tokens. */
  count(st: TextStats, maxTokens = st.nTokens): Record<C, number> {
    const n = Math.min(st.nTokens, maxTokens);
    const found = new Int32Array(this.categories.length);
    for (let i = 0; i < n; i++) this.matchAt(st.tokHash, i, n, found);
    const res = {} as Record<C, number>;
    this.categories.forEach((c, ci) => (res[c] = found[ci]));
    return res;
  }
}
