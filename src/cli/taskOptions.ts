import type { Command } from 'commander';
import type { TaskSpec } from '../pipeline/taskSpec.js';

/** Adds --task-index/--task-count to a phase command. */
export function addTaskOptions(cmd: Command): Command {
  return cmd
    .option('--task-index <i>', 'this task\'s index, 0-based (default: from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or CURATE_TASK_INDEX, else 0)')
    .option('--task-count <n>', 'number of tasks of this phase (default: from SLURM_ARRAY_TASK_COUNT or CURATE_TASK_COUNT, else 1)');
}

/**
 * The task of this process: flags first, then the job runner's environment (Slurm job arrays,
 * Kubernetes Indexed Jobs), else a single task.
 */
export function taskFrom(opts: { taskIndex?: string; taskCount?: string }, env: NodeJS.ProcessEnv = process.env): TaskSpec {
  const pick = (...vals: (string | undefined)[]) => vals.find((v) => v !== undefined && v !== '');
  const minId = Number(pick(env.SLURM_ARRAY_TASK_MIN) ?? 0);
  const slurmIndex = env.SLURM_ARRAY_TASK_ID !== undefined ? String(Number(env.SLURM_ARRAY_TASK_ID) - minId) : undefined;
  const index = Number(pick(opts.taskIndex, slurmIndex, env.JOB_COMPLETION_INDEX, env.CURATE_TASK_INDEX) ?? 0);
  const count = Number(pick(opts.taskCount, env.SLURM_ARRAY_TASK_COUNT, env.CURATE_TASK_COUNT) ?? 1);
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`--task-count: expected a positive integer, got ${count}`);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new UsageError(`--task-index: expected an integer from 0 to ${count - 1}, got ${index}`);
  return { index, count };
}

/** A wrong flag: exit code 2 with a one-line message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
