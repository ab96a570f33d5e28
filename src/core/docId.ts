import { createHash } from 'node:crypto';

/**
 * Stable document id: derived from the source id and the record's own key, never from run order,
 * so the same input gives the same id on any machine and at any concurrency.
 * 16 hex chars of sha256 keep ids short in Parquet while collisions stay negligible (2^-64 per pair).
 */
export function docId(source: string, key: string): string {
  return `${source}/${createHash('sha256').update(source).update('\0').update(key).digest('hex').slice(0, 16)}`;
}
