import { decontamMarkdown } from '../decontam/decontamMarkdown.js';
import type { Manifest } from './manifest.js';
import { provenanceSections } from './manifestProvenanceMarkdown.js';
import { renderPiiMarkdown } from './manifestPiiMarkdown.js';

const fmt = (n: number) => n.toLocaleString('en-US');
const cell = (s: string | null | undefined) => (s ?? '—').replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** MANIFEST.md: the manifest as a legal reviewer reads it, rendered only from manifest.json. */
export function renderManifestMarkdown(m: Manifest): string {
  const out: string[] = [];
  out.push(`# License manifest: ${m.name}`, '');
  out.push(
    `Built by ${m.tool.name} ${m.tool.version} from config \`${m.config.file}\` (sha256 \`${m.config.sha256.slice(0, 16)}…\`) under policy **${m.policy.name}** (\`${m.policy.file}\`, sha256 \`${m.policy.sha256.slice(0, 16)}…\`). Tokens counted with ${m.tokenizer}.`,
    '',
    ...(m.quality_model
      ? [`Quality model: **${m.quality_model.name}** (\`${m.quality_model.file}\`, sha256 \`${m.quality_model.sha256}\`, trained on ${fmt(m.quality_model.labels)} expert labels) scores every document (shard column \`quality_model\`)${m.quality_model.min_model_score !== null ? `; documents below ${m.quality_model.min_model_score} are rejected (\`quality.model_below\`)` : ''}.`, '']
      : []),
    `**${fmt(m.totals.docs)} documents** (${fmt(m.totals.rows)} rows including repetitions) and **${fmt(m.totals.tokens)} tokens** in ${m.totals.shards} shard(s). Every document carries its license and the rule that allowed it in the shards' \`license\` and \`license_rule\` columns. Machine-readable version: manifest.json (schema version ${m.schema_version}); \`curate verify\` checks the shards against it.`,
    '',
  );
  out.push('## Sources', '', '| source | kind | declared license | decision | rule | docs in shards | tokens in shards | rejected | obligations |', '|---|---|---|---|---|---:|---:|---:|---|');
  for (const s of m.sources) {
    const decision = s.status === 'excluded' ? `**excluded** (${s.reason})` : s.status === 'per-record' ? `per document (field \`${s.license_field}\`)` : 'allowed';
    out.push(
      `| ${cell(s.id)} | ${s.kind} | ${cell(s.declared_license)}${s.corrections.length ? ` → ${cell(s.license)}` : ''} | ${decision} | ${cell(s.rule)} | ${fmt(s.docs.in_shards)} | ${fmt(s.tokens_in_shards)} | ${fmt(s.docs.rejected)} | ${cell(s.obligations.join('; ')) || '—'} |`,
    );
  }
  out.push('');
  const detected = m.sources.filter((s) => s.evidence?.kind === 'detected');
  if (detected.length) {
    out.push('### Licenses detected from LICENSE files (evidence)', '');
    for (const s of detected) out.push(`- ${s.id}: ${s.license} from ${s.evidence!.file || '(no file)'}, similarity ${s.evidence!.score} — ${s.evidence!.raw ?? ''}`);
    out.push('');
  }
  const corrected = m.sources.filter((s) => s.corrections.length);
  if (corrected.length) {
    out.push('### License corrections (evidence)', '');
    for (const s of corrected) out.push(`- ${s.id}: ${s.corrections.join('; ')}`);
    out.push('');
  }
  out.push('## Licenses in the shards', '', '| license | rows | tokens | sources | allowed by | obligations |', '|---|---:|---:|---|---|---|');
  for (const l of m.licenses) {
    out.push(`| ${cell(l.license)} | ${fmt(l.rows)} | ${fmt(l.tokens)} | ${cell(l.sources.join(', ') || sourcesOf(m, l.license))} | ${cell(l.rules.join(', '))} | ${cell(l.obligations.join('; ')) || '—'} |`);
  }
  out.push('');
  out.push('## Excluded', '');
  if (m.excluded.sources.length === 0) out.push('No source was excluded.', '');
  for (const s of m.excluded.sources) out.push(`- source **${s.id}** (${s.license ?? 'no license'}): ${s.reason} — ${s.detail}. Never read.`);
  if (m.excluded.sources.length) out.push('');
  const reasons = Object.entries(m.excluded.documents_by_reason);
  if (reasons.length) {
    out.push('Documents rejected, by reason (details per document in rejects/):', '', '| reason | documents |', '|---|---:|');
    for (const [r, n] of reasons) out.push(`| ${r} | ${fmt(n)} |`);
    out.push('');
  }
  out.push(...provenanceSections(m));
  if (m.decontamination) out.push(...decontamMarkdown(m.decontamination));
  out.push(...renderPiiMarkdown(m));
  // Budgets not met and per-source drift beyond mix.drift_tolerance: a reader of the card should see them.
  if (m.mix.warnings.length) out.push('## Mix warnings', '', ...m.mix.warnings.map((w) => `- ${w}`), '');
  out.push('## Shards', '', '| file | rows | tokens | code | prose | science | sha256 |', '|---|---:|---:|---:|---:|---:|---|');
  for (const s of m.shards) {
    out.push(`| ${s.file} | ${fmt(s.rows)} | ${fmt(s.tokens)} | ${fmt(s.tokens_by_domain.code)} | ${fmt(s.tokens_by_domain.prose)} | ${fmt(s.tokens_by_domain.science)} | \`${s.sha256}\` |`);
  }
  out.push('');
  return `${out.join('\n')}\n`;
}

function sourcesOf(m: Manifest, license: string): string {
  return m.sources.filter((s) => s.document_licenses[license]).map((s) => s.id).join(', ');
}
