import type { PiiConfig } from '../config/piiSchema.js';
import type { PiiRunStats, PiiSourceStats } from '../pii/piiRunStats.js';
import { addCount, sortedCounts, type PartitionStats } from './partitionStats.js';

const empty = (): PiiSourceStats => ({ documents: 0, found: {}, rejected: {} });

/** Collects the PII counts of partition stats per source, then `result()` gives the sorted, deterministic section. */
export class PiiStatsCollector {
  private readonly sources: Record<string, PiiSourceStats> = {};
  constructor(private readonly cfg: PiiConfig) {}

  add(source: string, ps: PartitionStats): void {
    const s = (this.sources[source] ??= empty());
    s.documents += ps.piiDocs ?? 0;
    for (const [k, v] of Object.entries(ps.pii ?? {})) addCount(s.found, k, v);
    for (const [k, v] of Object.entries(ps.rejected)) if (k.startsWith('pii.')) addCount(s.rejected, k.slice(4), v);
  }

  result(sourceIds: string[]): PiiRunStats {
    const totals = empty();
    const sources: Record<string, PiiSourceStats> = {};
    for (const id of sourceIds) {
      const s = this.sources[id] ?? empty();
      sources[id] = { documents: s.documents, found: sortedCounts(s.found), rejected: sortedCounts(s.rejected) };
      totals.documents += s.documents;
      for (const [k, v] of Object.entries(s.found)) addCount(totals.found, k, v);
      for (const [k, v] of Object.entries(s.rejected)) addCount(totals.rejected, k, v);
    }
    return {
      enabled: this.cfg.enabled,
      action: this.cfg.action,
      actions: Object.fromEntries(Object.entries(this.cfg.actions).sort(([a], [b]) => (a < b ? -1 : 1))),
      types: [...this.cfg.types],
      sources,
      totals: { documents: totals.documents, found: sortedCounts(totals.found), rejected: sortedCounts(totals.rejected) },
    };
  }
}
