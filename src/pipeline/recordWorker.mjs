// Worker-thread entry for the record pool. Workers run the TypeScript sources through tsx,
// exactly like the main thread, so there is one code path whatever the worker count.
import { register } from 'tsx/esm/api';

register();
const { processRecord } = await import('./processRecord.ts');

export default function ({ records, settings }) {
  return records.map((r) => processRecord(r, settings));
}
