import { createProgress, type Progress, type ProgressOptions } from '../sources/progress.js';
import type { RunContext } from './runContext.js';

const SILENT: Progress = { tick() {}, error() {}, advance() {}, stop() {} };

/** The progress display of one phase step, or a silent one when the run shows no progress (--quiet, tests). */
export function phaseProgress(run: RunContext, opts: ProgressOptions): Progress {
  return run.showProgress ? createProgress(opts) : SILENT;
}
