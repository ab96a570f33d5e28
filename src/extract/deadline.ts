/**
 * The extraction budget. What decides the output is deterministic: work counted in steps (one
 * per node visited by a tree walk, one per PARSE_CHARS_PER_STEP characters parsed), at most
 * STEPS_PER_CHAR per input character plus a base, so the same page gives the same outcome on an
 * idle or a loaded machine (`extract.too_complex` when it is spent). A wall-clock guard remains,
 * only against hangs: passing it throws ExtractionHang, which extraction never turns into a
 * reject — the run fails loudly instead (a hang is a bug to fix, not a document to drop).
 * Extraction runs inside worker threads where a timer cannot interrupt it, so the long loops
 * poll `checkDeadline` / `tickDeadline`.
 */

export interface Deadline {
  /** Steps spent so far. */
  steps: number;
  /** Steps allowed (deterministic: from the input's length). */
  maxSteps: number;
  /** performance.now() value after which the work is considered hung. */
  hangAt: number;
  /** The hang guard, for messages. */
  hangMs: number;
  /** Counter so that per-node call sites only check every few hundred calls. */
  ticks: number;
}

/** Steps per input character: the 500 eval pages use at most 0.11 (measured), so 2 only stops pathological work. */
export const STEPS_PER_CHAR = 2;
/** Steps every input gets, whatever its size. */
export const BASE_STEPS = 2_000_000;
/** Characters of parsing that count as one step. */
export const PARSE_CHARS_PER_STEP = 16;

/** The deterministic budget was spent: the page is too complex for its size (a reject). */
export class DeadlineError extends Error {
  constructor(
    public readonly phase: string,
    public readonly maxSteps: number,
  ) {
    super(`extraction needed more than its ${maxSteps} steps (${STEPS_PER_CHAR} per character + ${BASE_STEPS}) while ${phase}`);
    this.name = 'DeadlineError';
  }
}

/** The wall-clock hang guard passed: never a reject, the caller fails loudly. */
export class ExtractionHang extends Error {
  constructor(
    public readonly phase: string,
    public readonly hangMs: number,
  ) {
    super(`extraction still running after ${hangMs} ms while ${phase}: a hang, not a slow page; report it with the input (the run stops rather than drop a document because of the machine's load)`);
    this.name = 'ExtractionHang';
  }
}

/** A budget for an input of `chars` characters, with a hang guard of `hangMs`. */
export function deadlineIn(hangMs: number, chars = 0): Deadline {
  return { steps: 0, maxSteps: BASE_STEPS + STEPS_PER_CHAR * chars, hangAt: performance.now() + hangMs, hangMs, ticks: 0 };
}

/** Adds `work` steps; throws DeadlineError when the budget is spent, ExtractionHang past the guard. */
export function checkDeadline(d: Deadline, phase: string, work = 0): void {
  d.steps += work;
  if (d.steps > d.maxSteps) throw new DeadlineError(phase, d.maxSteps);
  if (performance.now() > d.hangAt) throw new ExtractionHang(phase, d.hangMs);
}

/** One step (a node visited); checks the budget every 256 calls. */
export function tickDeadline(d: Deadline | undefined, phase: string): void {
  if (!d) return;
  d.steps++;
  if ((++d.ticks & 255) === 0) checkDeadline(d, phase);
}
