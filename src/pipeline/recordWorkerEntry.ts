import type { RawRecord } from '../core/doc.js';
import { processRecord, type RecordOutcome, type RecordSettings } from './processRecord.js';

/** What a worker thread runs: one batch of records through phase 1, in order. */
export default function processBatchInWorker({ records, settings }: { records: RawRecord[]; settings: RecordSettings }): RecordOutcome[] {
  return records.map((r) => processRecord(r, settings));
}
