import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { runDedup } from '../pipeline/dedupPhase.js';
import { finalizeRun } from './finalizeRun.js';
import { runIngest } from '../pipeline/ingestPhase.js';
import { runMix } from '../pipeline/mixPhase.js';
import { SINGLE_TASK } from '../pipeline/taskSpec.js';
import type { RunContext } from '../pipeline/runContext.js';
import { failOnEmptyOutput } from './emptyOutput.js';
import { withRunLock } from './lockedRun.js';
import { openRun } from './openRun.js';
import { printDryRun } from './dryRun.js';
import { addWorkerOption, workerCountFrom } from './workerOptions.js';

export function registerRunCommand(program: Command): void {
  const cmd = program
    .command('run')
    .description('run all phases: ingest → dedup → mix → finalize (resumes a killed run where it stopped)')
    .argument('<config>', 'mix config (YAML)')
    .option('-q, --quiet', 'no progress lines')
    .option('--dry-run', 'validate the config, resolve sources and licenses, list inputs and print the mix budgets; write nothing');
  addWorkerOption(cmd).action(async (config: string, opts) => {
    const run = await openRun(config, opts);
    // Before the lock: a dry run must not create the output folder.
    if (opts.dryRun) return printDryRun(run);
    await withRunLock(run, 'run', undefined, () => runAll(run, opts));
  });
}

async function runAll(run: RunContext, opts: { quiet?: boolean; workers?: string }): Promise<void> {
  const started = Date.now();
  const workers = workerCountFrom(opts, run.loaded.config.ingest.workers);
  const timings: Record<string, number> = {};
  const timed = async <T>(phase: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      timings[phase] = (performance.now() - t0) / 1000;
    }
  };
  await timed('ingest', () => runIngest(run, { task: SINGLE_TASK, workers, progress: !opts.quiet }));
  await timed('dedup', () => runDedup(run));
  await timed('mix', () => runMix(run, SINGLE_TASK));
  const { manifest, stats } = await timed('finalize', () => finalizeRun(run));
  // Phase timings for `npm run bench` (and anyone profiling a run).
  if (process.env.CURATE_TIMINGS) writeFileSync(process.env.CURATE_TIMINGS, `${JSON.stringify(timings)}\n`);
  const rel = (p: string) => relative(process.cwd(), p) || '.';
  const t = stats.totals;
  process.stdout.write(
    [
      `curate run ${run.loaded.config.name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `  records ${t.records} → rejected ${t.rejected}, duplicates ${t.dedup_removed.exact + t.dedup_removed.near}, unsampled ${t.unsampled}, in shards ${t.in_shards} docs (${t.rows_in_shards} rows, ${t.tokens_in_shards} tokens)`,
      `  shards    ${rel(run.layout.shardsDir)}/ (${manifest.shards.length} files)`,
      `  manifest  ${rel(run.layout.manifestFile)}  (${rel(run.layout.manifestMarkdownFile)}, ${rel(run.layout.attributionFile)})`,
      `  stats     ${rel(run.layout.statsFile)}`,
      `  report    ${rel(run.layout.reportFile)}`,
      `  rejects   ${rel(run.layout.rejectsDir)}/`,
      ...(manifest.excluded.sources.length ? [`  excluded  ${manifest.excluded.sources.map((s) => `${s.id} (${s.reason})`).join(', ')}`] : []),
      ...manifest.mix.warnings.map((w) => `  warning   ${w}`),
      '',
    ].join('\n'),
  );
  failOnEmptyOutput('run', manifest);
}
