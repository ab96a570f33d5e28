import type { Row } from '../../io/parquetFile.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatCount } from '../formatNumber.js';
import type { RunOutput } from '../loadRunOutput.js';

/** Characters of text embedded per document: the page stays a few MB even for long documents. */
const MAX_TEXT = 20_000;
const PREVIEW = 160;

/**
 * The sample browser: a table of sampled documents with the text behind a <details> toggle, so
 * it reads without JavaScript; a small inline script (reportPage.ts) adds domain/source filters.
 */
export function sampleSection(run: RunOutput): string {
  const rows = run.samples;
  const domains = [...new Set(rows.map((r) => String(r.domain)))].sort();
  const sources = [...new Set(rows.map((r) => String(r.source)))].sort();
  const options = (values: string[]) => ['<option value="">all</option>', ...values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`)].join('');
  const body = rows.map(sampleRow).join('\n');
  // Relative to the output folder, where the report lives: the page may be copied or served elsewhere.
  const cmd = `curate sample . --seed ${run.sampleSeed} --domain <domain> --n <n>`;
  return `<section id="samples"><h2>Sample browser</h2>
<p>${formatCount(rows.length)} documents: a seeded random sample (seed ${run.sampleSeed}) of up to ${run.samplePerDomain} per domain, the same as <code>${escapeHtml(cmd)}</code> prints when run in this folder. Open a row to read its text.</p>
<form id="sample-filter" class="filters" hidden>
<label>domain <select id="filter-domain">${options(domains)}</select></label>
<label>source <select id="filter-source">${options(sources)}</select></label>
<output id="sample-count" aria-live="polite"></output>
</form>
<table id="sample-table"><thead><tr><th scope="col">domain</th><th scope="col">source</th><th scope="col">license</th><th scope="col" class="num">quality</th><th scope="col" class="num">tokens</th><th scope="col">document</th></tr></thead>
<tbody>
${body}
</tbody></table>
</section>`;
}

function sampleRow(r: Row): string {
  const text = String(r.text ?? '');
  const preview = text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW);
  const shown = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const more = text.length > MAX_TEXT ? `<p class="cut">… ${formatCount(text.length - MAX_TEXT)} more characters (<code>curate sample --json</code> gives the full text).</p>` : '';
  const quality = typeof r.quality === 'number' ? r.quality.toFixed(2) : String(r.quality);
  const meta = [r.title ? `title: ${String(r.title)}` : '', r.url ? `url: ${String(r.url)}` : '', `lang: ${String(r.lang)}`, r.programming_language ? `language: ${String(r.programming_language)}` : '', `shard: ${String(r.shard)}`]
    .filter(Boolean)
    .map((x) => escapeHtml(x))
    .join(' · ');
  const e = escapeHtml;
  return `<tr data-domain="${e(String(r.domain))}" data-source="${e(String(r.source))}"><td>${e(String(r.domain))}</td><td>${e(String(r.source))}</td><td>${e(String(r.license))}</td><td class="num">${e(quality)}</td><td class="num">${formatCount(Number(r.tokens))}</td><td><details><summary><code>${e(String(r.id))}</code> ${e(preview)}${text.length > PREVIEW ? '…' : ''}</summary><p class="meta">${meta}</p><pre>${e(shown)}</pre>${more}</details></td></tr>`;
}
