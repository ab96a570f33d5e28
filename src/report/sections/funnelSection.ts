import type { SourceFunnel } from '../../pipeline/runStats.js';
import { chartFigure } from '../chartFigure.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatCount } from '../formatNumber.js';
import { htmlTable } from '../htmlTable.js';
import type { RunOutput } from '../loadRunOutput.js';
import { funnelChart } from '../reportCharts.js';
import { renderVegaLite } from '../vegaSvg.js';

/** The fates of a record, in pipeline order; they add up to `records` for every source. */
const FATES: [label: string, of: (s: SourceFunnel) => number][] = [
  ['rejected', (s) => s.rejected],
  ['exact duplicate', (s) => s.dedup_removed.exact],
  ['near duplicate', (s) => s.dedup_removed.near],
  ['not sampled by the mix', (s) => s.unsampled],
  ['license excluded at write', (s) => s.license_excluded_at_write],
  ['in shards', (s) => s.in_shards],
];

/** Per source and stage: how many records were read and where each one went, with rejection reasons. */
export async function funnelSection(run: RunOutput): Promise<string> {
  const sources = Object.entries(run.stats.sources).map(([id, s]) => ({ id, ...s }));
  const chartRows = sources.flatMap((s) => FATES.map(([fate, of]) => ({ source: s.id, fate, docs: of(s) })));
  const svg = await renderVegaLite(funnelChart(chartRows, FATES.map(([f]) => f)));
  type Line = { id: string } & Omit<SourceFunnel, 'status'> & { status?: string };
  const n = (f: (s: Line) => number) => (s: Line) => formatCount(f(s));
  const table = htmlTable<Line>(
    'funnel-table',
    [
      { header: 'source', cell: (s) => s.id },
      { header: 'status', cell: (s) => s.status ?? '' },
      { header: 'records', cell: n((s) => s.records), numeric: true },
      { header: 'rejected', cell: n((s) => s.rejected), numeric: true },
      { header: 'staged', cell: n((s) => s.staged), numeric: true },
      { header: 'exact dup.', cell: n((s) => s.dedup_removed.exact), numeric: true },
      { header: 'near dup.', cell: n((s) => s.dedup_removed.near), numeric: true },
      { header: 'not sampled', cell: n((s) => s.unsampled), numeric: true },
      { header: 'license excl.', cell: n((s) => s.license_excluded_at_write), numeric: true },
      { header: 'docs in shards', cell: n((s) => s.in_shards), numeric: true },
      { header: 'rows in shards', cell: n((s) => s.rows_in_shards), numeric: true },
      { header: 'tokens in shards', cell: n((s) => s.tokens_in_shards), numeric: true },
    ],
    sources,
    { id: 'total', ...run.stats.totals },
  );

  const reasons = Object.entries(run.stats.rejected_by_reason).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const reasonTable = reasons.length
    ? htmlTable<[string, number]>(
        'rejections-table',
        [
          { header: 'reason', cell: ([r]) => r },
          { header: 'records', cell: ([, c]) => formatCount(c), numeric: true },
          {
            header: 'by source',
            cell: ([r]) =>
              sources
                .filter((s) => (s.rejected_by_reason[r] ?? 0) > 0)
                .sort((a, b) => b.rejected_by_reason[r]! - a.rejected_by_reason[r]!)
                .map((s) => `${s.id} ${formatCount(s.rejected_by_reason[r]!)}`)
                .join(', '),
          },
        ],
        reasons,
      )
    : '<p>No record was rejected.</p>';

  const stages = new Map<string, number>();
  for (const s of sources) for (const [st, c] of Object.entries(s.rejected_by_stage)) stages.set(st, (stages.get(st) ?? 0) + c);
  const stageLine = [...stages].sort((a, b) => b[1] - a[1]).map(([st, c]) => `${escapeHtml(st)} ${formatCount(c)}`).join(' · ');

  return `<section id="funnel"><h2>Funnel</h2>
<p>Every input record ends in exactly one place. For each source: records read, then rejected (by a rule, with its reason), removed as a duplicate, left out by the mix budget, excluded by the license check at write time, or written to the shards. A document can appear in the shards more than once when the mix upsamples it (rows ≥ docs).</p>
${chartFigure('chart-funnel', svg, 'Where each source\'s records went (records; hover a bar for the count).')}
${table}
<h3 id="rejections">Rejections by reason</h3>
${stageLine ? `<p>By stage: ${stageLine}.</p>` : ''}
${reasonTable}
${rejectExamplesHtml(run)}
</section>`;
}

/** A few rejected records per reason, with the detail and the start of their text: what each rule removed. */
function rejectExamplesHtml(run: RunOutput): string {
  if (run.rejectExamples.size === 0) return '';
  const blocks = [...run.rejectExamples].map(([reason, rows]) => {
    const items = rows
      .map((r) => {
        const head = String(r.text_head ?? '');
        return `<li><code>${escapeHtml(String(r.id))}</code> ${escapeHtml(String(r.url ?? ''))}<br>${escapeHtml(String(r.detail ?? ''))}${head ? `<pre class="reject-head">${escapeHtml(head)}${head.length >= 300 ? '…' : ''}</pre>` : ' <em>(no text: rejected before extraction)</em>'}</li>`;
      })
      .join('\n');
    return `<details class="reject-examples" data-reason="${escapeHtml(reason)}"><summary><code>${escapeHtml(reason)}</code>: ${rows.length} example${rows.length === 1 ? '' : 's'}</summary><ul>${items}</ul></details>`;
  });
  return `<h3 id="reject-examples">Examples per reason</h3>
<p>Up to three rejected records per reason (seeded; <code>curate sample &lt;out-dir&gt; --rejects --reason &lt;code&gt;</code> shows more), with the first 300 characters of the text the rule saw.</p>
${blocks.join('\n')}`;
}
