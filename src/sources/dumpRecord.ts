import type { RawRecord } from '../core/doc.js';
import type { JsonlSourceConfig, ParquetSourceConfig } from '../config/sourceSchema.js';
import { recordLicenseValue } from '../license/recordLicense.js';
import type { SourceEnv } from './sourceReader.js';
import { withoutUserinfo } from './urlUserinfo.js';

type DumpConfig = JsonlSourceConfig | ParquetSourceConfig;

/** A field value as a string key/url/license: strings as they are, numbers and bigints printed. */
function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

/**
 * Maps one dump row (a parsed JSON line or a Parquet row) to a RawRecord using the source's
 * field mapping, or rejects it (`source.<kind>.missing_text`) and returns undefined.
 * `where` is `<file>:<line>` (or row) and keys the record when there is no id field.
 */
export function dumpRowToRecord(src: DumpConfig, row: Record<string, unknown>, where: string, env: SourceEnv, seenIds?: Map<string, string>): RawRecord | undefined {
  const id = src.id_field ? asString(row[src.id_field]) : undefined;
  const key = id !== undefined && id !== '' ? id : where;
  const url = withoutUserinfo((src.url_field ? asString(row[src.url_field]) : undefined) ?? '');
  if (seenIds && key !== where) {
    // Two records under one id would be one document twice: the first one keeps it.
    const first = seenIds.get(key);
    if (first !== undefined) {
      env.ctx.reject({ source: src.id, key: where, url }, `source.${src.kind}.duplicate_id`, `${where}: ${src.id_field} ${JSON.stringify(key).slice(0, 80)} already used at ${first}`, 'source');
      return undefined;
    }
    seenIds.set(key, where);
    env.locate?.(key, where);
  }
  const text = row[src.text_field];
  if (typeof text !== 'string' || text.length === 0) {
    const why = text === undefined || text === null ? `no "${src.text_field}" field` : typeof text !== 'string' ? `"${src.text_field}" is a ${Array.isArray(text) ? 'list' : typeof text}, not a string` : `"${src.text_field}" is empty`;
    env.ctx.reject({ source: src.id, key, url }, `source.${src.kind}.missing_text`, `${where}: ${why}`, 'source');
    return undefined;
  }
  const bytes = Buffer.byteLength(text);
  if (bytes > src.max_record_bytes) {
    env.ctx.reject({ source: src.id, key, url }, 'source.too_large', `${where}: "${src.text_field}" is ${bytes} bytes > max_record_bytes ${src.max_record_bytes}`, 'source');
    return undefined;
  }
  const rec: RawRecord = { source: src.id, key, url, body: text, contentType: src.content_type, bytes };
  if (src.license_field) rec.recordLicense = recordLicenseValue(row[src.license_field]);
  if (src.date_field) {
    const d = row[src.date_field];
    const t = d instanceof Date ? d.getTime() : typeof d === 'string' || typeof d === 'number' ? Date.parse(String(d)) : NaN;
    if (!Number.isNaN(t)) rec.date = new Date(t).toISOString();
  }
  return rec;
}
