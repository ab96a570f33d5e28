import type { Command } from 'commander';
import { runIngest } from '../pipeline/ingestPhase.js';
import { workerCountFrom, addWorkerOption } from './workerOptions.js';
import { withRunLock } from './lockedRun.js';
import { openRun } from './openRun.js';
import { addTaskOptions, taskFrom } from './taskOptions.js';

export function registerIngestCommand(program: Command): void {
  const cmd = program
    .command('ingest')
    .description('phase 1: read sources, gate licenses, extract, annotate, filter → staging/ and rejects/ (resumable per partition)')
    .argument('<config>', 'mix config (YAML)')
    .option('-q, --quiet', 'no progress lines');
  addWorkerOption(addTaskOptions(cmd)).action(async (config: string, opts) => {
    const run = await openRun(config, opts);
    const task = taskFrom(opts);
    await withRunLock(run, 'ingest', task, async () => {
      const workers = workerCountFrom(opts, run.loaded.config.ingest.workers);
      const r = await runIngest(run, { task, workers, progress: !opts.quiet });
      run.log(`ingest task ${task.index}/${task.count}: ${r.partitions} partition(s) processed, ${r.skipped} already done`);
    });
  });
}
