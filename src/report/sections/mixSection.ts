import type { MixDomainLine, MixPlanLine } from '../../mix/planMix.js';
import { chartFigure } from '../chartFigure.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatCount, formatPercent, formatRatio } from '../formatNumber.js';
import { htmlTable } from '../htmlTable.js';
import type { RunOutput } from '../loadRunOutput.js';
import { mixChart } from '../reportCharts.js';
import { renderVegaLite } from '../vegaSvg.js';

/** Planned versus actual mix, per domain and per source (manifest.json `mix`). */
export async function mixSection(run: RunOutput): Promise<string> {
  const mix = run.manifest.mix;
  const svg = await renderVegaLite(mixChart(mix.domains));
  const domains = htmlTable<MixDomainLine>(
    'mix-domains-table',
    [
      { header: 'domain', cell: (d) => d.domain },
      { header: 'share', cell: (d) => formatPercent(d.share, 0), numeric: true },
      { header: 'planned tokens', cell: (d) => formatCount(d.plannedTokens), numeric: true },
      { header: 'actual tokens', cell: (d) => formatCount(d.actualTokens), numeric: true },
      { header: 'actual / planned', cell: (d) => (d.plannedTokens > 0 ? formatPercent(d.actualTokens / d.plannedTokens) : '—'), numeric: true },
      { header: 'available tokens', cell: (d) => formatCount(d.availableTokens), numeric: true },
      { header: 'shortfall', cell: (d) => formatCount(d.shortfall), numeric: true },
    ],
    mix.domains,
  );
  const sources = htmlTable<MixPlanLine>(
    'mix-sources-table',
    [
      { header: 'domain', cell: (s) => s.domain },
      { header: 'source', cell: (s) => s.source },
      { header: 'available docs', cell: (s) => formatCount(s.availableDocs), numeric: true },
      { header: 'available tokens', cell: (s) => formatCount(s.availableTokens), numeric: true },
      { header: 'planned tokens', cell: (s) => formatCount(s.plannedTokens), numeric: true },
      { header: 'actual tokens', cell: (s) => formatCount(s.actualTokens), numeric: true },
      { header: 'rows', cell: (s) => formatCount(s.rows), numeric: true },
      { header: 'docs', cell: (s) => formatCount(s.docs), numeric: true },
      { header: 'epochs', cell: (s) => formatRatio(s.epochs), numeric: true },
      { header: 'capped', cell: (s) => (s.capped ? 'yes' : '') },
    ],
    mix.sources,
  );
  const warnings = mix.warnings.length
    ? `<ul class="warnings">${mix.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`
    : '<p>No mix warnings.</p>';
  return `<section id="mix"><h2>Mix: planned versus actual</h2>
<p>Budget ${formatCount(mix.total_tokens)} tokens, seed ${mix.seed}, at most ${mix.max_epochs} epochs per document. Each domain gets its share of the budget; inside a domain, sources share it in proportion to their available tokens (times their weight). A source is <em>capped</em> when it reached its epoch limit; what no source can fill is the shortfall.</p>
${chartFigure('chart-mix', svg, 'Planned and actual tokens per domain.')}
${domains}
<h3 id="mix-sources">Per source</h3>
${sources}
<h3 id="mix-warnings">Warnings</h3>
${warnings}
</section>`;
}
