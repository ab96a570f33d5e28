import { stringify } from 'yaml';
import type { Manifest } from '../license/manifest.js';
import type { RunStats } from '../pipeline/runStats.js';

/**
 * `<out>/README.md`: a Hugging Face dataset card. YAML front matter (license, language,
 * size_categories, configs with data_files globs so `datasets.load_dataset` finds the shards) and
 * prose generated from the manifest. One function per section: other stages add theirs to
 * CARD_SECTIONS.
 */
export interface CardInput {
  manifest: Manifest;
  stats: RunStats;
  /** Rows per language code in the shards. */
  languages: Record<string, number>;
}

export type CardSection = (c: CardInput) => string[];

const fmt = (n: number) => n.toLocaleString('en-US');

/** HF's size buckets, by row count. */
export function sizeCategory(rows: number): string {
  const b: [number, string][] = [[1e3, 'n<1K'], [1e4, '1K<n<10K'], [1e5, '10K<n<100K'], [1e6, '100K<n<1M'], [1e7, '1M<n<10M'], [1e8, '10M<n<100M'], [1e9, '100M<n<1B'], [1e10, '1B<n<10B']];
  for (const [max, label] of b) if (rows < max) return label;
  return 'n>1T';
}

export function cardFrontMatter(c: CardInput): Record<string, unknown> {
  const m = c.manifest;
  const ids = m.licenses.map((l) => l.license);
  const single = ids.length === 1 && /^[A-Za-z0-9.-]+$/.test(ids[0]!) && !ids[0]!.startsWith('LicenseRef-') ? ids[0]!.toLowerCase() : undefined;
  const langs = Object.entries(c.languages).filter(([l]) => /^[a-z]{2,3}$/.test(l)).sort((a, b) => b[1] - a[1]).map(([l]) => l);
  return {
    pretty_name: m.name,
    license: single ?? 'other',
    ...(single ? {} : { license_name: ids.join(' / ') || 'none', license_link: 'ATTRIBUTION.md' }),
    language: langs.length ? langs : ['en'],
    size_categories: [sizeCategory(m.totals.rows)],
    task_categories: ['text-generation'],
    tags: ['curate', 'pretraining'],
    configs: [{ config_name: 'default', data_files: [{ split: 'train', path: 'shards/*.parquet' }] }],
  };
}

const summarySection: CardSection = ({ manifest: m }) => [
  `# ${m.name}`,
  '',
  `A pre-training corpus built by ${m.tool.name} ${m.tool.version}: **${fmt(m.totals.docs)} documents**, ${fmt(m.totals.rows)} rows and ${fmt(m.totals.tokens)} tokens (${m.tokenizer}) in ${m.totals.shards} Parquet shard(s) under \`shards/\`. Load it with \`datasets.load_dataset("parquet", data_files="shards/*.parquet")\` or from this folder. Column meanings: docs/parquet.md of curate; metadata in \`croissant.json\`.`,
  '',
];

const sourcesSection: CardSection = ({ manifest: m }) => {
  const out = ['## Sources', '', '| source | kind | license | decision | documents | tokens |', '|---|---|---|---|---:|---:|'];
  for (const s of m.sources) out.push(`| ${s.id} | ${s.kind} | ${s.license ?? s.declared_license ?? (s.license_field ? `per document (${s.license_field})` : '—')} | ${s.status === 'excluded' ? `excluded (${s.reason})` : s.status} | ${fmt(s.docs.in_shards)} | ${fmt(s.tokens_in_shards)} |`);
  out.push('');
  return out;
};

const licensesSection: CardSection = ({ manifest: m }) => {
  const out = ['## Licenses', '', `Every row carries its SPDX license, the policy rule that allowed it (policy **${m.policy.name}**) and its license evidence. Copyright holders, NOTICE files and the full license texts: ATTRIBUTION.md; for legal review: MANIFEST.md.`, ''];
  for (const l of m.licenses) out.push(`- ${l.license}: ${fmt(l.rows)} rows, ${fmt(l.tokens)} tokens (${l.sources.join(', ')})`);
  out.push('');
  return out;
};

const filtersSection: CardSection = ({ stats }) => {
  const reasons = Object.entries(stats.rejected_by_reason).sort((a, b) => b[1] - a[1]);
  const out = ['## Filtering', '', `${fmt(stats.totals.records)} records read, ${fmt(stats.totals.rejected)} rejected with a reason code (every reject is in \`rejects/\`):`, ''];
  for (const [r, n] of reasons.slice(0, 15)) out.push(`- \`${r}\`: ${fmt(n)}`);
  if (reasons.length > 15) out.push(`- … ${reasons.length - 15} more reasons in stats.json`);
  out.push('');
  return out;
};

const dedupSection: CardSection = ({ stats }) => ['## Deduplication', '', `Exact and near-duplicate (MinHash LSH, verified) removal over ${fmt(stats.dedup.docs)} staged documents: ${fmt(stats.dedup.removed_exact)} exact and ${fmt(stats.dedup.removed_near)} near duplicates removed.`, ''];

const mixSection: CardSection = ({ manifest: m }) => {
  const out = ['## Mix', '', `Token budget ${fmt(m.mix.total_tokens)}, seed ${m.mix.seed}, at most ${m.mix.max_epochs} epoch(s) per document.`, '', '| domain | target share | tokens |', '|---|---:|---:|'];
  for (const d of m.mix.domains) out.push(`| ${d.domain} | ${d.share} | ${fmt(d.actualTokens)} |`);
  out.push('');
  return out;
};

const limitationsSection: CardSection = ({ manifest: m }) => {
  const out = ['## Known limitations', ''];
  for (const s of m.sources) {
    if (s.evidence_check?.status === 'mismatch') out.push(`- ${s.id}: the declared license is contradicted by the source's own files (${s.evidence_check.detail}).`);
    if (s.evidence_check?.status === 'unverified' && s.status !== 'excluded') out.push(`- ${s.id}: the declared license could not be confirmed from the source's files (${s.evidence_check.detail}).`);
  }
  for (const w of m.mix.warnings) out.push(`- mix: ${w}`);
  out.push('- Quality, language and domain labels are heuristic (rules and small models); see each row\'s `signals`.');
  out.push('');
  return out;
};

const decontaminationSection: CardSection = ({ manifest: m }) => {
  const d = m.decontamination;
  if (!d) return [];
  const verb = d.action === 'reject' ? 'removed' : d.action === 'mask' ? 'had the overlapping spans cut out' : 'were kept and listed';
  const out = ['## Decontamination', '', `Checked against ${d.sets.length} evaluation set(s) by ${d.ngram}-gram overlap after normalisation (case, punctuation, digits, whitespace); documents hit ${verb}. Per set: items found, documents hit (sources), in the shards afterwards.`, ''];
  for (const s of d.sets) out.push(`- ${s.id}: ${fmt(s.items_found)} item(s) found, ${fmt(s.documents_hit)} document(s) hit (${Object.keys(s.sources).join(', ') || 'none'}), ${fmt(s.rejected)} rejected, ${fmt(s.masked)} masked, ${fmt(s.in_shards)} in the shards`);
  out.push('');
  return out;
};

const piiSection: CardSection = ({ manifest: m }) => {
  const p = m.pii;
  if (!p?.enabled) return [];
  const found = Object.entries(p.totals.found).sort((a, b) => b[1] - a[1]);
  const rejected = Object.values(p.totals.rejected).reduce((a, b) => a + b, 0);
  const out = ['## Personal data and secrets', '', `Detected in the extracted text before annotation and dedup (e-mail addresses, public IP addresses, phone numbers, payment cards, IBANs, keys, tokens, private keys, passwords); default action **${p.action}**. ${fmt(p.totals.documents)} kept document(s) had findings; ${fmt(rejected)} were rejected.`, ''];
  for (const [t, n] of found) out.push(`- ${t}: ${fmt(n)}`);
  out.push('');
  return out;
};

const qualityModelSection: CardSection = ({ manifest: m }) => {
  const q = m.quality_model;
  if (!q) return [];
  return ['## Learned quality model', '', `The \`quality_model\` column is the probability given by **${q.name}** (sha256 \`${q.sha256}\`), a logistic regression trained on ${fmt(q.labels)} expert labels${q.cv_auc === null ? '' : ` (cross-validated AUC ${q.cv_auc})`}${q.min_model_score === null ? '; no document was filtered by it' : `; documents below ${q.min_model_score} were rejected`}.`, ''];
};

/** Card sections in order; a stage adds its own section function here. */
export const CARD_SECTIONS: CardSection[] = [summarySection, sourcesSection, licensesSection, filtersSection, piiSection, decontaminationSection, qualityModelSection, dedupSection, mixSection, limitationsSection];

export function renderDatasetCard(c: CardInput): string {
  return `---\n${stringify(cardFrontMatter(c)).trimEnd()}\n---\n\n${CARD_SECTIONS.flatMap((s) => s(c)).join('\n')}\n`;
}
