import { writeFileAtomic } from '../io/atomicFile.js';
import { readParquet, writeParquet } from '../io/parquetFile.js';
import { dedupItems, type DedupAlarm, type DedupItem } from '../dedup/index.js';
import { permissivenessRank } from '../license/licensePolicy.js';
import type { RunContext } from './runContext.js';
import { CLUSTER_COLUMNS } from './schemas.js';
import { stagingParts } from './stagingFiles.js';

export interface DedupSummary {
  docs: number;
  removedExact: number;
  removedNear: number;
  clusters: number;
  alarms: DedupAlarm[];
  stats: Record<string, number>;
  /** Removed documents per source, by kind. */
  removedBySource: Record<string, { exact: number; near: number }>;
}

/**
 * Phase 2: exact and near-duplicate clusters over all staged documents, one survivor each,
 * chosen by the survivor policy. Writes dedup/clusters.parquet (every staged id once) and a summary.
 */
export async function runDedup(run: RunContext): Promise<DedupSummary> {
  const items: DedupItem[] = [];
  const rankCache = new Map<string, number>();
  for (const part of stagingParts(run)) {
    const rows = await readParquet(part.file, { columns: ['id', 'source', 'license', 'quality', 'chars', 'exact_hash', 'minhash'] });
    for (const r of rows) {
      const license = r.license as string;
      let rank = rankCache.get(license);
      if (rank === undefined) rankCache.set(license, (rank = permissivenessRank(run.policy, license)));
      const mh = r.minhash as Uint8Array | null;
      items.push({
        id: r.id as string,
        source: r.source as string,
        licenseRank: rank,
        quality: r.quality as number,
        length: r.chars as number,
        exactHash: r.exact_hash as string,
        signature: mh ? new Uint32Array(mh.slice().buffer) : undefined,
      });
    }
  }
  const { decisions, alarms, stats } = dedupItems(items, run.loaded.config.dedup);
  const sourceOf = new Map(items.map((i) => [i.id, i.source]));
  const sorted = [...decisions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  writeParquet(
    run.layout.clustersFile,
    CLUSTER_COLUMNS,
    sorted.map((d) => ({ ...d, source: sourceOf.get(d.id)! , survivor_id: d.survivorId })),
    { rowGroupRows: 10000 },
  );
  const removedBySource: DedupSummary['removedBySource'] = {};
  let removedExact = 0;
  let removedNear = 0;
  const clusters = new Set<string>();
  for (const d of sorted) {
    if (d.kind !== 'unique') clusters.add(d.cluster);
    if (d.survivor) continue;
    const s = sourceOf.get(d.id)!;
    const e = (removedBySource[s] ??= { exact: 0, near: 0 });
    if (d.kind === 'exact') {
      e.exact++;
      removedExact++;
    } else {
      e.near++;
      removedNear++;
    }
  }
  const summary: DedupSummary = { docs: items.length, removedExact, removedNear, clusters: clusters.size, alarms, stats, removedBySource };
  writeFileAtomic(run.layout.dedupStatsFile, `${JSON.stringify(summary, null, 2)}\n`);
  for (const a of alarms) run.log(`dedup alarm: ${a.detail}`);
  run.log(`dedup: ${items.length} docs, ${removedExact} exact and ${removedNear} near duplicates removed`);
  return summary;
}
