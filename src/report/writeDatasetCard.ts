import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomicFile.js';
import { readParquet } from '../io/parquetFile.js';
import type { Manifest } from '../license/manifest.js';
import type { RunStats } from '../pipeline/runStats.js';
import { SHARD_COLUMNS } from '../pipeline/schemas.js';
import { croissantMetadata } from './croissantMetadata.js';
import { renderDatasetCard } from './datasetCard.js';

/** `<out>/README.md` (Hugging Face dataset card) and `<out>/croissant.json` (Croissant 1.0), from the manifest, stats and shards. */
export async function writeDatasetCard(outDir: string, manifest: Manifest, stats: RunStats): Promise<void> {
  const languages: Record<string, number> = {};
  for (const s of manifest.shards) for (const r of await readParquet(join(outDir, s.file), { columns: ['lang'] })) languages[r.lang as string] = (languages[r.lang as string] ?? 0) + 1;
  writeFileAtomic(join(outDir, 'README.md'), renderDatasetCard({ manifest, stats, languages }));
  writeFileAtomic(join(outDir, 'croissant.json'), `${JSON.stringify(croissantMetadata(manifest, SHARD_COLUMNS), null, 2)}\n`);
}
