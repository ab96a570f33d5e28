import type { RecordSettings } from './processRecord.js';

/** One partition still to ingest, with the settings of its source. */
export interface IngestJob {
  source: string;
  part: string;
  settings: RecordSettings;
  /** Partitions with the same affinity (an http source's host) are ingested by one process, one after another. */
  affinity?: string;
}

/**
 * The queue: partitions in plan order, those sharing an affinity (an http source's host) as one
 * entry, so one process does all of a host's requests and its politeness limits hold (the same
 * rule that assigns hosts to scale-out tasks, partitionOwner.ts).
 */
export function affinityGroups(jobs: IngestJob[]): IngestJob[][] {
  const groups: IngestJob[][] = [];
  const byAffinity = new Map<string, IngestJob[]>();
  for (const job of jobs) {
    if (job.affinity === undefined) {
      groups.push([job]);
      continue;
    }
    let g = byAffinity.get(job.affinity);
    if (!g) {
      byAffinity.set(job.affinity, (g = []));
      groups.push(g);
    }
    g.push(job);
  }
  return groups;
}
