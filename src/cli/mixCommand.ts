import type { Command } from 'commander';
import { runMix } from '../pipeline/mixPhase.js';
import { withRunLock } from './lockedRun.js';
import { openRun } from './openRun.js';
import { addTaskOptions, taskFrom } from './taskOptions.js';

export function registerMixCommand(program: Command): void {
  const cmd = program
    .command('mix')
    .description('phase 3: token budgets per domain, seeded sampling, domain-balanced shards — re-mixes from staging without ingesting again')
    .argument('<config>', 'mix config (YAML)')
    .option('-q, --quiet', 'no progress lines');
  addTaskOptions(cmd).action(async (config: string, opts) => {
    const run = await openRun(config, opts);
    const task = taskFrom(opts);
    await withRunLock(run, 'mix', task, () => runMix(run, task));
  });
}
