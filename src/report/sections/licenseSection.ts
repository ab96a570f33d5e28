import type { Manifest, ManifestLicense, ManifestSource } from '../../license/manifest.js';
import { chartFigure } from '../chartFigure.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatCount } from '../formatNumber.js';
import { htmlTable } from '../htmlTable.js';
import type { RunOutput } from '../loadRunOutput.js';
import { licenseChart } from '../reportCharts.js';
import { renderVegaLite } from '../vegaSvg.js';

/** Licenses in the shards, each source's license decision, and what was excluded and why (manifest.json). */
export async function licenseSection(run: RunOutput): Promise<string> {
  const m = run.manifest;
  const chart = m.licenses.length ? chartFigure('chart-licenses', await renderVegaLite(licenseChart(m.licenses)), 'Tokens in the shards per license.') : '';
  const licenses = htmlTable<ManifestLicense>(
    'licenses-table',
    [
      { header: 'license', cell: (l) => l.license },
      { header: 'rows', cell: (l) => formatCount(l.rows), numeric: true },
      { header: 'tokens', cell: (l) => formatCount(l.tokens), numeric: true },
      { header: 'sources', cell: (l) => l.sources.join(', ') },
      { header: 'allowed by', cell: (l) => l.rules.join(', ') },
      { header: 'obligations', cell: (l) => l.obligations.join('; ') },
    ],
    m.licenses,
  );
  const sources = htmlTable<ManifestSource>(
    'license-sources-table',
    [
      { header: 'source', cell: (s) => s.id },
      { header: 'status', cell: (s) => s.status },
      { header: 'declared', cell: (s) => s.declared_license ?? (s.license_field ? `field ${s.license_field}` : '') },
      { header: 'license', cell: (s) => s.license ?? '' },
      { header: 'rule', cell: (s) => s.rule ?? '' },
      { header: 'docs in shards', cell: (s) => formatCount(s.docs.in_shards), numeric: true },
      { header: 'tokens in shards', cell: (s) => formatCount(s.tokens_in_shards), numeric: true },
      { header: 'notes', cell: (s) => [s.reason ? `${s.reason}: ${s.detail}` : '', ...s.corrections].filter(Boolean).join('; ') },
    ],
    m.sources,
  );
  type Excluded = Manifest['excluded']['sources'][number];
  const excluded = m.excluded.sources.length
    ? htmlTable<Excluded>(
        'excluded-sources-table',
        [
          { header: 'source', cell: (s) => s.id },
          { header: 'license', cell: (s) => s.license ?? '(none)' },
          { header: 'reason', cell: (s) => s.reason ?? '' },
          { header: 'detail', cell: (s) => s.detail },
        ],
        m.excluded.sources,
      )
    : '<p>No source was excluded.</p>';
  const docReasons = Object.entries(m.excluded.documents_by_reason).sort((a, b) => b[1] - a[1]);
  const excludedDocs = docReasons.length
    ? htmlTable<[string, number]>(
        'excluded-documents-table',
        [
          { header: 'reason', cell: ([r]) => r },
          { header: 'documents', cell: ([, n]) => formatCount(n), numeric: true },
        ],
        docReasons,
      )
    : '<p>No document was excluded for its license.</p>';
  return `<section id="licenses"><h2>Licenses</h2>
<p>Policy <code>${escapeHtml(m.policy.name)}</code>. Every document in the shards carries a license the policy allows; the manifest (manifest.json, MANIFEST.md) is the record legal signs off on.</p>
${chart}
${licenses}
<h3 id="license-sources">Sources</h3>
${sources}
<h3 id="excluded">Excluded sources</h3>
${excluded}
<h3 id="excluded-documents">Documents excluded for their license</h3>
${excludedDocs}
</section>`;
}
