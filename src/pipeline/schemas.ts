import type { ColumnSpec } from '../io/parquetFile.js';

/**
 * The declared Parquet schemas of the files a run writes. Shards are the product; staging keeps
 * every signal phase 1 measured so later phases decide without re-reading sources.
 */

/** Final training shards. */
export const SHARD_COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'STRING', unique: true },
  { name: 'doc_id', type: 'STRING', unique: true },
  { name: 'epoch', type: 'INT32' },
  { name: 'text', type: 'STRING', unique: true },
  { name: 'title', type: 'STRING' },
  { name: 'domain', type: 'STRING' },
  { name: 'domain_confidence', type: 'DOUBLE' },
  { name: 'source', type: 'STRING' },
  { name: 'url', type: 'STRING', unique: true },
  { name: 'license', type: 'STRING' },
  { name: 'license_rule', type: 'STRING' },
  { name: 'lang', type: 'STRING' },
  { name: 'lang_score', type: 'DOUBLE' },
  { name: 'quality', type: 'DOUBLE' },
  { name: 'quality_model', type: 'DOUBLE', nullable: true },
  { name: 'tokens', type: 'INT32' },
  { name: 'content_type', type: 'STRING' },
  { name: 'programming_language', type: 'STRING' },
  { name: 'date', type: 'STRING' },
  { name: 'signals', type: 'JSON', unique: true },
  // Provenance (docs/parquet.md): how the license was established, the source's version, the upstream location.
  { name: 'license_evidence', type: 'JSON' },
  { name: 'source_version', type: 'STRING' },
  { name: 'upstream_url', type: 'STRING', unique: true },
  /** PII spans [{type, start, end}] in `text` (null when none, or `pii.column: false`). */
  { name: 'pii', type: 'JSON', nullable: true },
];

/** Phase 1 output: kept documents with their signals, hashes and MinHash signature. */
export const STAGING_COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'STRING', unique: true },
  { name: 'source', type: 'STRING' },
  { name: 'url', type: 'STRING', unique: true },
  { name: 'text', type: 'STRING', unique: true },
  { name: 'title', type: 'STRING' },
  { name: 'content_type', type: 'STRING' },
  { name: 'programming_language', type: 'STRING' },
  { name: 'license', type: 'STRING' },
  { name: 'license_evidence', type: 'JSON' },
  { name: 'license_rule', type: 'STRING' },
  { name: 'domain', type: 'STRING' },
  { name: 'domain_confidence', type: 'DOUBLE' },
  { name: 'lang', type: 'STRING' },
  { name: 'lang_score', type: 'DOUBLE' },
  { name: 'quality', type: 'DOUBLE' },
  { name: 'quality_model', type: 'DOUBLE', nullable: true },
  { name: 'signals', type: 'JSON', unique: true },
  { name: 'tokens', type: 'INT32' },
  { name: 'chars', type: 'INT32' },
  { name: 'text_bytes', type: 'INT32' },
  { name: 'exact_hash', type: 'STRING', unique: true },
  { name: 'minhash', type: 'BYTE_ARRAY', nullable: true, unique: true },
  { name: 'date', type: 'STRING' },
  /** The version the reader found for the record ('' when none; the config's `version` wins in shards). */
  { name: 'source_version', type: 'STRING' },
  { name: 'bytes', type: 'INT32' },
  /** PII spans replaced or tagged in `text` (null when none). */
  { name: 'pii', type: 'JSON', nullable: true },
];

/** Every dropped record, with the rule that dropped it. */
export const REJECT_COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'STRING', unique: true },
  { name: 'source', type: 'STRING' },
  { name: 'url', type: 'STRING', unique: true },
  { name: 'reason', type: 'STRING' },
  { name: 'detail', type: 'STRING' },
  { name: 'stage', type: 'STRING' },
  { name: 'text_head', type: 'STRING' },
];

/** Phase 2 output: one row per staged document. */
export const CLUSTER_COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'STRING', unique: true },
  { name: 'source', type: 'STRING' },
  { name: 'cluster', type: 'STRING' },
  { name: 'survivor', type: 'BOOLEAN' },
  { name: 'survivor_id', type: 'STRING' },
  { name: 'similarity', type: 'DOUBLE' },
  { name: 'kind', type: 'STRING' },
];

export const SHARD_SCHEMA_VERSION = '1';
