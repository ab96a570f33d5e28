/**
 * A synchronous time budget. Extraction runs inside worker threads where a timer cannot interrupt
 * it, so the long loops (parsing, tree walks) poll `checkDeadline` and unwind with DeadlineError.
 */

export interface Deadline {
  /** performance.now() value after which work must stop. */
  at: number;
  /** The budget, for messages. */
  ms: number;
  /** Counter so that cheap call sites only read the clock every few hundred calls. */
  ticks: number;
}

export class DeadlineError extends Error {
  constructor(public readonly phase: string, public readonly budgetMs: number) {
    super(`extraction exceeded its ${budgetMs} ms budget while ${phase}`);
    this.name = 'DeadlineError';
  }
}

export function deadlineIn(ms: number): Deadline {
  return { at: performance.now() + ms, ms, ticks: 0 };
}

/** Throws DeadlineError when the budget is spent. */
export function checkDeadline(d: Deadline, phase: string): void {
  if (performance.now() > d.at) throw new DeadlineError(phase, d.ms);
}

/** Like checkDeadline but reads the clock only every 256 calls (for per-node call sites). */
export function tickDeadline(d: Deadline | undefined, phase: string): void {
  if (d && (++d.ticks & 255) === 0) checkDeadline(d, phase);
}
