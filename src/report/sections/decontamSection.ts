import { overlapSentence, type DecontamSetReport } from '../../decontam/overlapReport.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatCount } from '../formatNumber.js';
import { htmlTable } from '../htmlTable.js';
import type { RunOutput } from '../loadRunOutput.js';

/** Evaluation sets the corpus was checked against and what was found (stats.json `decontamination`). */
export function decontamSection(run: RunOutput): string {
  const r = run.stats.decontamination;
  if (!r) {
    return '<section id="decontamination"><h2>Decontamination</h2><p>Not configured: this run was not checked against any evaluation set (config <code>decontaminate:</code>, docs/decontamination.md).</p></section>';
  }
  const table = htmlTable<DecontamSetReport>(
    'decontam-table',
    [
      { header: 'set', cell: (s) => s.id },
      { header: 'license', cell: (s) => s.license ?? '' },
      { header: 'items', cell: (s) => formatCount(s.items), numeric: true },
      { header: 'items found', cell: (s) => formatCount(s.items_found), numeric: true },
      { header: 'documents hit', cell: (s) => formatCount(s.documents_hit), numeric: true },
      { header: 'rejected', cell: (s) => formatCount(s.rejected), numeric: true },
      { header: 'masked', cell: (s) => formatCount(s.masked), numeric: true },
      { header: 'kept in shards', cell: (s) => formatCount(s.in_shards), numeric: true },
      { header: 'sources hit', cell: (s) => Object.entries(s.sources).map(([k, v]) => `${k} (${v})`).join(', ') },
      { header: 'skipped: short / no field / empty', cell: (s) => `${s.items_too_short} / ${s.items_missing_field} / ${s.items_empty}` },
    ],
    r.sets,
  );
  return `<section id="decontamination"><h2>Decontamination</h2>
<p id="decontam-summary">${escapeHtml(overlapSentence(r))}</p>
<p>Checked after annotation, before dedup: ${r.ngram}-word n-grams of the dedup normalisation; items of ${r.min_item_words}–${r.ngram - 1} words matched whole; ${formatCount(r.index.ngrams)} distinct n-grams in the index. Per-document list: <code>decontam/documents.jsonl</code>.</p>
${table}
</section>`;
}
