import type { DecontamHit } from './decontaminate.js';
import type { DecontamIndexInfo, EvalSetInfo } from './decontamIndex.js';

/** Per evaluation set: what the index held and what the run found and did. */
export interface DecontamSetReport extends EvalSetInfo {
  /** Distinct items of the set found in at least one document. */
  items_found: number;
  /** Documents holding at least one of its items (before dedup and the mix). */
  documents_hit: number;
  rejected: number;
  masked: number;
  /** Kept unchanged (action `report`). */
  reported: number;
  /** Of the hit documents that were kept (masked or reported), how many reached the shards. */
  in_shards: number;
  /** Documents hit, per source. */
  sources: Record<string, number>;
}

/** The overlap report: stats.json and manifest.json `decontamination`, MANIFEST.md, report.html. */
export interface DecontamReport {
  ngram: number;
  min_item_words: number;
  min_coverage: number;
  action: DecontamIndexInfo['action'];
  /** sha256 of the options and every set file: what the staging was checked against. */
  fingerprint: string;
  index: { ngrams: number; bytes: number };
  /** Over all sets; a document hit by two sets counts once here and once in each set. */
  totals: { documents_hit: number; rejected: number; masked: number; reported: number; in_shards: number; spans_cut: number; chars_cut: number };
  sets: DecontamSetReport[];
}

/** Builds the report from the index description and every hit of the run, in input order. */
export function overlapReport(info: DecontamIndexInfo, hits: Iterable<DecontamHit>, inShards: (h: DecontamHit) => boolean = () => false): DecontamReport {
  const sets = new Map<string, DecontamSetReport & { found: Set<string> }>();
  for (const s of info.sets) sets.set(s.id, { ...s, items_found: 0, documents_hit: 0, rejected: 0, masked: 0, reported: 0, in_shards: 0, sources: {}, found: new Set() });
  const totals = { documents_hit: 0, rejected: 0, masked: 0, reported: 0, in_shards: 0, spans_cut: 0, chars_cut: 0 };
  for (const h of hits) {
    const kept = h.outcome !== 'rejected' && inShards(h);
    totals.documents_hit++;
    totals[h.outcome]++;
    if (kept) totals.in_shards++;
    totals.spans_cut += h.spans;
    totals.chars_cut += h.chars;
    for (const { set, items } of h.sets) {
      const r = sets.get(set);
      if (!r) continue;
      r.documents_hit++;
      r[h.outcome]++;
      if (kept) r.in_shards++;
      r.sources[h.source] = (r.sources[h.source] ?? 0) + 1;
      for (const i of items) r.found.add(i);
    }
  }
  return {
    ngram: info.ngram,
    min_item_words: info.min_item_words,
    min_coverage: info.min_coverage,
    action: info.action,
    fingerprint: info.fingerprint,
    index: { ngrams: info.ngrams, bytes: info.index_bytes },
    totals,
    sets: [...sets.values()].map(({ found, sources, ...r }) => ({
      ...r,
      items_found: found.size,
      sources: Object.fromEntries(Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    })),
  };
}

/** One line a paper can quote: "decontaminated against X (13-gram, N documents removed)". */
export function overlapSentence(r: DecontamReport): string {
  const sets = r.sets.map((s) => s.id).join(', ');
  const what =
    r.action === 'reject' ? `${r.totals.rejected} document(s) removed`
    : r.action === 'mask' ? `${r.totals.masked} document(s) masked (${r.totals.spans_cut} span(s), ${r.totals.chars_cut} characters cut), ${r.totals.rejected} removed as wholly matched`
    : `${r.totals.documents_hit} document(s) found and kept (action: report)`;
  return `Decontaminated against ${sets} (${r.ngram}-gram overlap on normalised text${r.min_coverage > 0 ? `, item coverage ≥ ${r.min_coverage}` : ''}): ${what}.`;
}
