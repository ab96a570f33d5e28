import { wordHash, type TextStats } from './textStats.js';

/**
 * Counts occurrences of fixed phrases, grouped in named categories, over a text's token hashes in
 * one pass (no regex, no lowercasing of the text). Phrases compare letters and digits only, so
 * "e.g." matches "eg" and "That is," matches "that is". At each position the longest phrase of
 * each category counts once.
 */
export class PhraseCounter<C extends string> {
  private readonly byFirst = new Map<number, { hs: Int32Array; cat: number }[]>();
  private readonly cats: C[];

  constructor(categories: Record<C, string[]>) {
    this.cats = Object.keys(categories) as C[];
    this.cats.forEach((c, ci) => {
      for (const p of categories[c]) {
        const hs = Int32Array.from(p.split(/\s+/).filter(Boolean).map(wordHash));
        const list = this.byFirst.get(hs[0]) ?? [];
        list.push({ hs, cat: ci });
        this.byFirst.set(hs[0], list);
      }
    });
  }

  /** Matches per category among the first `maxTokens` tokens. */
  count(st: TextStats, maxTokens = st.nTokens): Record<C, number> {
    const n = Math.min(st.nTokens, maxTokens);
    const tok = st.tokHash;
    const found = new Array<number>(this.cats.length).fill(0);
    const seen = new Uint8Array(this.cats.length);
    for (let i = 0; i < n; i++) {
      const list = this.byFirst.get(tok[i]);
      if (list === undefined) continue;
      seen.fill(0);
      for (const { hs, cat } of list) {
        if (seen[cat] || i + hs.length > n) continue;
        let k = 1;
        while (k < hs.length && tok[i + k] === hs[k]) k++;
        if (k === hs.length) {
          found[cat]++;
          seen[cat] = 1;
        }
      }
    }
    const res = {} as Record<C, number>;
    this.cats.forEach((c, ci) => (res[c] = found[ci]));
    return res;
  }
}
