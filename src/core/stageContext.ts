import type { RawRecord } from './doc.js';

/**
 * What a stage receives besides its documents. A stage that drops something calls `reject`;
 * nothing disappears silently.
 */
export interface StageContext {
  reject(rec: Pick<RawRecord, 'source' | 'key' | 'url'> & { id?: string }, reason: string, detail: string, stage: string): void;
  /** Logs a warning for the operator (not a reject). */
  warn(message: string): void;
  /** Aborts long fetches and loops when the run is cancelled. */
  signal?: AbortSignal;
}
