import type { Manifest } from './manifest.js';

/**
 * The provenance sections of MANIFEST.md, one function per section, each rendered only from
 * manifest.json: evidence checks, the rules that decided, per-shard license counts, excluded raw
 * license values, opt-outs and TDM reservations.
 */
const fmt = (n: number) => n.toLocaleString('en-US');
const cell = (s: string | null | undefined) => (s ?? '—').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function provenanceSections(m: Manifest): string[] {
  return [...evidenceSection(m), ...rulesSection(m), ...shardLicenseSection(m), ...excludedValuesSection(m), ...optOutSection(m), ...tdmSection(m)];
}

function evidenceSection(m: Manifest): string[] {
  const checked = m.sources.filter((s) => s.evidence_check);
  if (!checked.length) return [];
  const out = ['## License evidence', '', "Each files source's LICENSE/COPYING/NOTICE/COPYRIGHT/AUTHORS files (whatever `include` says) were read, hashed and matched against the SPDX texts, and compared with the declared license.", ''];
  const mismatched = checked.filter((s) => s.evidence_check!.status === 'mismatch');
  if (mismatched.length) {
    out.push(`**license.declared_mismatch** — the declaration is contradicted by the source's own files (policy \`evidence: ${m.sources.some((s) => s.reason === 'license.declared_mismatch') ? 'strict`: excluded' : 'warn`: kept, review'}):`, '');
    for (const s of mismatched) out.push(`- **${s.id}**: ${s.evidence_check!.detail}`);
    out.push('');
  }
  out.push('| source | declared | check | file | role | detected | score | sha256 |', '|---|---|---|---|---|---|---:|---|');
  for (const s of checked) {
    const files = s.evidence_check!.files;
    if (!files.length) out.push(`| ${s.id} | ${cell(s.declared_license)} | ${s.evidence_check!.status} | — | — | — | — | — |`);
    files.forEach((f, i) => out.push(`| ${i ? '' : s.id} | ${i ? '' : cell(s.declared_license)} | ${i ? '' : s.evidence_check!.status} | ${cell(f.file)} | ${f.role} | ${cell(f.license)} | ${f.score ?? '—'} | \`${f.sha256.slice(0, 16)}…\` |`));
  }
  out.push('');
  return out;
}

function rulesSection(m: Manifest): string[] {
  if (!m.policy_rules?.length) return [];
  const out = ['## Policy rules that decided', '', `Rules of policy **${m.policy.name}** that allowed or denied something in this run, with the rationale legal recorded:`, ''];
  for (const r of m.policy_rules) out.push(`- \`${r.id}\` (${r.decision}; ${r.decided}): ${r.rationale.trim()}`);
  out.push('');
  return out;
}

function shardLicenseSection(m: Manifest): string[] {
  const licenses = [...new Set(m.shards.flatMap((s) => Object.keys(s.by_license)))].sort();
  if (!licenses.length) return [];
  const out = ['## Rows per shard and license', '', `| shard | ${licenses.map(cell).join(' | ')} |`, `|---|${licenses.map(() => '---:').join('|')}|`];
  for (const s of m.shards) out.push(`| ${s.file} | ${licenses.map((l) => fmt(s.by_license[l]?.rows ?? 0)).join(' | ')} |`);
  out.push('');
  return out;
}

function excludedValuesSection(m: Manifest): string[] {
  const values = m.excluded_license_values;
  if (!values || !Object.keys(values).length) return [];
  const out = ['## Excluded license values', '', 'Raw license values that kept documents out (as written in the config or the records), with the reason and how many documents:', '', '| value | reason | documents |', '|---|---|---:|'];
  for (const [k, n] of Object.entries(values)) {
    const [reason, value] = JSON.parse(k) as [string, string];
    out.push(`| ${cell(value)} | ${reason} | ${n < 0 ? 'whole source, never read' : fmt(n)} |`);
  }
  out.push('');
  return out;
}

function optOutSection(m: Manifest): string[] {
  if (!m.optout) return [];
  const out = ['## Opt-outs and takedowns', ''];
  if (!m.optout.length) out.push('No opt-out list was configured.', '');
  else {
    out.push('| list | sha256 | rules | documents removed |', '|---|---|---:|---|');
    for (const l of m.optout) {
      const per = Object.entries(l.matched).map(([s, n]) => `${s}: ${fmt(n)}`).join(', ');
      out.push(`| ${cell(l.file)} | \`${l.sha256}\` | ${fmt(l.rules)} | ${per || '0'} |`);
    }
    out.push('', '`curate verify` re-reads these lists and fails if a shard row matches one; `curate optout check <list> <out-dir>` checks any list.', '');
  }
  return out;
}

function tdmSection(m: Manifest): string[] {
  if (!m.tdm_reserved) return [];
  const out = ['## Text-and-data-mining reservations', '', 'Pages whose publisher reserved TDM rights (W3C TDMRep: `tdm-reservation` header or meta, `/.well-known/tdmrep.json`; DSM Directive art. 4) were not used (`license.tdm_reserved`):', '', '| source | documents |', '|---|---:|'];
  for (const [s, n] of Object.entries(m.tdm_reserved)) out.push(`| ${s} | ${fmt(n)} |`);
  out.push('');
  return out;
}
