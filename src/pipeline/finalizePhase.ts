import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../io/atomicFile.js';
import { fileSha256 } from '../io/fileSha256.js';
import { readParquet } from '../io/parquetFile.js';
import { evaluateLicense } from '../license/licensePolicy.js';
import { obligationsFor } from '../license/obligationsFor.js';
import { MANIFEST_SCHEMA_VERSION, type Manifest, type ManifestLicense, type ManifestSource } from '../license/manifest.js';
import { renderManifestMarkdown } from '../license/manifestMarkdown.js';
import { provenanceFields, writeAttributionFiles } from './finalizeProvenance.js';
import { tokenizerName } from '../annotate/tokenCounter.js';
import { dedupFingerprint, type DedupSummary } from './dedupPhase.js';
import { finalizeDecontam } from './decontamSetup.js';
import { currentBuiltFrom, requireBuiltFrom, requireCurrentStaging } from './phaseFingerprints.js';
import { ingestFingerprint, readIngestPlan } from './ingestPhase.js';
import type { MixPlanFile } from './mixPhase.js';
import { addCount, sortedCounts, type PartitionStats } from './partitionStats.js';
import type { RunContext } from './runContext.js';
import type { RunStats, SourceFunnel } from './runStats.js';
import { toolVersion } from './toolVersion.js';
import { countCrossFileDuplicates, readCrossFileDuplicates } from './crossFileDuplicates.js';
import { stagingParts } from './stagingFiles.js';
import { PiiStatsCollector } from './piiStats.js';

function readJson<T>(path: string, what: string, hint: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    throw new Error(`${what} not found at ${path}: ${hint}`);
  }
}

/**
 * Merges what the phases wrote (partition stats, dedup summary, mix plan, shards) into
 * stats.json, manifest.json, MANIFEST.md and ATTRIBUTION.md. Deterministic except run_info.
 */
export async function runFinalize(run: RunContext): Promise<{ manifest: Manifest; stats: RunStats }> {
  const { layout, loaded } = run;
  const { config } = loaded;
  const cfgHint = `run the earlier phases of \`curate run ${loaded.file}\` first`;
  const plan = readIngestPlan(run);
  const dedup = readJson<DedupSummary>(layout.dedupStatsFile, 'dedup summary', cfgHint);
  const mix = readJson<MixPlanFile>(layout.mixPlanFile, 'mix plan', cfgHint);
  // Never certify shards built from another policy, config or staging than the one named in the manifest.
  requireCurrentStaging(run, 'finalize', ingestFingerprint(run));
  requireBuiltFrom(run, 'finalize', 'the shards', mix.built_from, currentBuiltFrom(run, { staging: ingestFingerprint(run), dedup: dedupFingerprint(run) }), ['sources', 'quality', 'policy', 'signature', 'staging', 'dedup', 'mix', 'config']);

  // Which documents reached the shards (unique docs per source) — from the shards themselves.
  const docsInShards: Record<string, Set<string>> = {};
  for (const sh of mix.shards) {
    for (const r of await readParquet(join(layout.outDir, sh.file), { columns: ['doc_id', 'source'] })) {
      (docsInShards[r.source as string] ??= new Set()).add(r.doc_id as string);
    }
  }

  const sources: Record<string, SourceFunnel> = {};
  const allReasons: Record<string, number> = {};
  const piiStats = new PiiStatsCollector(config.pii);
  for (const s of plan.sources) {
    const f: SourceFunnel = {
      status: s.status,
      records: 0,
      bytes: 0,
      rejected: 0,
      rejected_by_stage: {},
      rejected_by_reason: {},
      staged: 0,
      staged_tokens: 0,
      dedup_removed: dedup.removedBySource[s.id] ?? { exact: 0, near: 0 },
      unsampled: mix.unsampledBySource[s.id] ?? 0,
      license_excluded_at_write: mix.licenseExcludedBySource[s.id] ?? 0,
      in_shards: docsInShards[s.id]?.size ?? 0,
      rows_in_shards: 0,
      tokens_in_shards: 0,
      not_documents: {},
    };
    for (const p of s.partitions) {
      const ps = readJson<PartitionStats>(layout.partitionStatsFile(s.id, p), 'partition stats', cfgHint);
      f.records += ps.records;
      f.bytes += ps.bytes;
      f.staged += ps.staged;
      f.staged_tokens += ps.stagedTokens;
      for (const [k, v] of Object.entries(ps.rejected)) {
        addCount(f.rejected_by_reason, k, v);
        addCount(allReasons, k, v);
        f.rejected += v;
      }
      for (const [k, v] of Object.entries(ps.rejectedByStage)) addCount(f.rejected_by_stage, k, v);
      for (const [k, v] of Object.entries(ps.notDocuments ?? {})) addCount(f.not_documents, k, v);
      piiStats.add(s.id, ps);
    }
    f.not_documents = sortedCounts(f.not_documents);
    f.rejected_by_reason = sortedCounts(f.rejected_by_reason);
    f.rejected_by_stage = sortedCounts(f.rejected_by_stage);
    for (const sh of mix.shards) {
      const b = sh.bySource[s.id];
      if (b) {
        f.rows_in_shards += b.rows;
        f.tokens_in_shards += b.tokens;
      }
    }
    sources[s.id] = f;
  }
  countCrossFileDuplicates(sources, allReasons, readCrossFileDuplicates(run, stagingParts(run)));
  const totals = Object.values(sources).reduce<Omit<SourceFunnel, 'status'>>(
    (t, f) => ({
      records: t.records + f.records,
      bytes: t.bytes + f.bytes,
      rejected: t.rejected + f.rejected,
      rejected_by_stage: mergeCounts(t.rejected_by_stage, f.rejected_by_stage),
      rejected_by_reason: mergeCounts(t.rejected_by_reason, f.rejected_by_reason),
      staged: t.staged + f.staged,
      staged_tokens: t.staged_tokens + f.staged_tokens,
      dedup_removed: { exact: t.dedup_removed.exact + f.dedup_removed.exact, near: t.dedup_removed.near + f.dedup_removed.near },
      unsampled: t.unsampled + f.unsampled,
      license_excluded_at_write: t.license_excluded_at_write + f.license_excluded_at_write,
      in_shards: t.in_shards + f.in_shards,
      rows_in_shards: t.rows_in_shards + f.rows_in_shards,
      tokens_in_shards: t.tokens_in_shards + f.tokens_in_shards,
      not_documents: mergeCounts(t.not_documents, f.not_documents),
    }),
    {
      records: 0, bytes: 0, rejected: 0, rejected_by_stage: {}, rejected_by_reason: {}, staged: 0, staged_tokens: 0,
      dedup_removed: { exact: 0, near: 0 }, unsampled: 0, license_excluded_at_write: 0, in_shards: 0, rows_in_shards: 0, tokens_in_shards: 0, not_documents: {},
    },
  );
  const stats: RunStats = {
    schema_version: 1,
    sources,
    totals,
    dedup: { docs: dedup.docs, clusters: dedup.clusters, removed_exact: dedup.removedExact, removed_near: dedup.removedNear, alarms: dedup.alarms, stats: dedup.stats },
    rejected_by_reason: sortedCounts(allReasons),
    pii: piiStats.result(plan.sources.map((s) => s.id)),
  };

  const decontamination = finalizeDecontam(run, plan.sources, docsInShards);
  if (decontamination) stats.decontamination = decontamination;
  const built = buildManifest(run, plan.sources.map((s) => s.id), stats, mix);
  // The overlap report and the provenance fields sit before run_info, which stays last (the only non-deterministic part).
  const { run_info, ...rest } = built;
  const manifest: Manifest = { ...rest, ...(decontamination ? { decontamination } : {}), ...(await provenanceFields(run, stats, rest)), run_info };
  writeFileAtomic(layout.statsFile, `${JSON.stringify(stats, null, 2)}\n`);
  writeFileAtomic(layout.manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileAtomic(layout.manifestMarkdownFile, renderManifestMarkdown(manifest));
  await writeAttributionFiles(run, manifest);
  // report.html is written by the caller (src/cli/finalizeRun.ts): the report reads pipeline files, so the pipeline never imports it.
  return { manifest, stats };
}

function mergeCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) addCount(out, k, v);
  return sortedCounts(out);
}

function buildManifest(run: RunContext, sourceIds: string[], stats: RunStats, mix: MixPlanFile): Manifest {
  const { layout, loaded, policy } = run;
  const { config } = loaded;
  const shards = mix.shards.map((sh) => {
    const path = join(layout.outDir, sh.file);
    return {
      file: sh.file,
      sha256: fileSha256(path),
      bytes: statSync(path).size,
      rows: sh.rows,
      tokens: sh.tokens,
      tokens_by_domain: sh.tokensByDomain,
      by_source: sh.bySource,
      by_license: sh.byLicense,
    };
  });

  const msources: ManifestSource[] = sourceIds.map((id) => {
    const gate = run.gates.find((g) => g.source.id === id)!;
    const f = stats.sources[id]!;
    const perShard: Record<string, { rows: number; tokens: number }> = {};
    const docLicenses: Record<string, { rows: number; tokens: number }> = {};
    for (const sh of mix.shards) {
      const b = sh.bySource[id];
      if (b) perShard[sh.file] = b;
      for (const [lic, v] of Object.entries(sh.bySourceLicense[id] ?? {})) {
        const d = (docLicenses[lic] ??= { rows: 0, tokens: 0 });
        d.rows += v.rows;
        d.tokens += v.tokens;
      }
    }
    return {
      id,
      kind: gate.source.kind,
      declared_license: gate.source.license ?? null,
      license_field: gate.source.license_field ?? null,
      status: gate.status,
      evidence: gate.evidence ?? null,
      license: gate.decision?.expression ?? null,
      rule: gate.decision?.rule ?? null,
      reason: gate.decision?.allowed === false ? (gate.decision.reason ?? 'license.denied') : null,
      detail: gate.decision?.detail ?? `license read per document from field "${gate.source.license_field}"`,
      corrections: gate.decision?.corrections ?? [],
      obligations: gate.decision ? obligationsFor(gate.decision.expression, gate.decision.obligations) : [],
      document_licenses: docLicenses,
      docs: {
        records: f.records,
        rejected: f.rejected,
        staged: f.staged,
        dedup_removed: f.dedup_removed.exact + f.dedup_removed.near,
        unsampled: f.unsampled,
        license_excluded_at_write: f.license_excluded_at_write,
        in_shards: f.in_shards,
      },
      rows_in_shards: f.rows_in_shards,
      tokens_in_shards: f.tokens_in_shards,
      rejected_by_reason: f.rejected_by_reason,
      shards: perShard,
      ...(gate.evidenceCheck ? { evidence_check: gate.evidenceCheck } : {}),
    };
  });

  // Per license: totals, the sources using it, the rules that allowed it and what it obliges.
  const licenses = new Map<string, ManifestLicense>();
  const sourcesByLicense = new Map<string, Set<string>>();
  for (const sh of mix.shards) {
    for (const [src, lics] of Object.entries(sh.bySourceLicense)) for (const lic of Object.keys(lics)) {
      let set = sourcesByLicense.get(lic);
      if (!set) sourcesByLicense.set(lic, (set = new Set()));
      set.add(src);
    }
  }
  for (const sh of mix.shards) {
    for (const [lic, v] of Object.entries(sh.byLicense)) {
      let l = licenses.get(lic);
      if (!l) {
        const d = evaluateLicense(policy, lic);
        licenses.set(lic, (l = { license: lic, rows: 0, tokens: 0, sources: [...(sourcesByLicense.get(lic) ?? [])].sort(), rules: d.rule.split(' + '), obligations: obligationsFor(lic, d.obligations) }));
      }
      l.rows += v.rows;
      l.tokens += v.tokens;
    }
  }
  return {
    schema_version: MANIFEST_SCHEMA_VERSION,
    name: config.name,
    tool: { name: 'curate', version: toolVersion() },
    config: { file: relative(loaded.baseDir, loaded.file) || loaded.file, sha256: run.configSha256 },
    policy: { name: policy.name, file: relative(loaded.baseDir, policy.file) || policy.file, sha256: policy.sha256, from_output: relative(layout.outDir, policy.file) },
    tokenizer: tokenizerName(config.quality),
    ...(run.qualityModel && {
      quality_model: { name: run.qualityModel.name, file: run.qualityModel.file, sha256: run.qualityModel.sha256, labels: run.qualityModel.labels, cv_auc: run.qualityModel.cv_auc, min_model_score: config.quality.min_model_score ?? null },
    }),
    mix: {
      total_tokens: config.mix.total_tokens,
      seed: config.mix.seed,
      max_epochs: config.mix.max_epochs,
      domains: mix.byDomain,
      sources: mix.bySource,
      warnings: mix.warnings,
    },
    sources: msources,
    licenses: [...licenses.values()].sort((a, b) => (a.license < b.license ? -1 : 1)),
    shards,
    excluded: {
      sources: msources.filter((m) => m.status === 'excluded').map((m) => ({ id: m.id, license: m.declared_license, reason: m.reason, detail: m.detail })),
      documents_by_reason: stats.rejected_by_reason,
    },
    totals: { rows: stats.totals.rows_in_shards, docs: stats.totals.in_shards, tokens: stats.totals.tokens_in_shards, shards: shards.length },
    ...(stats.pii ? { pii: stats.pii } : {}),
    run_info: { finished_at: new Date().toISOString() },
  };
}
