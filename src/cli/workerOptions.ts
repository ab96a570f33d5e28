import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { UsageError } from './taskOptions.js';

export function addWorkerOption(cmd: Command): Command {
  return cmd.option('-w, --workers <n>', 'worker threads for extraction and scoring (default: ingest.workers in the config, else the number of cores; 1 = in-process)');
}

/** Parses --workers (else the config's ingest.workers, else the machine's cores). */
export function workerCountFrom(opts: { workers?: string }, configWorkers?: number): number {
  const workers = opts.workers === undefined ? (configWorkers ?? availableParallelism()) : Number(opts.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers: expected a positive integer, got ${opts.workers}`);
  return workers;
}
