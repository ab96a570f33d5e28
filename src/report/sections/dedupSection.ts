import { chartFigure } from '../chartFigure.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatCount, formatRatio } from '../formatNumber.js';
import { htmlTable } from '../htmlTable.js';
import type { DedupCluster, RunOutput } from '../loadRunOutput.js';
import { histogramChart } from '../reportCharts.js';
import { renderVegaLite } from '../vegaSvg.js';

/** Duplicate clusters (dedup/clusters.parquet): how large they are, the largest ones, and the alarms. */
export async function dedupSection(run: RunOutput): Promise<string> {
  const d = run.dedup;
  const s = run.stats.dedup;
  const alarms = d.alarms.length
    ? `<ul class="alarms">${d.alarms.map((a) => `<li><strong>${escapeHtml(a.kind)}</strong>: ${escapeHtml(a.detail)}</li>`).join('')}</ul>`
    : '<p id="dedup-no-alarms">No dedup alarm: no cluster above the size limit, no source lost more than its allowed share.</p>';
  if (!d.present) {
    return `<section id="dedup"><h2>Deduplication</h2><p>This run has no dedup/clusters.parquet (dedup was off or did not run).</p>${alarms}</section>`;
  }
  const summary = `<p>${formatCount(d.docs)} staged documents; ${formatCount(d.clusters)} cluster${d.clusters === 1 ? '' : 's'} with duplicates; ${formatCount(s?.removed_exact ?? 0)} exact and ${formatCount(s?.removed_near ?? 0)} near duplicates removed (one survivor kept per cluster).</p>`;
  if (d.clusters === 0) return `<section id="dedup"><h2>Deduplication</h2>${summary}<p>No duplicates were found.</p><h3 id="dedup-alarms">Alarms</h3>${alarms}</section>`;
  const svg = await renderVegaLite(histogramChart(d.sizes, { xTitle: 'documents in the cluster', yTitle: 'clusters', color: '#b279a2', step: 40 }));
  const top = htmlTable<DedupCluster>(
    'dedup-top-table',
    [
      { header: 'cluster (survivor id)', cell: (c) => c.cluster },
      { header: 'size', cell: (c) => formatCount(c.size), numeric: true },
      { header: 'exact', cell: (c) => formatCount(c.exact), numeric: true },
      { header: 'near', cell: (c) => formatCount(c.near), numeric: true },
      { header: 'lowest similarity', cell: (c) => formatRatio(c.minSimilarity), numeric: true },
      { header: 'sources', cell: (c) => c.sources.join(', ') },
      { header: `members (survivor first${d.top.some((c) => c.size > c.members.length) ? ', first few' : ''})`, cell: (c) => c.members.join('\n') },
    ],
    d.top,
  );
  return `<section id="dedup"><h2>Deduplication</h2>
${summary}
${chartFigure('chart-clusters', svg, 'Clusters by size: documents per cluster, survivor included (power-of-two bins, by lower edge: 2 = 2–3, 4 = 4–7 ...).')}
<h3 id="dedup-top">Largest clusters</h3>
${top}
<h3 id="dedup-alarms">Alarms</h3>
${alarms}
</section>`;
}
