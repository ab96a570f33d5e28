import type { Command } from 'commander';
import { finalizeRun } from './finalizeRun.js';
import { failOnEmptyOutput } from './emptyOutput.js';
import { withRunLock } from './lockedRun.js';
import { openRun } from './openRun.js';

export function registerFinalizeCommand(program: Command): void {
  program
    .command('finalize')
    .description('merge the phases\' outputs into stats.json, manifest.json, MANIFEST.md, ATTRIBUTION.md and report.html')
    .argument('<config>', 'mix config (YAML)')
    .option('-q, --quiet', 'no progress lines')
    .action(async (config: string, opts) => {
      const run = await openRun(config, opts);
      const { manifest } = await withRunLock(run, 'finalize', undefined, () => finalizeRun(run));
      run.log(`finalize: wrote ${run.layout.manifestFile}`);
      failOnEmptyOutput('finalize', manifest);
    });
}
