/** The `pii` part of stats.json and manifest.json: what the PII stage found per source, and what it did. */
export interface PiiRunStats {
  enabled: boolean;
  /** Default action, and the types with another one. */
  action: string;
  actions: Record<string, string>;
  types: string[];
  sources: Record<string, PiiSourceStats>;
  totals: PiiSourceStats;
}

export interface PiiSourceStats {
  /** Staged documents with at least one finding (replaced or tagged). */
  documents: number;
  /** Findings per type in the staged documents. */
  found: Record<string, number>;
  /** Documents rejected by a `reject` action, per type. */
  rejected: Record<string, number>;
}
