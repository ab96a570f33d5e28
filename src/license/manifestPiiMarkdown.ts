import type { Manifest } from './manifest.js';

const fmt = (n: number) => n.toLocaleString('en-US');

/** The "Personal data and secrets" part of MANIFEST.md: per source and type, what was found and what was done. */
export function renderPiiMarkdown(m: Manifest): string[] {
  const p = m.pii;
  if (!p) return [];
  const out = ['## Personal data and secrets', ''];
  if (!p.enabled) return [...out, 'The PII stage was off (`pii.enabled: false`): texts were not searched for personal data or secrets.', ''];
  const special = Object.entries(p.actions).map(([t, a]) => `${t}: ${a}`);
  out.push(
    `Searched right after extraction for ${p.types.join(', ')}. Action: **${p.action}**${special.length ? ` (except ${special.join(', ')})` : ''}; replaced values are typed placeholders such as \`<EMAIL>\`, and the spans are in the shards' \`pii\` column. Counts are findings in the staged documents (before dedup and the mix); docs/pii.md describes each detector and its measured recall.`,
    '',
  );
  const types = [...new Set([...Object.keys(p.totals.found), ...Object.keys(p.totals.rejected)])].sort();
  if (types.length === 0) return [...out, 'Nothing was found.', ''];
  out.push(`| source | documents | ${types.join(' | ')} |`, `|---|---:|${types.map(() => '---:').join('|')}|`);
  const row = (id: string, s: NonNullable<Manifest['pii']>['totals']) =>
    `| ${id} | ${fmt(s.documents)} | ${types.map((t) => fmt(s.found[t] ?? 0) + (s.rejected[t] ? ` (+${fmt(s.rejected[t]!)} docs rejected)` : '')).join(' | ')} |`;
  for (const [id, s] of Object.entries(p.sources)) if (s.documents || Object.keys(s.rejected).length) out.push(row(id, s));
  out.push(row('**total**', p.totals), '');
  return out;
}
