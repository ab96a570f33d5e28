import type { Command } from 'commander';
import { loadConfig } from '../config/loadConfig.js';
import { PHASES, phaseResources, type Phase } from '../pipeline/phaseResources.js';
import { UsageError } from './taskOptions.js';

/** Prints what each phase's tasks should ask a scheduler for; deploy/slurm/submit.sh reads it. */
export function registerResourcesCommand(program: Command): void {
  program
    .command('resources')
    .description('CPUs and memory each phase\'s tasks should request from a scheduler (Slurm, Kubernetes), from the config')
    .argument('<config>', 'mix config (YAML)')
    .option('--phase <phase>', `one phase only: ${PHASES.join(', ')}`)
    .option('-w, --workers <n>', 'ingest worker threads (default: ingest.workers in the config, else 4)')
    .option('--format <format>', 'text, json, or sbatch (the flags for sbatch, one phase)', 'text')
    .action((config: string, opts: { phase?: string; workers?: string; format: string }) => {
      const loaded = loadConfig(config);
      if (opts.phase !== undefined && !(PHASES as readonly string[]).includes(opts.phase)) throw new UsageError(`--phase: expected one of ${PHASES.join(', ')}, got ${JSON.stringify(opts.phase)}`);
      const workers = opts.workers === undefined ? undefined : Number(opts.workers);
      if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) throw new UsageError(`--workers: expected a positive integer, got ${opts.workers}`);
      const phases = opts.phase ? [opts.phase as Phase] : [...PHASES];
      const res = phases.map((p) => phaseResources(loaded.config, p, workers));
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(opts.phase ? res[0] : res)}\n`);
      else if (opts.format === 'sbatch') {
        if (!opts.phase) throw new UsageError('--format sbatch: name one --phase');
        process.stdout.write(`--cpus-per-task=${res[0]!.cpus} --mem=${res[0]!.memMb}M\n`);
      } else if (opts.format === 'text') {
        for (const r of res) process.stdout.write(`${r.phase.padEnd(9)} cpus ${r.cpus}  memory ${r.memMb} MB  ${r.array ? 'array of tasks' : 'one task'}\n`);
      } else throw new UsageError(`--format: expected text, json or sbatch, got ${JSON.stringify(opts.format)}`);
    });
}
