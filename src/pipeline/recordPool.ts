import { Piscina } from 'piscina';
import type { RawRecord } from '../core/doc.js';
import type { RecordOutcome, RecordSettings } from './processRecord.js';

/**
 * How much of a batch the main thread processes itself, relative to one worker thread: it also
 * reads and decompresses the input and writes staging (~15 % of a core), so it takes a little
 * less than a thread's share.
 */
const MAIN_THREAD_WEIGHT = 0.7;

/**
 * `workers` processing threads for phase 1: the main thread and `workers - 1` piscina worker
 * threads. Each batch is split between them by weight and reassembled in input order, so
 * outputs do not depend on the worker count.
 *
 * Why the main thread works too: every thread pays a fixed start-up (loading the modules and
 * their tables, V8 optimising the hot code again, its own token-count cache filling up). With a
 * pool of `workers` threads beside an idle-ish main thread, a 2-worker run spent ~35 % more CPU
 * than the in-process run and reached 1.01–1.31× against a machine ceiling of 1.22–1.70×
 * (docs/performance.md); one thread fewer removes one of those start-ups.
 */
export function createRecordPool(workers: number): {
  processBatch: (records: RawRecord[], settings: RecordSettings) => Promise<RecordOutcome[]>;
  close: () => Promise<void>;
} {
  const threads = Math.max(1, workers - 1);
  const pool = new Piscina({
    // Compiled build: the entry sits next to this file; from sources: a tsx bootstrap in bin/.
    filename: import.meta.url.endsWith('.js') ? new URL('./recordWorkerEntry.js', import.meta.url).href : new URL('../../bin/recordWorker.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  // Loaded on first use, in parallel with the worker threads' own start-up.
  let local: Promise<typeof import('./processRecordBatch.js')> | undefined;
  const mainShare = MAIN_THREAD_WEIGHT / (MAIN_THREAD_WEIGHT + threads);
  return {
    processBatch: async (records, settings) => {
      const mine = workers > 1 ? Math.floor(records.length * mainShare) : 0;
      // The threads' shares go out first, so they work while the main thread does its own.
      const rest = records.length - mine;
      const chunk = Math.max(1, Math.ceil(rest / threads));
      const parts: Promise<RecordOutcome[]>[] = [];
      for (let i = mine; i < records.length; i += chunk) {
        parts.push(pool.run({ records: records.slice(i, i + chunk).map(compactBody), settings }) as Promise<RecordOutcome[]>);
      }
      let own: RecordOutcome[] = [];
      if (mine > 0) {
        const { processRecordBatch } = await (local ??= import('./processRecordBatch.js'));
        own = await processRecordBatch(records.slice(0, mine), settings);
      }
      return own.concat(...(await Promise.all(parts)));
    },
    close: () => pool.destroy(),
  };
}

/**
 * Structured cloning a typed-array view copies its whole underlying buffer; readers hand out
 * views into large read buffers, so copy each body to its own buffer before it crosses threads.
 */
function compactBody(r: RawRecord): RawRecord {
  const b = r.body;
  if (typeof b === 'string' || (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)) return r;
  return { ...r, body: b.slice() };
}
