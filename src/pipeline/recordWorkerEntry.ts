import type { RawRecord } from '../core/doc.js';
import type { RecordOutcome, RecordSettings } from './processRecord.js';
import { processRecordBatch } from './processRecordBatch.js';

/** What a worker thread runs: one batch of records through phase 1 (PDF conversion included), in order. */
export default function processBatchInWorker({ records, settings }: { records: RawRecord[]; settings: RecordSettings }): Promise<RecordOutcome[]> {
  return processRecordBatch(records, settings);
}
