import { formatYears, holderKey } from './copyrightHolders.js';
import type { Manifest, ManifestSource } from './manifest.js';
import { licenseIdsOf, normalizeLicense } from './spdxExpression.js';
import { spdxLicenseInfo, spdxLicenseText } from './spdxLicenseText.js';

/**
 * ATTRIBUTION.md and attribution/<source>.{md,json}: what redistributing the shards owes, per
 * license: the full license text, the copyright notices with the sources and rows they cover, and
 * the verbatim NOTICE files of Apache-2.0 sources. Rendered from manifest.json and the shard rows'
 * license evidence (`ShardAttributionRow`), so it never depends on the sources being present.
 */

/** Shard rows grouped by what decides their attribution. */
export interface ShardAttributionRow {
  source: string;
  license: string;
  /** The license file(s) the row's evidence names (comma-separated for several root files). */
  file: string;
  /** Holders from the file's own header. */
  holders: { holder: string; years: string }[];
  rows: number;
}

export interface HolderCoverage {
  holder: string;
  years: string[];
  /** Where the notice was found: "npm-code:cheerio/LICENSE". */
  found_in: string[];
  sources: Record<string, number>;
  rows: number;
}

export interface LicenseAttribution {
  license: string;
  rows: number;
  obligations: string[];
  sources: Record<string, number>;
  holders: HolderCoverage[];
  /** NOTICE files of the Apache-2.0 sources this license covers, each source's under its first Apache license only. */
  notices: { source: string; file: string; sha256: string; text: string }[];
  /** Sources of this license whose NOTICE files are reproduced under an earlier Apache license section. */
  notices_under: { source: string; license: string }[];
}

export interface SourceAttribution {
  source: string;
  kind: string;
  declared_license: string | null;
  licenses: Record<string, number>;
  rows: number;
  evidence: { file: string; role: string; sha256: string; license?: string; score?: number; holders: { holder: string; years: string }[] }[];
  evidence_status: string | null;
  evidence_detail: string | null;
  holders: HolderCoverage[];
  notices: { file: string; sha256: string; text: string }[];
}

export interface Attribution {
  licenses: LicenseAttribution[];
  sources: SourceAttribution[];
  /** License ids in the shards with their SPDX texts (undefined text: no SPDX text, e.g. LicenseRef-*). */
  texts: { id: string; name: string; url: string; text?: string }[];
  /** NOTICE files of sources whose license files are Apache-2.0 although no shard row of theirs is (a declared-license mismatch). */
  other_notices: { source: string; reason: string; file: string; sha256: string; text: string }[];
  /** Sources with NOTICE files and nothing Apache about them: those are in attribution/<source>.md only. */
  notices_not_owed: string[];
}

/** True when a license expression names an Apache license (Apache-2.0 §4(d) asks for the NOTICE text). */
function involvesApache(expression: string | undefined | null): boolean {
  if (!expression) return false;
  const n = normalizeLicense(expression);
  return n.ok ? licenseIdsOf(n.tree).some((id) => id.startsWith('Apache-')) : /\bApache-/.test(expression);
}

/** Files of a source's evidence that apply to a row whose evidence names `file` (plus root notices/AUTHORS/COPYRIGHT). */
function applicableFiles(src: ManifestSource, file: string) {
  const files = src.evidence_check?.files ?? [];
  const named = new Set(file.split(', ').filter(Boolean));
  return files.filter((f) => named.has(f.file) || (!f.file.includes('/') && f.role !== 'license') || (named.size === 0 && !f.file.includes('/')));
}

export function buildAttribution(m: Manifest, rows: ShardAttributionRow[]): Attribution {
  const byLicense = new Map<string, LicenseAttribution>();
  const bySource = new Map<string, SourceAttribution>();
  const holderMaps = new Map<string, Map<string, HolderCoverage>>();
  const cover = (scope: string, h: { holder: string; years: string }, source: string, n: number, where: string) => {
    let map = holderMaps.get(scope);
    if (!map) holderMaps.set(scope, (map = new Map()));
    const k = holderKey(h.holder);
    let c = map.get(k);
    if (!c) map.set(k, (c = { holder: h.holder, years: [], found_in: [], sources: {}, rows: 0 }));
    if (h.years) c.years = [mergeYears([...c.years, h.years])];
    if (!c.found_in.includes(where)) c.found_in.push(where);
    c.sources[source] = (c.sources[source] ?? 0) + n;
    c.rows += n;
  };
  for (const l of m.licenses) byLicense.set(l.license, { license: l.license, rows: l.rows, obligations: l.obligations, sources: {}, holders: [], notices: [], notices_under: [] });
  for (const s of m.sources) {
    if (s.rows_in_shards === 0) continue;
    bySource.set(s.id, {
      source: s.id,
      kind: s.kind,
      declared_license: s.declared_license,
      licenses: Object.fromEntries(Object.entries(s.document_licenses).map(([k, v]) => [k, v.rows])),
      rows: s.rows_in_shards,
      evidence: (s.evidence_check?.files ?? []).map(({ text: _t, ...f }) => f),
      evidence_status: s.evidence_check?.status ?? null,
      evidence_detail: s.evidence_check?.detail ?? null,
      holders: [],
      notices: (s.evidence_check?.files ?? []).filter((f) => f.role === 'notice' && f.text !== undefined).map((f) => ({ file: f.file, sha256: f.sha256, text: f.text! })),
    });
  }
  for (const r of rows) {
    const src = m.sources.find((s) => s.id === r.source);
    const lic = byLicense.get(r.license);
    if (lic) lic.sources[r.source] = (lic.sources[r.source] ?? 0) + r.rows;
    // Each holder once per row group, however many statements name it (a holder listed with two year ranges).
    const found = new Map<string, { h: { holder: string; years: string }; where: string }[]>();
    const note = (h: { holder: string; years: string }, where: string) => {
      const k = holderKey(h.holder);
      const list = found.get(k) ?? [];
      list.push({ h, where });
      found.set(k, list);
    };
    for (const f of src ? applicableFiles(src, r.file) : []) for (const h of f.holders) note(h, `${r.source}:${f.file}`);
    for (const h of r.holders) note(h, `${r.source}: file headers`);
    for (const list of found.values()) {
      list.forEach(({ h, where }, i) => {
        const n = i === 0 ? r.rows : 0;
        cover(`L:${r.license}`, h, r.source, n, where);
        cover(`S:${r.source}`, h, r.source, n, where);
      });
    }
  }
  const sorted = (scope: string) => [...(holderMaps.get(scope)?.values() ?? [])].sort((a, b) => b.rows - a.rows || (a.holder < b.holder ? -1 : 1));
  // Apache-2.0 §4(d): a NOTICE file goes with every redistribution of the work. Each source's NOTICE
  // texts are reproduced once, under the first Apache license section that covers its rows.
  const noticePlaced = new Map<string, string>();
  for (const l of byLicense.values()) {
    l.holders = sorted(`L:${l.license}`);
    if (!involvesApache(l.license)) continue;
    for (const s of Object.keys(l.sources).sort()) {
      const notices = bySource.get(s)?.notices ?? [];
      if (notices.length === 0) continue;
      const earlier = noticePlaced.get(s);
      if (earlier) l.notices_under.push({ source: s, license: earlier });
      else {
        noticePlaced.set(s, l.license);
        for (const n of notices) l.notices.push({ source: s, ...n });
      }
    }
  }
  const other_notices: Attribution['other_notices'] = [];
  const notices_not_owed: string[] = [];
  for (const s of [...bySource.values()].sort((a, b) => (a.source < b.source ? -1 : 1))) {
    if (s.notices.length === 0 || noticePlaced.has(s.source)) continue;
    const apacheFiles = s.evidence.filter((f) => f.role === 'license' && involvesApache(f.license)).map((f) => `${f.file}: ${f.license}`);
    if (apacheFiles.length === 0) notices_not_owed.push(s.source);
    else for (const n of s.notices) other_notices.push({ source: s.source, reason: `its license files say Apache (${apacheFiles.join(', ')}), its shard rows are ${Object.keys(s.licenses).join(', ')}`, ...n });
  }
  for (const s of bySource.values()) s.holders = sorted(`S:${s.source}`);
  const ids = new Set<string>();
  for (const l of m.licenses) {
    const n = normalizeLicense(l.license);
    if (n.ok) for (const id of licenseIdsOf(n.tree)) ids.add(id);
  }
  const texts = [...ids].sort().map((id) => {
    const info = spdxLicenseInfo(id);
    const text = spdxLicenseText(id);
    return { id, name: info?.name ?? id, url: info?.url ?? '', ...(text ? { text } : {}) };
  });
  return { licenses: [...byLicense.values()], sources: [...bySource.values()].sort((a, b) => (a.source < b.source ? -1 : 1)), texts, other_notices, notices_not_owed };
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** "2003-2019", "2006-2008" → "2003-2019"; "2016-present" stays open. */
function mergeYears(list: string[]): string {
  const years: number[] = [];
  let open: number | undefined;
  for (const s of list)
    for (const m of s.matchAll(/(\d{4})(?:-(\d{4}|present))?/g)) {
      if (m[2] === 'present') open = Math.min(open ?? Number(m[1]), Number(m[1]));
      else for (let y = Number(m[1]); y <= Number(m[2] ?? m[1]); y++) years.push(y);
    }
  return formatYears(years, open);
}

function holderLine(h: HolderCoverage): string {
  const years = h.years.length ? `${h.years.join(', ')} ` : '';
  const srcs = Object.entries(h.sources).map(([s, n]) => `${s} (${fmt(n)} rows)`).join(', ');
  return `- Copyright ${years}${h.holder} — covers ${srcs}; stated in ${h.found_in.join(', ')}`;
}

/** A fenced block that the text itself cannot close. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text.replace(/\s+$/, '')}\n${fence}`;
}

export function renderAttributionMarkdown(m: Manifest, a: Attribution): string {
  const out: string[] = [`# Attribution and notices: ${m.name}`, ''];
  out.push(
    'Generated from manifest.json and the shards. Redistributing the shards (or works that reproduce their text) owes, per license: the copyright notices below, the license text (in full at the end of this file) and, for Apache-2.0, the NOTICE files reproduced here. Per source: `attribution/<source>.md` and `.json`.',
    '',
  );
  for (const l of a.licenses) {
    out.push(`## ${l.license}`, '', `${fmt(l.rows)} rows in the shards, from ${Object.entries(l.sources).map(([s, n]) => `${s} (${fmt(n)} rows)`).join(', ') || 'no source'}.`, '');
    out.push('Obligations recorded by the policy:', '', l.obligations.length ? l.obligations.map((o) => `- ${o}`).join('\n') : '- none recorded', '');
    out.push('Copyright notices:', '');
    out.push(l.holders.length ? l.holders.map(holderLine).join('\n') : '- No copyright statement found in the license files or file headers of these sources (public-domain texts, or a license file without a notice: see the source\'s SOURCE.md).');
    out.push('');
    for (const n of l.notices) out.push(`NOTICE of ${n.source} (\`${n.file}\`, sha256 \`${n.sha256.slice(0, 16)}…\`), verbatim:`, '', fenced(n.text), '');
    for (const u of l.notices_under) out.push(`NOTICE files of ${u.source}: reproduced under ${u.license} above.`, '');
    if (involvesApache(l.license) && l.notices.length === 0 && l.notices_under.length === 0) out.push('No NOTICE file was found in these sources.', '');
  }
  if (a.other_notices.length) {
    out.push('## NOTICE files of sources with Apache license files', '');
    out.push('These sources\' shard rows carry another license, but their license files are Apache: their NOTICE files are reproduced here (Apache-2.0 §4(d)).', '');
    for (const n of a.other_notices) out.push(`NOTICE of ${n.source} (\`${n.file}\`, sha256 \`${n.sha256.slice(0, 16)}…\`; ${n.reason}), verbatim:`, '', fenced(n.text), '');
  }
  if (a.notices_not_owed.length) out.push(`NOTICE files of sources with no Apache license (not owed by their licenses; verbatim in attribution/<source>.md): ${a.notices_not_owed.join(', ')}.`, '');
  out.push('## License texts', '');
  for (const t of a.texts) {
    out.push(`### ${t.id}${t.name !== t.id ? ` (${t.name})` : ''}`, '');
    out.push(t.text ? fenced(t.text) : `No SPDX text: ${t.id.startsWith('LicenseRef-Public-Domain') ? 'the texts are in the public domain; nothing is owed.' : 'see the source\'s own license file (attribution/<source>.md lists it with its sha256).'}`, '');
  }
  return `${out.join('\n')}\n`;
}

export function renderSourceAttributionMarkdown(s: SourceAttribution): string {
  const out: string[] = [`# ${s.source}: attribution`, ''];
  out.push(`${fmt(s.rows)} rows in the shards; declared license ${s.declared_license ?? '(per document)'}; licenses in the shards: ${Object.entries(s.licenses).map(([k, n]) => `${k} (${fmt(n)} rows)`).join(', ')}.`, '');
  if (s.evidence_status) out.push(`Evidence check: **${s.evidence_status}** — ${s.evidence_detail}`, '');
  if (s.evidence.length) {
    out.push('| file | role | detected | score | sha256 |', '|---|---|---|---:|---|');
    for (const f of s.evidence) out.push(`| ${f.file} | ${f.role} | ${f.license ?? '—'} | ${f.score ?? '—'} | \`${f.sha256}\` |`);
    out.push('');
  }
  out.push('Copyright notices:', '', s.holders.length ? s.holders.map(holderLine).join('\n') : '- none found', '');
  for (const n of s.notices) out.push(`NOTICE (\`${n.file}\`), verbatim:`, '', fenced(n.text), '');
  return `${out.join('\n')}\n`;
}
