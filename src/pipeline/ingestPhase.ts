import { existsSync, readFileSync } from 'node:fs';
import type { Doc, RawRecord, Reject } from '../core/doc.js';
import { docId } from '../core/docId.js';
import { writeFileAtomic } from '../io/atomicFile.js';
import { ParquetRowWriter } from '../io/parquetFile.js';
import { readerFor } from '../sources/readerFor.js';
import type { Partition, SourceEnv } from '../sources/sourceReader.js';
import { addCount, emptyPartitionStats, sortedCounts, type PartitionStats } from './partitionStats.js';
import { processRecord, type RecordOutcome, type RecordSettings } from './processRecord.js';
import type { RunContext } from './runContext.js';
import { REJECT_COLUMNS, STAGING_COLUMNS } from './schemas.js';
import type { TaskSpec } from './taskSpec.js';

/** The ingest plan: every partition of every readable source, in a fixed order. */
export interface IngestPlan {
  sources: { id: string; status: string; partitions: string[] }[];
}

export interface IngestOptions {
  task: TaskSpec;
  /** Maps records to outcomes; the worker pool plugs in here. Must preserve order. */
  processBatch?: (records: RawRecord[], settings: RecordSettings) => Promise<RecordOutcome[]>;
  batchSize?: number;
}

const sequentialBatch = async (records: RawRecord[], settings: RecordSettings) => records.map((r) => processRecord(r, settings));

export function sourceEnv(run: RunContext, rejectSink: (r: Reject) => void): SourceEnv {
  return {
    baseDir: run.loaded.baseDir,
    outputDir: run.layout.outDir,
    ctx: {
      reject: (rec, reason, detail, stage) =>
        rejectSink({ id: rec.id ?? docId(rec.source, rec.key), source: rec.source, url: rec.url, reason, detail, stage }),
      warn: (m) => run.log(`warning: ${m}`),
    },
  };
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
    sources.push({ id: gate.source.id, status: gate.status, partitions: parts.map((p) => p.id) });
  }
  return { sources };
}

/**
 * Phase 1. Each partition is processed whole and committed as staging + rejects + stats, the
 * stats file last: a partition whose stats file exists is done and is skipped on resume.
 */
export async function runIngest(run: RunContext, opts: IngestOptions): Promise<{ partitions: number; skipped: number }> {
  const plan = await planIngest(run);
  writeFileAtomic(run.layout.ingestPlanFile, `${JSON.stringify(plan, null, 2)}\n`);
  const { config } = run.loaded;
  const near = nearEnabled(config.dedup);
  let index = 0;
  let done = 0;
  let skipped = 0;
  for (const entry of plan.sources) {
    const gate = run.gates.find((g) => g.source.id === entry.id)!;
    if (gate.status === 'excluded') {
      run.log(`source ${entry.id}: excluded by license policy (${gate.decision?.reason}: ${gate.decision?.detail}); not read`);
      continue;
    }
    const settings: RecordSettings = {
      source: gate.source,
      sourceDecision: gate.decision,
      policy: run.policy,
      quality: config.quality,
      dedup: config.dedup,
      near,
    };
    for (const part of entry.partitions) {
      const mine = index++ % opts.task.count === opts.task.index;
      if (!mine) continue;
      if (existsSync(run.layout.partitionStatsFile(entry.id, part))) {
        skipped++;
        continue;
      }
      await ingestPartition(run, settings, { id: part }, opts);
      done++;
    }
  }
  return { partitions: done, skipped };
}

async function ingestPartition(run: RunContext, settings: RecordSettings, part: Partition, opts: IngestOptions): Promise<PartitionStats> {
  const src = settings.source;
  const stats = emptyPartitionStats(src.id, part.id);
  const staging = new ParquetRowWriter(run.layout.stagingFile(src.id, part.id), STAGING_COLUMNS, { rowGroupRows: 1000 });
  const rejects = new ParquetRowWriter(run.layout.rejectsFile(src.id, part.id), REJECT_COLUMNS, { rowGroupRows: 5000 });
  const onReject = (r: Reject) => {
    stats.records++;
    addCount(stats.rejected, r.reason);
    addCount(stats.rejectedByStage, r.stage);
    rejects.add({ ...r });
  };
  const onDoc = (d: Doc) => {
    stats.records++;
    stats.staged++;
    stats.stagedTokens += d.tokens;
    staging.add(stagingRow(d));
  };
  const processBatch = opts.processBatch ?? sequentialBatch;
  const batchSize = opts.batchSize ?? 64;
  try {
    const env = sourceEnv(run, onReject);
    let batch: RawRecord[] = [];
    const flush = async () => {
      const outcomes = await processBatch(batch, settings);
      for (const o of outcomes) (o.kind === 'doc' ? onDoc(o.doc) : onReject(o.reject));
      batch = [];
    };
    for await (const rec of readerFor(src).read(src, part, env)) {
      stats.bytes += rec.bytes;
      batch.push(rec);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length) await flush();
    staging.close();
    rejects.close();
  } catch (e) {
    staging.abort();
    rejects.abort();
    throw e;
  }
  const out = { ...stats, rejected: sortedCounts(stats.rejected), rejectedByStage: sortedCounts(stats.rejectedByStage) };
  writeFileAtomic(run.layout.partitionStatsFile(src.id, part.id), `${JSON.stringify(out, null, 2)}\n`);
  run.log(`ingest ${src.id}/${part.id}: ${stats.records} records, ${stats.staged} kept, ${stats.records - stats.staged} rejected`);
  return out;
}

export function stagingRow(d: Doc): Record<string, unknown> {
  return {
    id: d.id,
    source: d.source,
    url: d.url,
    text: d.text,
    title: d.title,
    content_type: d.contentType,
    programming_language: d.programmingLanguage,
    license: d.license,
    license_evidence: d.licenseEvidence,
    license_rule: d.licenseRule,
    domain: d.domain,
    domain_confidence: d.domainConfidence,
    lang: d.lang,
    lang_score: d.langScore,
    quality: d.quality,
    signals: d.signals,
    tokens: d.tokens,
    chars: d.text.length,
    text_bytes: Buffer.byteLength(d.text),
    exact_hash: d.exactHash,
    minhash: d.minhash ? new Uint8Array(d.minhash.buffer, d.minhash.byteOffset, d.minhash.byteLength) : null,
    date: d.date,
    bytes: d.bytes,
  };
}

export function readIngestPlan(run: RunContext): IngestPlan {
  return JSON.parse(readFileSync(run.layout.ingestPlanFile, 'utf8')) as IngestPlan;
}

/** Whether near-duplicate detection is configured (signatures are computed in phase 1 only then). */
export function nearEnabled(dedup: unknown): boolean {
  const d = dedup as { near?: { enabled?: boolean } | boolean; minhash?: { enabled?: boolean } };
  if (typeof d.near === 'boolean') return d.near;
  return d.near?.enabled ?? d.minhash?.enabled ?? true;
}
