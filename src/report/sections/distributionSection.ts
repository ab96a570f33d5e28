import { chartFigure } from '../chartFigure.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatCount } from '../formatNumber.js';
import type { RunOutput } from '../loadRunOutput.js';
import { domainColor, histogramChart } from '../reportCharts.js';
import { renderVegaLite } from '../vegaSvg.js';

/** Quality score and length (tokens) histograms per domain, over the shard rows. */
export async function distributionSection(run: RunOutput): Promise<string> {
  const blocks: string[] = [];
  for (const d of run.distributions) {
    const id = d.domain.replace(/[^A-Za-z0-9_-]/g, '_');
    const q = await renderVegaLite(histogramChart(d.quality, { xTitle: 'quality score (0–5)', yTitle: 'rows', color: domainColor(d.domain) }));
    const l = await renderVegaLite(histogramChart(d.length, { xTitle: 'tokens per document', yTitle: 'rows', color: domainColor(d.domain) }));
    const qm = d.qualityModel && run.manifest.quality_model;
    const m = qm ? chartFigure(`chart-quality-model-${id}`, await renderVegaLite(histogramChart(d.qualityModel!, { xTitle: 'quality_model (probability of keep)', yTitle: 'rows', color: domainColor(d.domain) })), `Learned quality model ${qm.name} (sha256 ${qm.sha256.slice(0, 12)}…, ${qm.labels} labels): quality_model of ${d.domain} rows.`) : '';
    blocks.push(`<div class="domain-charts"><h3 id="dist-${escapeHtml(id)}">${escapeHtml(d.domain)} <small>${formatCount(d.rows)} rows · ${formatCount(d.tokens)} tokens</small></h3>
<div class="row">${chartFigure(`chart-quality-${id}`, q, `Quality score of ${d.domain} rows.`)}${chartFigure(`chart-length-${id}`, l, `Length of ${d.domain} rows in tokens (power-of-two bins, by lower edge; 1k = 1,024).`)}${m}</div></div>`);
  }
  return `<section id="distributions"><h2>Quality and length per domain</h2>
<p>Counted over the rows of the shards: a document the mix repeats counts once per repeat, as it is trained on once per repeat.</p>
${blocks.join('\n') || '<p>The shards are empty.</p>'}
</section>`;
}
