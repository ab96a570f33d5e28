import { escapeHtml } from './escapeHtml.js';
import { formatCount } from './formatNumber.js';
import type { RunOutput } from './loadRunOutput.js';

/**
 * The page shell: inline CSS, a table of contents, the sections, and one small inline script
 * (sample filters). Nothing is loaded from anywhere: the file works offline, from a mail
 * attachment or a file share, and reads fine with JavaScript off.
 */
export function reportPage(run: RunOutput, sections: string[]): string {
  const m = run.manifest;
  const t = m.totals;
  const title = `curate report: ${m.name}`;
  const toc = [
    ['funnel', 'Funnel'],
    ['mix', 'Mix'],
    ['distributions', 'Quality and length'],
    ['dedup', 'Deduplication'],
    ['licenses', 'Licenses'],
    ['decontamination', 'Decontamination'],
    ['pii', 'Personal data'],
    ['samples', 'Sample browser'],
  ]
    .map(([id, label]) => `<a href="#${id}">${label}</a>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(m.name)} <small>curate ${escapeHtml(m.tool.version)}</small></h1>
<p class="totals" id="totals"><span><b>${formatCount(t.rows)}</b> rows</span><span><b>${formatCount(t.docs)}</b> documents</span><span><b>${formatCount(t.tokens)}</b> tokens</span><span><b>${formatCount(t.shards)}</b> shards</span><span>tokenizer ${escapeHtml(m.tokenizer)}</span></p>
<p class="meta">config <code>${escapeHtml(m.config.file)}</code> (sha256 ${escapeHtml(m.config.sha256.slice(0, 12))}…) · policy <code>${escapeHtml(m.policy.name)}</code> · finished ${escapeHtml(m.run_info?.finished_at ?? '')}</p>
<nav>${toc}</nav>
</header>
<main>
${sections.join('\n')}
</main>
<footer><p>Written by <code>curate report</code> from this folder's stats.json, manifest.json, dedup/clusters.parquet and the shards. Self-contained: no network, no external files.</p></footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const CSS = `
:root{--fg:#1d1d1f;--muted:#66666b;--line:#e3e3e8;--bg:#fff;--accent:#4c78a8;--soft:#f6f7f9}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:20px 32px 8px;border-bottom:1px solid var(--line);background:var(--soft)}
h1{margin:0 0 6px;font-size:22px;font-weight:600}h1 small{font-size:13px;color:var(--muted);font-weight:normal}
h2{font-size:18px;margin:32px 0 8px;padding-top:8px;border-top:1px solid var(--line)}
h3{font-size:15px;margin:20px 0 6px}h3 small{color:var(--muted);font-weight:normal}
main{padding:0 32px 32px;max-width:1400px}
.totals span{margin-right:18px}.meta{color:var(--muted);font-size:12px}
nav a{margin-right:14px;color:var(--accent);text-decoration:none}nav a:hover{text-decoration:underline}
table{border-collapse:collapse;margin:8px 0 12px;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
thead th{background:var(--soft);font-weight:600}
#sample-table thead th{position:sticky;top:0;z-index:1}
tfoot th,tfoot td{font-weight:600;border-top:2px solid var(--line)}
.num{text-align:right;font-variant-numeric:tabular-nums}
figure.chart{margin:8px 24px 8px 0;display:inline-block;vertical-align:top}
figure.chart svg{max-width:100%;height:auto}
figcaption{color:var(--muted);font-size:12px}
.row{display:flex;flex-wrap:wrap}
#dedup-top-table td:last-child{white-space:pre-line;font-size:12px}
ul.alarms li{color:#a33}ul.warnings li{color:#8a5a00}
#sample-table{width:100%;table-layout:fixed}
#sample-table th:nth-child(1){width:6em}#sample-table th:nth-child(2){width:11em}#sample-table th:nth-child(3){width:13em}
#sample-table th:nth-child(4),#sample-table th:nth-child(5){width:5.5em}
#sample-table td{overflow-wrap:anywhere}
details summary{cursor:pointer;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
details[open] summary{white-space:normal}
details pre{white-space:pre-wrap;word-break:break-word;max-height:32em;overflow:auto;background:var(--soft);padding:8px;border:1px solid var(--line);font-size:12px}
.filters{margin:8px 0;display:flex;gap:16px;align-items:center}.filters output{color:var(--muted)}
footer{padding:12px 32px;color:var(--muted);font-size:12px;border-top:1px solid var(--line)}
@media print{thead th{position:static}details pre{max-height:none}}
`;

/** Sample filters: shows the (hidden by default) form and hides rows that do not match. */
const SCRIPT = `
(function(){
  var form=document.getElementById('sample-filter');if(!form)return;
  var d=document.getElementById('filter-domain'),s=document.getElementById('filter-source'),out=document.getElementById('sample-count');
  var rows=[].slice.call(document.querySelectorAll('#sample-table tbody tr'));
  function apply(){var n=0;rows.forEach(function(r){var ok=(!d.value||r.dataset.domain===d.value)&&(!s.value||r.dataset.source===s.value);r.hidden=!ok;if(ok)n++;});out.textContent=n+' of '+rows.length+' documents';}
  form.hidden=false;d.addEventListener('change',apply);s.addEventListener('change',apply);apply();
})();
`;
