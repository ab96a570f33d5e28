import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomicFile.js';
import { readParquet } from '../io/parquetFile.js';
import { buildAttribution, renderAttributionMarkdown, renderSourceAttributionMarkdown, type ShardAttributionRow } from '../license/attribution.js';
import type { Manifest, ManifestOptOutList } from '../license/manifest.js';
import { optOutListOf } from '../license/optOutList.js';
import type { RunContext } from './runContext.js';
import type { RunStats } from './runStats.js';
import { evaluateLicense } from '../license/licensePolicy.js';

/**
 * The provenance parts of finalize: opt-out and TDM counts for the manifest, and the attribution
 * files (ATTRIBUTION.md, attribution/<source>.md|json) from the manifest and the shard rows.
 */
type ProvenanceFields = Pick<Manifest, 'optout' | 'tdm_reserved' | 'policy_rules' | 'excluded_license_values'>;

export async function provenanceFields(run: RunContext, stats: RunStats, built: Omit<Manifest, 'run_info'>): Promise<ProvenanceFields> {
  const out: ProvenanceFields = {};
  const lists: ManifestOptOutList[] = (run.optout?.lists ?? []).map((l) => ({ file: l.file, sha256: l.sha256, rules: l.rules.length, matched: {} }));
  const byFile = new Map(lists.map((l) => [l.file, l]));
  const values: Record<string, number> = {};
  const decidedBy = new Map<string, Set<string>>();
  const decided = (rule: string | null | undefined, what: string) => {
    for (const r of (rule ?? '').split(' + ')) if (r) (decidedBy.get(r) ?? decidedBy.set(r, new Set()).get(r)!).add(what);
  };
  // License rejects: the raw value of each (per-document license, file header), and opt-out matches per list.
  for (const [source, f] of Object.entries(stats.sources)) {
    if (!Object.keys(f.rejected_by_reason).some((r) => r.startsWith('license.'))) continue;
    const dir = join(run.layout.rejectsDir, source);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((x) => x.endsWith('.parquet')).sort()) {
      for (const r of await readParquet(join(dir, file), { columns: ['reason', 'detail', 'stage'] })) {
        const reason = r.reason as string;
        if (reason === 'license.opted_out') {
          const l = byFile.get(optOutListOf(r.detail as string) ?? '');
          if (l) l.matched[source] = (l.matched[source] ?? 0) + 1;
        } else if (r.stage === 'license' && reason !== 'license.tdm_reserved') {
          const m = /^[\w.-]+=(null|"(?:[^"\\]|\\.)*"):/.exec(r.detail as string);
          const raw = m ? (JSON.parse(m[1]!) as string | null) ?? '(none)' : '(unreadable)';
          const k = JSON.stringify([reason, raw]);
          values[k] = (values[k] ?? 0) + 1;
          if (raw !== '(none)' && raw !== '(unreadable)') decided(evaluateLicense(run.policy, raw).rule, 'excluded documents');
        }
      }
    }
  }
  for (const s of built.excluded.sources) values[JSON.stringify([s.reason ?? 'license.denied', s.license ?? '(none)'])] = -1;
  if (Object.keys(values).length) out.excluded_license_values = Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (run.optout) out.optout = lists;
  for (const s of built.sources) decided(s.rule, s.status === 'excluded' ? `excluded source ${s.id}` : `source ${s.id}`);
  for (const l of built.licenses) for (const r of l.rules) decided(r, `${l.license} in the shards`);
  const rules = run.policy.rules.filter((r) => decidedBy.has(r.id)).map((r) => ({ id: r.id, decision: r.decision, rationale: r.rationale, decided: [...decidedBy.get(r.id)!].join(', ') }));
  if (decidedBy.has('fail-closed')) rules.push({ id: 'fail-closed', decision: 'deny', rationale: 'No allow rule names the license (or it is unknown): the policy fails closed.', decided: [...decidedBy.get('fail-closed')!].join(', ') });
  if (rules.length) out.policy_rules = rules;
  const tdm: Record<string, number> = {};
  for (const [source, f] of Object.entries(stats.sources)) if (f.rejected_by_reason['license.tdm_reserved']) tdm[source] = f.rejected_by_reason['license.tdm_reserved']!;
  if (Object.keys(tdm).length) out.tdm_reserved = tdm;
  return out;
}

/** Shard rows grouped by source, license, evidence file and header holders. */
export async function attributionRows(run: RunContext, shardFiles: string[]): Promise<ShardAttributionRow[]> {
  const groups = new Map<string, ShardAttributionRow>();
  for (const f of shardFiles) {
    for (const r of await readParquet(join(run.layout.outDir, f), { columns: ['source', 'license', 'license_evidence'] })) {
      let ev: { file?: string; holders?: { holder: string; years: string }[]; kind?: string } = {};
      try {
        ev = typeof r.license_evidence === 'string' ? JSON.parse(r.license_evidence) : ((r.license_evidence as typeof ev) ?? {});
      } catch {
        // rows of an older shard schema carry no evidence
      }
      const file = ev.kind === 'header' ? '' : (ev.file ?? '');
      const holders = ev.holders ?? [];
      const key = JSON.stringify([r.source, r.license, file, holders]);
      const g = groups.get(key);
      if (g) g.rows++;
      else groups.set(key, { source: r.source as string, license: r.license as string, file, holders, rows: 1 });
    }
  }
  return [...groups.values()];
}

export async function writeAttributionFiles(run: RunContext, manifest: Manifest): Promise<void> {
  const a = buildAttribution(manifest, await attributionRows(run, manifest.shards.map((s) => s.file)));
  writeFileAtomic(run.layout.attributionFile, renderAttributionMarkdown(manifest, a));
  const dir = join(run.layout.outDir, 'attribution');
  mkdirSync(dir, { recursive: true });
  for (const s of a.sources) {
    writeFileAtomic(join(dir, `${s.source}.md`), renderSourceAttributionMarkdown(s));
    writeFileAtomic(join(dir, `${s.source}.json`), `${JSON.stringify(s, null, 2)}\n`);
  }
}

