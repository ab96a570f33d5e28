import type { RawRecord } from '../core/doc.js';
import { isPdfRecord, preExtract } from '../extract/preExtract.js';
import { processRecord, type RecordOutcome, type RecordSettings } from './processRecord.js';

/**
 * A batch of records through phase 1, in order, on the thread that runs it (a worker thread or
 * the main thread's share): PDFs are converted to text first (pdfjs is asynchronous; the outcome
 * depends only on the bytes, with caps on bytes and pages), then each record goes through the
 * synchronous per-record stage. So PDF conversion runs where the other extraction runs, spread
 * over the worker pool, instead of on the ingest thread that reads the input.
 */
export async function processRecordBatch(records: RawRecord[], settings: RecordSettings): Promise<RecordOutcome[]> {
  const out: RecordOutcome[] = [];
  for (const r of records) out.push(processRecord(isPdfRecord(r) ? await preExtract(r) : r, settings));
  return out;
}
