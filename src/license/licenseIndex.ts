import { createRequire } from 'node:module';
import { LICENSE_NOTICES, referenceVariants } from './licenseHeaders.js';
import { licenseWords } from './licenseTextNormalize.js';
import { DEPRECATED_IDS, DEPRECATED_REPLACEMENTS } from './spdxIds.js';

/**
 * The reference index for license-text detection: every SPDX license text shipped by
 * spdx-license-list (plus the standard notices and a few real-world variants), normalised,
 * cut into word bigrams, interned to integers and inverted (bigram → references). Built lazily
 * once per process (~0.5 s); a lookup then touches only the postings of the file's bigrams.
 */

export interface LicenseReference {
  /** The SPDX id (or expression, for deprecated "-with-exception" ids) this text identifies. */
  license: string;
  /** Other ids with the same normalised text (e.g. GPL-2.0-or-later for GPL-2.0-only). */
  equivalents: string[];
  kind: 'text' | 'notice';
  /** The reference text (the first of its group), for the identity check of licenseIdentity.ts. */
  text: string;
  /** The full names (SPDX) of the ids sharing this text, space-separated. */
  name?: string;
  /** Sorted unique bigram ids. */
  bigrams: Int32Array;
}

export interface LicenseIndex {
  refs: LicenseReference[];
  /** Word → word id. */
  words: Map<string, number>;
  /** Bigram key (wordId * 2^20 + wordId) → bigram id. Numeric keys keep the build fast. */
  vocab: Map<number, number>;
  /** Bigram id → indices of refs containing it. */
  postings: Int32Array[];
}

let cached: LicenseIndex | undefined;

export function getLicenseIndex(): LicenseIndex {
  cached ??= buildLicenseIndex();
  return cached;
}

const WORD_BITS = 2 ** 20;

/**
 * The distinct bigram ids of a word sequence that the index knows, and how many distinct
 * bigrams it does not know (they count in the file's size for the Dice score).
 */
export function bigramFeatures(index: LicenseIndex, words: string[]): { known: Set<number>; unseen: number } {
  const known = new Set<number>();
  const unseenKeys = new Set<string>();
  let prev: number | undefined;
  let prevWord = '';
  for (const w of words) {
    const id = index.words.get(w);
    if (id !== undefined && prev !== undefined) {
      const b = index.vocab.get(prev * WORD_BITS + id);
      if (b !== undefined) known.add(b);
      else unseenKeys.add(`${prevWord} ${w}`);
    } else if (prevWord) unseenKeys.add(`${prevWord} ${w}`);
    prev = id;
    prevWord = w;
  }
  return { known, unseen: unseenKeys.size };
}

/** Prefer current ids over deprecated, "-only" over "-or-later" (the narrower reading), then the shortest. */
function canonicalOrder(a: string, b: string): number {
  const score = (id: string) => (DEPRECATED_IDS.has(id) || id.endsWith('+') ? 2 : 0) + (id.endsWith('-or-later') ? 1 : 0);
  return score(a) - score(b) || a.length - b.length || a.localeCompare(b);
}

function buildLicenseIndex(): LicenseIndex {
  const require = createRequire(import.meta.url);
  const full: Record<string, { licenseText: string; name?: string }> = require('spdx-license-list/full');
  // Group ids by identical normalised text.
  const groups = new Map<string, { ids: string[]; words: string[]; kind: 'text' | 'notice'; text: string }>();
  const add = (id: string, text: string, kind: 'text' | 'notice') => {
    const words = licenseWords(text);
    if (words.length === 0) return;
    const key = `${kind}\u0000${words.join(' ')}`;
    const g = groups.get(key);
    if (g) {
      if (!g.ids.includes(id)) g.ids.push(id);
    } else groups.set(key, { ids: [id], words, kind, text });
  };
  for (const [id, entry] of Object.entries(full)) {
    // Deprecated ids have a current id with the same text, except the "-with-exception" ones.
    if ((DEPRECATED_IDS.has(id) || id.endsWith('+')) && !DEPRECATED_REPLACEMENTS[id]?.includes(' WITH ')) continue;
    add(id, entry.licenseText, 'text');
    for (const v of referenceVariants(id, entry.licenseText)) add(id, v, 'text');
  }
  for (const n of LICENSE_NOTICES) add(n.id, n.text, 'notice');

  const wordIds = new Map<string, number>();
  const vocab = new Map<number, number>();
  const refs: LicenseReference[] = [];
  for (const g of groups.values()) {
    const ids = [...g.ids].sort(canonicalOrder);
    const primary = ids[0]!;
    const set = new Set<number>();
    let prev = -1;
    for (const w of g.words) {
      let id = wordIds.get(w);
      if (id === undefined) {
        id = wordIds.size;
        wordIds.set(w, id);
      }
      if (prev >= 0) {
        const key = prev * WORD_BITS + id;
        let v = vocab.get(key);
        if (v === undefined) {
          v = vocab.size;
          vocab.set(key, v);
        }
        set.add(v);
      }
      prev = id;
    }
    refs.push({
      license: DEPRECATED_REPLACEMENTS[primary] ?? primary,
      equivalents: ids.slice(1),
      kind: g.kind,
      text: g.text,
      // Every name of the group: the title a file gives may be any of them.
      name: ids.map((id) => full[id]?.name ?? '').join(' '),
      bigrams: Int32Array.from([...set].sort((a, b) => a - b)),
    });
  }
  // Postings in one flat array (count, then fill): no 70k small arrays for the GC.
  const counts = new Int32Array(vocab.size + 1);
  for (const r of refs) for (let k = 0; k < r.bigrams.length; k++) counts[r.bigrams[k]! + 1]!++;
  for (let b = 1; b <= vocab.size; b++) counts[b]! += counts[b - 1]!;
  const flat = new Int32Array(counts[vocab.size]!);
  const fill = counts.slice(0, vocab.size);
  refs.forEach((r, i) => {
    for (let k = 0; k < r.bigrams.length; k++) flat[fill[r.bigrams[k]!]!++] = i;
  });
  const postings = Array.from({ length: vocab.size }, (_, b) => flat.subarray(counts[b]!, counts[b + 1]!));
  return { refs, words: wordIds, vocab, postings };
}
