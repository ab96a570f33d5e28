import { scanPii } from '../../src/pii/scanPii.js';
import type { PiiType } from '../../src/pii/piiTypes.js';

/** The values found in `text`, as "type:value". */
export function found(text: string, types?: PiiType[]): string[] {
  return scanPii(text, types ? { types } : {}).map((s) => `${s.type}:${text.slice(s.start, s.end)}`);
}
