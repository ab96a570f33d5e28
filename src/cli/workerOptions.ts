import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { RawRecord } from '../core/doc.js';
import type { RecordOutcome, RecordSettings } from '../pipeline/processRecord.js';
import { UsageError } from './taskOptions.js';

export function addWorkerOption(cmd: Command): Command {
  return cmd.option('-w, --workers <n>', 'worker threads for extraction and scoring (default: ingest.workers in the config, else the number of cores; 1 = in-process)');
}

export interface WorkerSetup {
  workers: number;
  processBatch?: (records: RawRecord[], settings: RecordSettings) => Promise<RecordOutcome[]>;
  close(): Promise<void>;
}

/**
 * Parses --workers (else the config's ingest.workers, else the machine's cores); more than one
 * worker runs records through a thread pool with ordered results.
 */
export async function workerOptionsFrom(opts: { workers?: string }, configWorkers?: number): Promise<WorkerSetup> {
  const workers = opts.workers === undefined ? (configWorkers ?? availableParallelism()) : Number(opts.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers: expected a positive integer, got ${opts.workers}`);
  if (workers === 1) return { workers, close: async () => {} };
  const { createRecordPool } = await import('../pipeline/recordPool.js');
  const pool = createRecordPool(workers);
  return { workers, processBatch: pool.processBatch, close: pool.close };
}
