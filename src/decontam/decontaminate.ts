import { itemId, setOfItem, type DecontamIndex } from './decontamIndex.js';
import { matchText } from './matchText.js';
import { scanWords } from './wordScan.js';

/** What one document's check found: recorded per checkpoint chunk, merged into the overlap report. */
export interface DecontamHit {
  id: string;
  source: string;
  /** Per set hit (config order): the ids of its items found in the document. */
  sets: { set: string; items: string[] }[];
  /** Distinct matched n-grams over those items. */
  ngrams: number;
  /** Highest share of one item's n-grams found in the document. */
  coverage: number;
  /** What was done: rejected, masked (spans cut, rest kept) or reported (kept unchanged). */
  outcome: 'rejected' | 'masked' | 'reported';
  /** For masked documents: spans and characters cut. */
  spans: number;
  chars: number;
}

export type DecontamResult =
  | { kind: 'clean' }
  | { kind: 'reject'; reason: string; detail: string; hit: DecontamHit }
  | { kind: 'keep'; text: string; hit: DecontamHit };

const MAX_DETAIL_IDS = 20;

/**
 * The decontamination stage for one document: finds evaluation items in `text` and applies the
 * index's action. `reject` → reason `decontam.<first set hit>`, detail listing the item ids;
 * `mask` → the matched spans are cut (a space is left where a cut would glue two words), the rest
 * kept, and a document left with no word at all is rejected the same way; `report` → kept as is.
 */
export function decontaminate(doc: { id: string; source: string; text: string }, index: DecontamIndex): DecontamResult {
  const m = matchText(doc.text, index);
  if (!m) return { kind: 'clean' };
  const bySet = new Map<number, string[]>();
  let coverage = 0;
  for (const it of m.items) {
    const k = setOfItem(index, it.item);
    let ids = bySet.get(k);
    if (!ids) bySet.set(k, (ids = []));
    ids.push(itemId(index, it.item));
    coverage = Math.max(coverage, it.coverage);
  }
  const sets = [...bySet.entries()].sort((a, b) => a[0] - b[0]).map(([k, items]) => ({ set: index.sets[k]!.id, items: items.sort() }));
  const hit: DecontamHit = { id: doc.id, source: doc.source, sets, ngrams: m.ngrams, coverage: round4(coverage), outcome: 'reported', spans: 0, chars: 0 };
  const reject = (): DecontamResult => {
    hit.outcome = 'rejected';
    const first = sets[0]!;
    const ids = sets.flatMap((s) => s.items.map((i) => (s === first ? i : `${s.set}:${i}`)));
    const listed = ids.slice(0, MAX_DETAIL_IDS).join(', ') + (ids.length > MAX_DETAIL_IDS ? ` (+${ids.length - MAX_DETAIL_IDS} more)` : '');
    const also = sets.length > 1 ? `; also sets ${sets.slice(1).map((s) => s.set).join(', ')}` : '';
    return {
      kind: 'reject',
      reason: `decontam.${first.set}`,
      detail: `${m.ngrams} shared ${index.ngram}-gram(s), coverage ${hit.coverage}; items ${listed}${also}`,
      hit,
    };
  };
  if (index.action === 'reject') return reject();
  if (index.action === 'report') return { kind: 'keep', text: doc.text, hit };
  const text = cutSpans(doc.text, m.spans);
  if (scanWords(text).count === 0) return reject();
  hit.outcome = 'masked';
  hit.spans = m.spans.length;
  hit.chars = doc.text.length - text.length;
  return { kind: 'keep', text, hit };
}

/** The text without the given sorted, disjoint spans; a space stands for a cut between two non-space characters. */
export function cutSpans(text: string, spans: [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [s, e] of spans) {
    out += text.slice(at, s);
    at = e;
    const before = out.length ? out.charCodeAt(out.length - 1) : 32;
    const after = at < text.length ? text.charCodeAt(at) : 32;
    if (!isSpace(before) && !isSpace(after)) out += ' ';
  }
  return out + text.slice(at);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
