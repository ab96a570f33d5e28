import type { DecontamHit } from '../decontam/decontaminate.js';

/** Counts for one input partition; merged per source into stats.json. Written last, it marks the partition done. */
export interface PartitionStats {
  source: string;
  partition: string;
  /** Records the reader produced or rejected (every input record counts once). */
  records: number;
  bytes: number;
  /** Rejected records by reason code. */
  rejected: Record<string, number>;
  /** Rejected records by stage (source, license, extract, quality). */
  rejectedByStage: Record<string, number>;
  staged: number;
  stagedTokens: number;
  /** What the reader saw that is not a document (partition-level stats only): WARC request/warcinfo records, … */
  notDocuments?: Record<string, number>;
  /** PII findings in the staged documents, by type (absent when none). */
  pii?: Record<string, number>;
  /** Staged documents with at least one PII finding. */
  piiDocs?: number;
  /** Checkpoint chunks the partition was committed in (partition-level stats only). */
  chunks?: number;
  /** Documents the decontamination stage found evaluation text in, in input order (absent when none). */
  decontam?: DecontamHit[];
}

export function emptyPartitionStats(source: string, partition: string): PartitionStats {
  return { source, partition, records: 0, bytes: 0, rejected: {}, rejectedByStage: {}, staged: 0, stagedTokens: 0 };
}

export function addCount(m: Record<string, number>, key: string, n = 1): void {
  m[key] = (m[key] ?? 0) + n;
}

/** Sorted keys so the JSON we write is byte-stable. */
export function sortedCounts(m: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Adds the counts of `b` into `a`. */
export function mergePartitionStats(a: PartitionStats, b: PartitionStats): void {
  a.records += b.records;
  a.bytes += b.bytes;
  a.staged += b.staged;
  a.stagedTokens += b.stagedTokens;
  for (const [k, v] of Object.entries(b.rejected)) addCount(a.rejected, k, v);
  for (const [k, v] of Object.entries(b.rejectedByStage)) addCount(a.rejectedByStage, k, v);
  if (b.decontam) (a.decontam ??= []).push(...b.decontam);
  if (b.pii) for (const [k, v] of Object.entries(b.pii)) addCount((a.pii ??= {}), k, v);
  if (b.piiDocs) a.piiDocs = (a.piiDocs ?? 0) + b.piiDocs;
}
