import { Piscina } from 'piscina';
import type { RawRecord } from '../core/doc.js';
import type { RecordOutcome, RecordSettings } from './processRecord.js';

/**
 * A piscina pool running processRecord over batches in worker threads. Results come back in
 * input order (each batch is awaited in sequence), so outputs do not depend on the worker count.
 */
export function createRecordPool(workers: number): {
  processBatch: (records: RawRecord[], settings: RecordSettings) => Promise<RecordOutcome[]>;
  close: () => Promise<void>;
} {
  const pool = new Piscina({
    // Compiled build: the entry sits next to this file; from sources: a tsx bootstrap in bin/.
    filename: import.meta.url.endsWith('.js') ? new URL('./recordWorkerEntry.js', import.meta.url).href : new URL('../../bin/recordWorker.mjs', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
  });
  return {
    processBatch: async (records, settings) => {
      // Split the batch so every worker gets a share; reassemble in order.
      const chunk = Math.max(1, Math.ceil(records.length / workers));
      const parts: Promise<RecordOutcome[]>[] = [];
      for (let i = 0; i < records.length; i += chunk) {
        parts.push(pool.run({ records: records.slice(i, i + chunk).map(compactBody), settings }) as Promise<RecordOutcome[]>);
      }
      return (await Promise.all(parts)).flat();
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
