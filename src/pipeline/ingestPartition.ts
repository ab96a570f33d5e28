import { existsSync, readFileSync } from 'node:fs';
import type { Doc, RawRecord, Reject } from '../core/doc.js';
import type { DecontamHit } from '../decontam/decontaminate.js';
import { writeFileAtomic } from '../io/atomicFile.js';
import { ParquetRowWriter } from '../io/parquetFile.js';
import { readerFor } from '../sources/readerFor.js';
import type { Partition } from '../sources/sourceReader.js';
import { addCount, emptyPartitionStats, mergePartitionStats, sortedCounts, type PartitionStats } from './partitionStats.js';
import type { RecordOutcome, RecordSettings } from './processRecord.js';
import type { RunContext } from './runContext.js';
import { REJECT_COLUMNS, STAGING_COLUMNS } from './schemas.js';
import { sourceEnv } from './sourceEnv.js';
import { stagingRow } from './stagingRow.js';
import { optOutOutcome } from './optOutOutcome.js';

export interface PartitionOptions {
  /** Maps records to outcomes in order; the worker pool plugs in here. */
  processBatch?: (records: RawRecord[], settings: RecordSettings) => Promise<RecordOutcome[]>;
  batchSize?: number;
  /** Batches processed concurrently (with a worker pool) while the reader continues. */
  maxInFlight?: number;
  /** Records per checkpoint chunk. */
  checkpointRecords: number;
  /** Called for progress: records and bytes read so far in this partition. */
  onProgress?: (records: number, bytes: number, rejected: boolean) => void;
}

// Loaded on first use: with a worker pool, the main thread never loads the language model.
const sequentialBatch = async (records: RawRecord[], settings: RecordSettings) => {
  const { processRecordBatch } = await import('./processRecordBatch.js');
  return processRecordBatch(records, settings);
};

/**
 * One partition of phase 1, committed in checkpoint chunks of N input records: each chunk's
 * staging, rejects and stats are written atomically, stats last. On resume, the reader replays
 * the partition (readers are deterministic) and records of completed chunks are skipped without
 * being processed again; the partition's stats file, written at the end, marks it done.
 */
export async function ingestPartition(run: RunContext, settings: RecordSettings, part: Partition, opts: PartitionOptions): Promise<PartitionStats> {
  const src = settings.source;
  const N = opts.checkpointRecords;
  const doneChunks = countDoneChunks(run, src.id, part.id);
  const skipBefore = doneChunks * N;
  const processBatch = opts.processBatch ?? sequentialBatch;
  const batchSize = opts.batchSize ?? 64;

  // Records are numbered in reader order, reader rejects included, so chunk boundaries are stable.
  let seq = 0;
  let chunk: ChunkWriter | undefined;
  const chunkFor = (index: number): ChunkWriter => {
    const c = Math.floor(index / N);
    if (!chunk || chunk.index !== c) {
      chunk?.commit();
      chunk = new ChunkWriter(run, src.id, part.id, c);
    }
    return chunk;
  };
  const pending: { index: number; rec: RawRecord }[] = [];
  // Batches in flight in the worker pool while the reader goes on; written strictly in order.
  const inflight: Promise<() => void>[] = [];
  const maxInFlight = opts.maxInFlight ?? 4;
  const writeOldest = async () => (await inflight.shift()!)();
  const flush = async () => {
    if (!pending.length) return;
    const batch = pending.splice(0, pending.length);
    const p = processBatch(batch.map((b) => b.rec), settings).then((outcomes) => () => {
      outcomes.forEach((o0, i) => {
        const o = run.optout ? optOutOutcome(run.optout, o0) : o0;
        const w = chunkFor(batch[i]!.index);
        if (o.kind === 'doc') w.addDoc(o.doc, batch[i]!.rec.bytes);
        else {
          w.addReject(o.reject, batch[i]!.rec.bytes);
          opts.onProgress?.(0, 0, true); // a processed record rejected (the read was counted already)
        }
        if (o.decontam) w.addDecontamHit(o.decontam);
      });
    });
    p.catch(() => {}); // surfaced when awaited in order; avoids an unhandled rejection meanwhile
    inflight.push(p);
    while (inflight.length > maxInFlight) await writeOldest();
  };
  const drainAll = async () => {
    await flush();
    while (inflight.length) await writeOldest();
  };
  // Reader rejects arrive between yields; queue them behind the pending batch to keep order.
  const readerRejects: { index: number; reject: Reject }[] = [];
  const env = sourceEnv(run, (r) => {
    const index = seq++;
    opts.onProgress?.(1, 0, true);
    if (index >= skipBefore) readerRejects.push({ index, reject: r });
  });
  // The reader reads the whole partition on every attempt (resume skips records, not reading), so
  // these counts are complete when the partition ends.
  const notDocuments: Record<string, number> = {};
  env.count = (name, n = 1) => addCount(notDocuments, name, n);
  const drainReaderRejects = async () => {
    if (!readerRejects.length) return;
    await drainAll();
    for (const { index, reject } of readerRejects.splice(0, readerRejects.length)) chunkFor(index).addReject(reject, 0);
  };
  try {
    for await (const raw of readerFor(src).read(src, part, env)) {
      await drainReaderRejects();
      const index = seq++;
      opts.onProgress?.(1, raw.bytes, false);
      if (index < skipBefore) continue;
      if (pending.length && Math.floor(pending[0]!.index / N) !== Math.floor(index / N)) await flush();
      // PDFs too: they are converted with the rest of the record's processing (processRecordBatch.ts).
      pending.push({ index, rec: raw });
      if (pending.length >= batchSize) await flush();
    }
    await drainReaderRejects();
    await drainAll();
    // A partition with no record at all still gets its (empty) first chunk, so it has staging.
    if (!chunk && doneChunks === 0) chunkFor(0);
    (chunk as ChunkWriter | undefined)?.commit();
  } catch (e) {
    await Promise.allSettled(inflight);
    (chunk as ChunkWriter | undefined)?.abort();
    throw e;
  }
  const chunks = Math.max(doneChunks, chunkCount(seq, N));
  const stats = emptyPartitionStats(src.id, part.id);
  for (let c = 0; c < chunks; c++) mergePartitionStats(stats, JSON.parse(readFileSync(run.layout.chunkStatsFile(src.id, part.id, c), 'utf8')) as PartitionStats);
  const out: PartitionStats = {
    ...stats,
    chunks,
    rejected: sortedCounts(stats.rejected),
    rejectedByStage: sortedCounts(stats.rejectedByStage),
    ...(stats.pii ? { pii: sortedCounts(stats.pii) } : {}),
    ...(Object.keys(notDocuments).length ? { notDocuments: sortedCounts(notDocuments) } : {}),
  };
  writeFileAtomic(run.layout.partitionStatsFile(src.id, part.id), `${JSON.stringify(out, null, 2)}\n`);
  return out;
}

function chunkCount(records: number, n: number): number {
  return Math.max(1, Math.ceil(records / n));
}

function countDoneChunks(run: RunContext, source: string, part: string): number {
  let c = 0;
  while (existsSync(run.layout.chunkStatsFile(source, part, c))) c++;
  return c;
}

/** Staging, rejects and stats of one checkpoint chunk; nothing is visible until commit(). */
class ChunkWriter {
  private readonly staging: ParquetRowWriter;
  private readonly rejects: ParquetRowWriter;
  private readonly stats: PartitionStats;

  constructor(
    private readonly run: RunContext,
    private readonly source: string,
    private readonly part: string,
    readonly index: number,
  ) {
    this.staging = new ParquetRowWriter(run.layout.stagingFile(source, part, index), STAGING_COLUMNS, { rowGroupRows: 1000 });
    this.rejects = new ParquetRowWriter(run.layout.rejectsFile(source, part, index), REJECT_COLUMNS, { rowGroupRows: 5000 });
    this.stats = emptyPartitionStats(source, part);
  }

  addDoc(d: Doc, bytes: number): void {
    this.stats.records++;
    this.stats.bytes += bytes;
    this.stats.staged++;
    this.stats.stagedTokens += d.tokens;
    if (d.pii?.length) {
      this.stats.piiDocs = (this.stats.piiDocs ?? 0) + 1;
      for (const s of d.pii) addCount((this.stats.pii ??= {}), s.type);
    }
    this.staging.add(stagingRow(d));
  }

  addReject(r: Reject, bytes: number): void {
    this.stats.records++;
    this.stats.bytes += bytes;
    addCount(this.stats.rejected, r.reason);
    addCount(this.stats.rejectedByStage, r.stage);
    this.rejects.add({ ...r, text_head: r.text_head ?? '' });
  }

  /** A document the decontamination stage found evaluation text in (whatever it then did with it). */
  addDecontamHit(h: DecontamHit): void {
    (this.stats.decontam ??= []).push(h);
  }

  commit(): void {
    this.staging.close();
    this.rejects.close();
    const out = { ...this.stats, rejected: sortedCounts(this.stats.rejected), rejectedByStage: sortedCounts(this.stats.rejectedByStage), ...(this.stats.pii ? { pii: sortedCounts(this.stats.pii) } : {}) };
    writeFileAtomic(this.run.layout.chunkStatsFile(this.source, this.part, this.index), `${JSON.stringify(out, null, 2)}\n`);
  }

  abort(): void {
    this.staging.abort();
    this.rejects.abort();
  }
}
