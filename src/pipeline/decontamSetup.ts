import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDecontamIndex, type DecontamIndex, type DecontamIndexInfo } from '../decontam/decontamIndex.js';
import { decontamFingerprint, evalSetDigests } from '../decontam/evalSetFiles.js';
import type { DecontamHit } from '../decontam/decontaminate.js';
import { overlapReport, type DecontamReport } from '../decontam/overlapReport.js';
import { writeFileAtomic } from '../io/atomicFile.js';
import type { PartitionStats } from './partitionStats.js';
import type { RunContext } from './runContext.js';

/** The index's description for the overlap report; lives in staging, so it goes when staging is discarded. */
export function decontamInfoFile(run: RunContext): string {
  return join(run.layout.stagingDir, '_decontam.json');
}

/** What phase 1's output depends on from `decontaminate:` (options and the sets' sha256), or undefined when off. */
export function decontamIngestFingerprint(run: RunContext): string | undefined {
  const cfg = run.loaded.config.decontaminate;
  return cfg ? decontamFingerprint(cfg, evalSetDigests(cfg, run.loaded.baseDir)) : undefined;
}

export function readDecontamInfo(run: RunContext): DecontamIndexInfo | undefined {
  const f = decontamInfoFile(run);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as DecontamIndexInfo) : undefined;
}

/**
 * Builds the index once for this ingest (when some partition still has to be processed, or the
 * description on disk is missing) and records its description. Build time and memory are logged.
 */
export async function prepareDecontam(run: RunContext, needed: boolean): Promise<DecontamIndex | undefined> {
  const cfg = run.loaded.config.decontaminate;
  if (!cfg) return undefined;
  if (!needed && readDecontamInfo(run)?.fingerprint === decontamIngestFingerprint(run)) return undefined;
  const t0 = performance.now();
  const { index, info } = await buildDecontamIndex(cfg, run.loaded.baseDir);
  const items = info.sets.reduce((s, x) => s + x.items, 0);
  run.log(`decontaminate: ${info.sets.length} set(s), ${items} items, ${info.ngrams} distinct ${cfg.ngram}-grams, index ${(info.index_bytes / 2 ** 20).toFixed(1)} MB (shared by the workers), built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const s of info.sets) {
    const skipped = [
      s.items_too_short ? `${s.items_too_short} under ${cfg.min_item_words} words skipped` : '',
      s.items_missing_field ? `${s.items_missing_field} without the field(s) ${s.fields.join(', ')} skipped` : '',
      s.items_empty ? `${s.items_empty} empty skipped` : '',
    ].filter(Boolean);
    if (skipped.length) run.log(`decontaminate: set ${s.id}: ${skipped.join('; ')}`);
  }
  writeFileAtomic(decontamInfoFile(run), `${JSON.stringify(info, null, 2)}\n`);
  return index;
}

/**
 * Finalize: gathers every partition's hits (in plan order) into the overlap report and writes the
 * per-document audit list `decontam/documents.jsonl`. Undefined when decontamination is off.
 */
export function finalizeDecontam(
  run: RunContext,
  sources: { id: string; partitions: string[] }[],
  docsInShards: Record<string, Set<string>>,
): DecontamReport | undefined {
  const info = run.loaded.config.decontaminate ? readDecontamInfo(run) : undefined;
  if (!info) return undefined;
  const hits: DecontamHit[] = [];
  for (const s of sources) {
    for (const p of s.partitions) {
      const f = run.layout.partitionStatsFile(s.id, p);
      if (existsSync(f)) hits.push(...((JSON.parse(readFileSync(f, 'utf8')) as PartitionStats).decontam ?? []));
    }
  }
  const inShards = (h: DecontamHit) => h.outcome !== 'rejected' && (docsInShards[h.source]?.has(h.id) ?? false);
  const lines = hits.map((h) =>
    JSON.stringify({ id: h.id, source: h.source, eval_ids: h.sets.flatMap((s) => s.items), ngrams: h.ngrams, coverage: h.coverage, outcome: h.outcome, in_shards: inShards(h), sets: h.sets }),
  );
  writeFileAtomic(join(run.layout.outDir, 'decontam', 'documents.jsonl'), lines.length ? `${lines.join('\n')}\n` : '');
  return overlapReport(info, hits, inShards);
}
