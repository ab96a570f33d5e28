import { overlapSentence, type DecontamReport } from './overlapReport.js';

const fmt = (n: number) => n.toLocaleString('en-US');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The "Decontamination" section of MANIFEST.md (lines of Markdown; a dataset card can reuse it). */
export function decontamMarkdown(r: DecontamReport): string[] {
  const out = ['## Decontamination', '', overlapSentence(r), ''];
  out.push(
    `Documents were checked after annotation and before deduplication against every ${r.ngram}-word n-gram of the evaluation items below (text normalised as for dedup: case, diacritics, digits, punctuation and line breaks ignored; items of ${r.min_item_words}–${r.ngram - 1} words matched whole, shorter ones skipped). Action: **${r.action}**. Index fingerprint \`${r.fingerprint.slice(0, 16)}…\`; per-document list in decontam/documents.jsonl.`,
    '',
    '| set | license | items | found | documents hit | rejected | masked | kept in shards | sources hit | skipped (short / no field / empty) | sha256 |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|---|---|',
  );
  for (const s of r.sets) {
    const sources = Object.entries(s.sources).map(([k, v]) => `${k} (${fmt(v)})`).join(', ') || '—';
    out.push(
      `| ${cell(s.id)} | ${cell(s.license ?? '—')} | ${fmt(s.items)} | ${fmt(s.items_found)} | ${fmt(s.documents_hit)} | ${fmt(s.rejected)} | ${fmt(s.masked)} | ${fmt(s.in_shards)} | ${cell(sources)} | ${fmt(s.items_too_short)} / ${fmt(s.items_missing_field)} / ${fmt(s.items_empty)} | \`${s.sha256.slice(0, 16)}…\` |`,
    );
  }
  out.push('');
  return out;
}
