import { wordHash, type TextStats } from './textStats.js';

/**
 * Counts occurrences of fixed phrases over a text's token hashes in one pass (no regex, no
 * lowercasing of the text). Phrases compare letters and digits only, so "e.g." matches "eg"
 * and "That is," matches "that is".
 */
export class PhraseCounter {
  private readonly byFirst = new Map<number, Int32Array[]>();

  constructor(phrases: string[]) {
    for (const p of phrases) {
      const hs = Int32Array.from(p.split(/\s+/).filter(Boolean).map(wordHash));
      const list = this.byFirst.get(hs[0]) ?? [];
      list.push(hs);
      this.byFirst.set(hs[0], list);
    }
  }

  /** Matches among the first `maxTokens` tokens (a phrase is counted once per start position). */
  count(st: TextStats, maxTokens = st.nTokens): number {
    const n = Math.min(st.nTokens, maxTokens);
    const tok = st.tokHash;
    let found = 0;
    for (let i = 0; i < n; i++) {
      const list = this.byFirst.get(tok[i]);
      if (list === undefined) continue;
      for (const p of list) {
        if (i + p.length > n) continue;
        let k = 1;
        while (k < p.length && tok[i + k] === p[k]) k++;
        if (k === p.length) {
          found++;
          break;
        }
      }
    }
    return found;
  }
}
