import { createRequire } from 'node:module';
import { ALIAS_KEYS_BY_ID } from './licenseAliases.js';

/**
 * spdx-correct answers with any license whose name appears somewhere in the input ('["MIT"]',
 * "NOT MIT", "proprietary (was MIT)" → MIT). A guess is evidence for a legal decision, so it is
 * accepted only when the input is plausibly a *spelling* of the license it maps to: no
 * punctuation beyond what license names use, and, once filler words are dropped, within a small
 * edit distance of the id, its SPDX full name or a known alias (optionally without the version).
 */
const ALLOWED_CHARS = /^[A-Za-z0-9 .\-+_()/,]+$/;

/** Case-folded, filler words and separators removed: "GNU GPL v3.0 License" → "gpl3". */
export function spellingKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/licen[cs]e[sd]?/g, ' ')
    .replace(/\b(the|version|gnu)\b/g, ' ')
    .replace(/\bv(?=\d)|(?<=[a-z])v(?=\d)/g, ' ')
    .replace(/\b(only|or later|or-later|orlater)\b/g, ' ')
    .replace(/(\d)\.0\b/g, '$1')
    .replace(/(\d)\.0\b/g, '$1')
    .replace(/[\s\-._+,/()]+/g, '')
    .replace(/(?<=\d)(only|orlater)$/, '');
}

let namesById: Map<string, string[]> | undefined;
function candidateKeys(id: string): string[] {
  if (!namesById) {
    const list: Record<string, { name: string }> = createRequire(import.meta.url)('spdx-license-list');
    namesById = new Map();
    for (const [k, v] of Object.entries(list)) namesById.set(k, [v.name]);
  }
  const base = id.replace(/-(only|or-later)$/, '');
  const forms = [id, base, ...(namesById.get(id) ?? []), ...(namesById.get(base) ?? []), ...(ALIAS_KEYS_BY_ID.get(id) ?? [])];
  const keys = new Set<string>();
  for (const f of forms) {
    const k = spellingKey(f);
    if (!k) continue;
    keys.add(k);
    // "Apache" for Apache-2.0: the version left out (recorded as a guess by the caller).
    const unversioned = k.replace(/\d+/g, '');
    if (unversioned.length >= 3) keys.add(unversioned);
  }
  return [...keys];
}

/** Edit distance counting an adjacent transposition ("MTI" → "MIT") as one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Typos allowed for a key of this length: one for short ids, two for longer names. */
function allowedEdits(len: number): number {
  return len <= 5 ? 1 : 2;
}

/** Why `phrase` is not a plausible spelling of `id`, or undefined when it is. */
export function implausibleGuess(phrase: string, id: string): string | undefined {
  if (!ALLOWED_CHARS.test(phrase)) return 'it contains characters no license name has';
  const key = spellingKey(phrase);
  if (!key) return 'nothing is left once filler words are removed';
  for (const c of candidateKeys(id)) {
    if (editDistance(key, c) <= allowedEdits(Math.min(key.length, c.length))) return undefined;
  }
  return `it is not a spelling of ${id}`;
}
