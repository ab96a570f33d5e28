import { basename } from 'node:path';
import type { Domain } from '../core/doc.js';
import { writeFileAtomic } from '../io/atomicFile.js';
import { readParquet } from '../io/parquetFile.js';
import { evaluateLicense } from '../license/licensePolicy.js';
import { composeShards, type ShardRow } from '../mix/composeShards.js';
import { planMix, type MixCandidate, type MixDomainLine, type MixPlanLine } from '../mix/planMix.js';
import { decideDedupFromEdges, dedupFingerprint, dedupIsCurrent } from './dedupPhase.js';
import { ingestFingerprint } from './ingestPhase.js';
import { recordShardsToWrite, removeUnplannedShards } from './outputOwnership.js';
import { currentBuiltFrom, requireCurrentStaging, type BuiltFrom } from './phaseFingerprints.js';
import type { RunContext } from './runContext.js';
import { assembleShards, docOfRowId, rowIdOf } from './shardAssembly.js';
import { stagingParts } from './stagingFiles.js';
import { readCrossFileDuplicates, skippedRows } from './crossFileDuplicates.js';
import type { TaskSpec } from './taskSpec.js';

/** What phase 3 decided; finalize turns it into the manifest. Deterministic: no timestamps. */
export interface MixPlanFile {
  byDomain: MixDomainLine[];
  bySource: MixPlanLine[];
  warnings: string[];
  /** Staged survivors the mix did not take (budget smaller than what is available). */
  unsampledBySource: Record<string, number>;
  /** Documents excluded by the document-level license re-check at write time. */
  licenseExcludedBySource: Record<string, number>;
  shards: ShardPlan[];
  /** What these shards were built from; finalize refuses when any of it changed since. */
  built_from?: BuiltFrom;
}

export interface ShardPlan {
  file: string;
  rows: number;
  tokens: number;
  tokensByDomain: Record<Domain, number>;
  /** Per source: documents (rows) and tokens in this shard. */
  bySource: Record<string, { rows: number; tokens: number }>;
  /** Per license expression: rows and tokens in this shard. */
  byLicense: Record<string, { rows: number; tokens: number }>;
  /** Per source, per license expression (sources with a per-record license can have several). */
  bySourceLicense: Record<string, Record<string, { rows: number; tokens: number }>>;
}

interface Candidate extends MixCandidate {
  license: string;
  textBytes: number;
}

/**
 * Phase 3: token budgets per domain, seeded sampling with epoch caps, shards whose domain shares
 * follow the mix. Re-running it (new weights) never re-reads sources. Task i of n writes the
 * shards j with j mod n == i; every task computes the same plan.
 */
export async function runMix(run: RunContext, task: TaskSpec): Promise<MixPlanFile> {
  const { config } = run.loaded;
  requireCurrentStaging(run, 'mix', ingestFingerprint(run));
  // After scale-out dedup tasks, the first mix step merges their edges (every mix task computes
  // the same decision; the atomic rename makes concurrent writers harmless).
  if (!dedupIsCurrent(run)) await decideDedupFromEdges(run);
  const removed = new Set<string>();
  for (const r of await readParquet(run.layout.clustersFile, { columns: ['id', 'survivor'] })) if (!r.survivor) removed.add(r.id as string);

  const candidates: Candidate[] = [];
  const licenseExcludedBySource: Record<string, number> = {};
  const licenseOk = new Map<string, boolean>();
  const parts = stagingParts(run);
  // Later places of an id_field value repeated across files are rejects (crossFileDuplicates.ts).
  const skipped = skippedRows(run, readCrossFileDuplicates(run, parts));
  for (const part of parts) {
    const skip = skipped.get(part.file);
    let ri = -1;
    for (const r of await readParquet(part.file, { columns: ['id', 'source', 'domain', 'tokens', 'license', 'text_bytes'] })) {
      ri++;
      if (skip?.has(ri)) continue;
      const id = r.id as string;
      if (removed.has(id)) continue;
      const license = r.license as string;
      // The gate again, on every document before it is written.
      let ok = licenseOk.get(license);
      if (ok === undefined) licenseOk.set(license, (ok = evaluateLicense(run.policy, license).allowed));
      if (!ok) {
        licenseExcludedBySource[r.source as string] = (licenseExcludedBySource[r.source as string] ?? 0) + 1;
        continue;
      }
      candidates.push({ id, source: r.source as string, domain: r.domain as Domain, tokens: r.tokens as number, license, textBytes: r.text_bytes as number });
    }
  }

  const sources = Object.fromEntries(
    config.sources.map((s) => [s.id, { weight: s.weight ?? 1, maxEpochs: s.max_epochs ?? config.mix.max_epochs }]),
  );
  const plan = planMix(candidates, { totalTokens: config.mix.total_tokens, domains: config.mix.domains, seed: config.mix.seed, sources, ...(config.mix.drift_tolerance !== undefined && { driftTolerance: config.mix.drift_tolerance }) });
  for (const w of plan.warnings) run.log(`warning: ${w}`);

  const byId = new Map(candidates.map((c) => [c.id, c]));
  const selectedIds = new Set(plan.selections.map((s) => s.id));
  const unsampledBySource: Record<string, number> = {};
  for (const c of candidates) if (!selectedIds.has(c.id)) unsampledBySource[c.source] = (unsampledBySource[c.source] ?? 0) + 1;

  const shardRows: ShardRow[] = plan.selections.map((s) => {
    const c = byId.get(s.id)!;
    return { rowId: rowIdOf(s.id, s.epoch), domain: c.domain, tokens: c.tokens, bytes: c.textBytes };
  });
  const shards = composeShards(shardRows, { seed: config.mix.seed, maxBytes: config.shards.max_bytes });

  const shardPlans: ShardPlan[] = shards.map((rows, i) => {
    const sp: ShardPlan = { file: `shards/${basename(run.layout.shardFile(i))}`, rows: rows.length, tokens: 0, tokensByDomain: { code: 0, prose: 0, science: 0 }, bySource: {}, byLicense: {}, bySourceLicense: {} };
    for (const r of rows) {
      const c = byId.get(docOfRowId(r.rowId).id)!;
      sp.tokens += c.tokens;
      sp.tokensByDomain[c.domain] += c.tokens;
      const s = (sp.bySource[c.source] ??= { rows: 0, tokens: 0 });
      s.rows++;
      s.tokens += c.tokens;
      const l = (sp.byLicense[c.license] ??= { rows: 0, tokens: 0 });
      l.rows++;
      l.tokens += c.tokens;
      const sl = ((sp.bySourceLicense[c.source] ??= {})[c.license] ??= { rows: 0, tokens: 0 });
      sl.rows++;
      sl.tokens += c.tokens;
    }
    return sp;
  });

  // Write this task's shards; memory is bounded by one shard (see assembleShards).
  const mine = shards.map((_, i) => i).filter((i) => i % task.count === task.index);
  const planned = shards.map((_, i) => basename(run.layout.shardFile(i)));
  // Ownership: the ledger names every shard before it exists; only ledger entries are ever deleted.
  if (task.index === 0) recordShardsToWrite(run, planned);
  await assembleShards(run, shards, mine, task);
  if (task.index === 0) removeUnplannedShards(run, planned);

  const out: MixPlanFile = {
    byDomain: plan.byDomain,
    bySource: plan.bySource,
    warnings: plan.warnings,
    unsampledBySource,
    licenseExcludedBySource,
    shards: shardPlans,
    built_from: currentBuiltFrom(run, { staging: ingestFingerprint(run), dedup: dedupFingerprint(run) }),
  };
  writeFileAtomic(run.layout.mixPlanFile, `${JSON.stringify(out, null, 2)}\n`);
  run.log(`mix: ${plan.selections.length} rows in ${shards.length} shard(s), ${mine.length} written by this task`);
  return out;
}
