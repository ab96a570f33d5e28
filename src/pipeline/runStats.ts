import type { DecontamReport } from '../decontam/overlapReport.js';
import type { PiiRunStats } from '../pii/piiRunStats.js';

/**
 * stats.json: per source and stage, how many records went where. For every source:
 * records = rejected + staged, and staged = dedup_removed + unsampled + license_excluded_at_write + in_shards.
 */
export interface SourceFunnel {
  status: string;
  records: number;
  bytes: number;
  rejected: number;
  rejected_by_stage: Record<string, number>;
  rejected_by_reason: Record<string, number>;
  staged: number;
  staged_tokens: number;
  dedup_removed: { exact: number; near: number };
  unsampled: number;
  license_excluded_at_write: number;
  in_shards: number;
  rows_in_shards: number;
  tokens_in_shards: number;
  /**
   * What the reader saw that is not a document and so is outside the funnel above (WARC request,
   * warcinfo and metadata records, vendored folders), by kind.
   */
  not_documents: Record<string, number>;
}

export interface RunStats {
  schema_version: number;
  sources: Record<string, SourceFunnel>;
  totals: Omit<SourceFunnel, 'status'>;
  dedup: { docs: number; clusters: number; removed_exact: number; removed_near: number; alarms: unknown[]; stats: Record<string, number> };
  /** Per reason code, over all sources. */
  rejected_by_reason: Record<string, number>;
  /** The overlap report, when `decontaminate:` is configured (docs/decontamination.md). */
  decontamination?: DecontamReport;
  /** What the PII stage found and did, per source (src/pii/piiRunStats.ts). */
  pii?: PiiRunStats;
}
