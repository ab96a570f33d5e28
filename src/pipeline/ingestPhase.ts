import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { RawRecord } from '../core/doc.js';
import { writeFileAtomic } from '../io/atomicFile.js';
import { permutationChecksum } from '../dedup/permutations.js';
import { createProgress, type Progress } from '../sources/progress.js';
import type { DecontamIndex } from '../decontam/decontamIndex.js';
import { decontamIngestFingerprint, prepareDecontam } from './decontamSetup.js';
import { readerFor } from '../sources/readerFor.js';
import { ingestPartition } from './ingestPartition.js';
import { affinityGroups, type IngestJob } from './ingestJob.js';
import { partitionOwner } from './partitionOwner.js';
import type { RecordOutcome, RecordSettings } from './processRecord.js';
import { currentBuiltFrom, type BuiltFrom } from './phaseFingerprints.js';
import { sha256Hex, type RunContext } from './runContext.js';
import { sourceEnv } from './sourceEnv.js';
import type { TaskSpec } from './taskSpec.js';
import { treeLicenseFiles } from './treeLicenseFiles.js';

/** The ingest plan: every partition of every readable source, in a fixed order. */
export interface IngestPlan {
  /** Hash of everything that shapes staging (sources, quality rules, policy, signature parameters). */
  fingerprint: string;
  /** The config's name: an output folder belongs to one config (docs/reliability.md). */
  name?: string;
  /** One fingerprint per input that shapes staging, so later phases can say what changed. */
  built_from?: BuiltFrom;
  sources: { id: string; status: string; partitions: string[]; affinities?: Record<string, string> }[];
}

/**
 * What phase 1's output depends on. Mix weights, dedup thresholds and shard sizes are not in it:
 * changing them re-runs only the later phases.
 */
export function ingestFingerprint(run: RunContext): string {
  const { quality, dedup, pii } = run.loaded.config;
  // A source's mix weight and epoch cap only matter to phase 3; version and upstream_url to the shards' provenance columns.
  const sources = run.loaded.config.sources.map(({ weight: _w, max_epochs: _e, version: _v, upstream_url: _u, ...rest }) => rest);
  // http partitions hold one host's URLs each (hostChunks); staging cut the old way never resumes.
  const httpPartitioning = sources.some((s) => s.kind === 'http') ? { http_partitions: 'by-host' } : {};
  // Present only when configured, so runs without evaluation sets keep their fingerprint.
  const decontam = decontamIngestFingerprint(run);
  return sha256Hex(
    // `pii.column` only matters to phase 3 (which copies the spans into the shards).
    JSON.stringify({ sources, quality, policy: run.policy.sha256, signature: dedup.near ? permutationChecksum(dedup) : 'off', ...httpPartitioning, ...(run.qualityModel && { quality_model: run.qualityModel.sha256 }), ...(decontam ? { decontam } : {}), pii: { ...pii, column: undefined }, ...(run.optout ? { optout: run.optout.lists.map((l) => l.sha256) } : {}) }),
  );
}

export interface IngestOptions {
  task: TaskSpec;
  /**
   * Processing threads for this task's partitions (default 1: in-process): a thread pool splits
   * each batch (src/pipeline/recordPool.ts). With CURATE_INGEST_PROCESSES=1 and several
   * partitions left, N − 1 child processes and this one take whole partitions from a shared queue
   * instead (src/pipeline/ingestProcessPool.ts). Outputs do not depend on either.
   */
  workers?: number;
  /** Maps records to outcomes (library use: replaces `workers`). Must preserve order. */
  processBatch?: (records: RawRecord[], settings: RecordSettings) => Promise<RecordOutcome[]>;
  batchSize?: number;
  /** Records per checkpoint chunk inside a partition (default 2,000). */
  checkpointRecords?: number;
  /** Show a progress bar (terminal) or periodic progress lines (logs). */
  progress?: boolean;
  /**
   * Partitions ingested at once (default: 2 with a worker pool, 1 in-process). With two, the pool
   * keeps working while one partition drains its last batches and commits its chunk (compression,
   * fsync) or the next file is opened; outputs are per partition, so they do not depend on it.
   */
  partitionsInFlight?: number;
}

/** Lists partitions of every allowed source (excluded sources are never touched). */
export async function planIngest(run: RunContext): Promise<IngestPlan> {
  const env = sourceEnv(run, () => {
    throw new Error('a reader rejected a record while listing partitions');
  });
  const sources: IngestPlan['sources'] = [];
  for (const gate of run.gates) {
    if (gate.status === 'excluded') {
      sources.push({ id: gate.source.id, status: gate.status, partitions: [] });
      continue;
    }
    const parts = await readerFor(gate.source).listPartitions(gate.source, env);
    const withAffinity = parts.filter((p) => p.affinity !== undefined);
    sources.push({
      id: gate.source.id,
      status: gate.status,
      partitions: parts.map((p) => p.id),
      ...(withAffinity.length ? { affinities: Object.fromEntries(withAffinity.map((p) => [p.id, p.affinity!])) } : {}),
    });
  }
  const fingerprint = ingestFingerprint(run);
  const { sources: fs, quality, policy, signature, staging } = currentBuiltFrom(run, { staging: fingerprint });
  return { fingerprint, name: run.loaded.config.name, built_from: { sources: fs, quality, policy, signature, staging }, sources };
}

/** The per-record settings of every readable source, by source id: the same in every process of a run. */
export function ingestSettings(run: RunContext, decontam: DecontamIndex | undefined): Map<string, RecordSettings> {
  const { config } = run.loaded;
  const out = new Map<string, RecordSettings>();
  for (const gate of run.gates) {
    if (gate.status === 'excluded') continue;
    out.set(gate.source.id, {
      source: gate.source,
      sourceDecision: gate.decision,
      sourceEvidence: gate.evidence,
      policy: run.policy,
      licenseFiles: treeLicenseFiles(gate.evidenceCheck),
      quality: config.quality,
      dedup: config.dedup,
      near: config.dedup.near,
      ...(run.qualityModel && { qualityModel: { path: run.qualityModel.path, sha256: run.qualityModel.sha256 } }),
      ...(decontam ? { decontam } : {}),
      pii: config.pii,
    });
  }
  return out;
}

/**
 * Phase 1. Each partition is processed whole and committed as staging + rejects + stats, the
 * stats file last: a partition whose stats file exists is done and is skipped on resume.
 */
export async function runIngest(run: RunContext, opts: IngestOptions): Promise<{ partitions: number; skipped: number }> {
  const plan = await planIngest(run);
  if (existsSync(run.layout.ingestPlanFile) && readIngestPlan(run).fingerprint !== plan.fingerprint) {
    // Sources, rules or the policy changed since the staging on disk was made: it no longer applies.
    run.log('ingest: the sources, quality rules, policy or evaluation sets changed since the last ingest; discarding its staging and rejects');
    rmSync(run.layout.stagingDir, { recursive: true, force: true });
    rmSync(run.layout.rejectsDir, { recursive: true, force: true });
    rmSync(join(run.layout.outDir, 'dedup'), { recursive: true, force: true });
  }
  writeFileAtomic(run.layout.ingestPlanFile, `${JSON.stringify(plan, null, 2)}\n`);
  const { config } = run.loaded;
  // Built once for every partition and worker (shared memory), only when something is left to ingest.
  const decontam = await prepareDecontam(run, plan.sources.some((e) => e.partitions.some((p) => !existsSync(run.layout.partitionStatsFile(e.id, p)))));
  const settings = ingestSettings(run, decontam);
  let index = 0;
  let done = 0;
  let skipped = 0;
  let reused = { records: 0, staged: 0 };
  let progress: Progress | undefined;
  const onProgress = (records: number, bytes: number, rejected: boolean) => {
    progress?.tick(records, bytes);
    if (rejected) progress?.error();
  };
  const jobs: IngestJob[] = [];
  for (const entry of plan.sources) {
    const gate = run.gates.find((g) => g.source.id === entry.id)!;
    if (gate.status === 'excluded') {
      run.log(`source ${entry.id}: excluded by license policy (${gate.decision?.reason}: ${gate.decision?.detail}); not read`);
      continue;
    }
    for (const part of entry.partitions) {
      const mine = partitionOwner(index++, entry.affinities?.[part], opts.task) === opts.task.index;
      if (!mine) continue;
      const statsFile = run.layout.partitionStatsFile(entry.id, part);
      if (existsSync(statsFile)) {
        skipped++;
        const ps = JSON.parse(readFileSync(statsFile, 'utf8')) as { records?: number; staged?: number };
        reused = { records: reused.records + (ps.records ?? 0), staged: reused.staged + (ps.staged ?? 0) };
        continue;
      }
      const affinity = entry.affinities?.[part];
      jobs.push({ source: entry.id, part, settings: settings.get(entry.id)!, ...(affinity !== undefined ? { affinity } : {}) });
    }
  }
  const label = `ingest ${opts.task.count > 1 ? `task ${opts.task.index}/${opts.task.count}` : run.loaded.config.name}`;
  // A resumed ingest says what it reused instead of a rate over nothing.
  const reusedLine = skipped > 0 ? `${label}: reused ${skipped} partition(s) done by an earlier run (${reused.records} records, ${reused.staged} staged)` : undefined;
  if (jobs.length === 0) {
    if (opts.progress && reusedLine) run.log(`${reusedLine}; nothing left to read`);
    return { partitions: 0, skipped };
  }
  if (opts.progress) {
    if (reusedLine) run.log(reusedLine);
    progress = createProgress({ label, total: jobs.length, unit: 'partitions', errorsAre: 'rejected' });
  }
  const finished = (job: IngestJob, ps: { records: number; staged: number }) => {
    run.log(`ingest ${job.source}/${job.part}: ${ps.records} records, ${ps.staged} kept, ${ps.records - ps.staged} rejected`);
    progress?.advance();
    done++;
  };
  const batchSize = opts.batchSize ?? config.ingest.batch_size;
  const checkpointRecords = opts.checkpointRecords ?? config.ingest.checkpoint_records;
  const ingestHere = async (job: IngestJob, processBatch: IngestOptions['processBatch'], size = batchSize) =>
    finished(job, await ingestPartition(run, job.settings, { id: job.part }, { processBatch, onProgress, batchSize: size, checkpointRecords }));
  const workers = Math.max(1, opts.workers ?? 1);
  const groups = affinityGroups(jobs).length;
  try {
    if (opts.processBatch || workers === 1) {
      await runInFlight(
        jobs.map((job) => () => ingestHere(job, opts.processBatch)),
        opts.partitionsInFlight ?? (opts.processBatch ? 2 : 1),
      );
    } else if (groups >= 2 && process.env.CURATE_INGEST_PROCESSES === '1') {
      // Experimental (docs/performance.md): whole partitions in N processes. Not the default: in
      // an A/B on the shared 2-core VM it used ~15 % more CPU than the threads and was no faster.
      const { runInProcesses } = await import('./ingestProcessPool.js');
      await runInProcesses(run, jobs, {
        processes: Math.min(workers, groups),
        fingerprint: plan.fingerprint,
        batchSize,
        checkpointRecords,
        // Small batches here: this process also answers the child processes between batches.
        ingestHere: (job) => ingestHere(job, undefined, Math.min(batchSize, 8)),
        onProgress: (records, bytes, rejected) => {
          progress?.tick(records, bytes);
          if (rejected) progress?.error(rejected);
        },
        onDone: finished,
      });
    } else {
      // One partition (or one host's) left: whole partitions cannot be shared, so its batches are.
      const { createRecordPool } = await import('./recordPool.js');
      const pool = createRecordPool(workers);
      try {
        await runInFlight(
          jobs.map((job) => () => ingestHere(job, pool.processBatch)),
          opts.partitionsInFlight ?? 2,
        );
      } finally {
        await pool.close();
      }
    }
  } finally {
    progress?.stop();
  }
  return { partitions: done, skipped };
}

/**
 * Runs jobs in order with at most `limit` at once. After a failure no new job starts; the ones
 * running finish (each partition commits or aborts its own chunk), then the first error is thrown.
 */
async function runInFlight(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  const gate = pLimit(Math.max(1, limit));
  let failure: { error: unknown } | undefined;
  await Promise.all(
    jobs.map((job) =>
      gate(async () => {
        if (failure) return;
        try {
          await job();
        } catch (error) {
          failure ??= { error };
        }
      }),
    ),
  );
  if (failure) throw failure.error;
}

export function readIngestPlan(run: RunContext): IngestPlan {
  return JSON.parse(readFileSync(run.layout.ingestPlanFile, 'utf8')) as IngestPlan;
}
