import { lockFileName, withOutputLock } from '../pipeline/outputLock.js';
import { removeDeadTempFiles, requireOwnOutput } from '../pipeline/outputOwnership.js';
import type { RunContext } from '../pipeline/runContext.js';
import type { TaskSpec } from '../pipeline/taskSpec.js';

/**
 * Runs a phase command holding its output folder: the lock (one run per output; scale-out tasks
 * of a phase side by side), the check that the output belongs to this config, and, for a whole
 * run, the removal of temporary files a killed run left (their naming proves they are ours).
 */
export async function withRunLock<T>(run: RunContext, phase: string, task: TaskSpec | undefined, f: () => Promise<T>): Promise<T> {
  const name = lockFileName(phase, task);
  const command = `curate ${phase} ${run.loaded.file}${task && task.count > 1 ? ` --task-index ${task.index} --task-count ${task.count}` : ''}`;
  return withOutputLock(run.layout.outDir, name, command, run.log, async () => {
    requireOwnOutput(run);
    if (name === lockFileName(phase)) removeDeadTempFiles(run.layout.outDir, run.log);
    return f();
  });
}
