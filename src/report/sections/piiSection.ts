import { escapeHtml } from '../escapeHtml.js';
import { formatCount } from '../formatNumber.js';
import { htmlTable } from '../htmlTable.js';
import type { RunOutput } from '../loadRunOutput.js';
import type { PiiSourceStats } from '../../pii/piiRunStats.js';

/** Personal data and secrets found per source and type (stats.json `pii`), and what was done with them. */
export function piiSection(run: RunOutput): string {
  const p = run.stats.pii;
  const head = '<section id="pii"><h2>Personal data and secrets</h2>';
  if (!p) return `${head}<p>This run's stats.json has no PII counts (it was made before the PII stage existed).</p></section>`;
  if (!p.enabled) return `${head}<p>The PII stage was off (<code>pii.enabled: false</code>).</p></section>`;
  const special = Object.entries(p.actions).map(([t, a]) => `${t}: ${a}`);
  const intro = `<p>Searched right after extraction for ${escapeHtml(p.types.join(', '))}. Action <strong>${escapeHtml(p.action)}</strong>${special.length ? ` (except ${escapeHtml(special.join(', '))})` : ''}. Counts are findings in staged documents; documents rejected by a <code>reject</code> action are counted apart.</p>`;
  const types = [...new Set([...Object.keys(p.totals.found), ...Object.keys(p.totals.rejected)])].sort();
  if (types.length === 0) return `${head}${intro}<p id="pii-none">Nothing was found.</p></section>`;
  type Line = { id: string } & PiiSourceStats;
  const rows: Line[] = Object.entries(p.sources).map(([id, s]) => ({ id, ...s }));
  const table = htmlTable<Line>(
    'pii-table',
    [
      { header: 'source', cell: (s) => s.id },
      { header: 'documents with findings', cell: (s) => formatCount(s.documents), numeric: true },
      ...types.map((t) => ({ header: t, cell: (s: Line) => formatCount(s.found[t] ?? 0) + (s.rejected[t] ? ` (+${formatCount(s.rejected[t]!)} rejected)` : ''), numeric: true })),
    ],
    rows,
    { id: 'total', ...p.totals },
  );
  return `${head}${intro}${table}</section>`;
}
