import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnSpec, Row } from '../io/parquetFile.js';
import { ParquetRowWriter, readParquet } from '../io/parquetFile.js';
import type { ShardRow } from '../mix/composeShards.js';
import type { RunContext } from './runContext.js';
import { SHARD_COLUMNS, SHARD_SCHEMA_VERSION } from './schemas.js';
import { stagingParts } from './stagingFiles.js';
import { readCrossFileDuplicates, skippedRows } from './crossFileDuplicates.js';
import { phaseProgress } from './phaseProgress.js';
import { provenanceOf } from './provenance.js';
import type { SourceConfig } from '../config/sourceSchema.js';

const SPILL_COLUMNS: ColumnSpec[] = [{ name: 'pos', type: 'INT32' }, ...SHARD_COLUMNS];

/** Row id `<doc id>` for the first epoch, `<doc id>#<n>` for the n-th copy. */
export function rowIdOf(id: string, epoch: number): string {
  return epoch === 0 ? id : `${id}#${epoch + 1}`;
}

export function docOfRowId(rowId: string): { id: string; epoch: number } {
  const m = /#(\d+)$/.exec(rowId);
  return m ? { id: rowId.slice(0, m.index), epoch: Number(m[1]) - 1 } : { id: rowId, epoch: 0 };
}

/**
 * Writes the given shards with memory bounded by one shard, not by the corpus: one pass over
 * staging spills each needed row (tagged with its position) into a per-shard spill file; then each
 * shard is read back, put in plan order and written. Staging is read chunk by chunk.
 */
export async function assembleShards(run: RunContext, shards: ShardRow[][], mine: number[], task: { index: number; count: number } = { index: 0, count: 1 }): Promise<void> {
  const { config } = run.loaded;
  if (mine.length === 0) return;
  const sourceById = new Map(config.sources.map((src) => [src.id, src]));
  const placements = new Map<string, { shard: number; pos: number; rowId: string; epoch: number }[]>();
  for (const i of mine) {
    shards[i]!.forEach((r, pos) => {
      const { id, epoch } = docOfRowId(r.rowId);
      let list = placements.get(id);
      if (!list) placements.set(id, (list = []));
      list.push({ shard: i, pos, rowId: r.rowId, epoch });
    });
  }
  // One spill folder per task; a killed task's leftovers are cleared when it runs again.
  const spillDir = join(run.layout.outDir, 'mix', `spill-${task.index}-of-${task.count}`);
  rmSync(spillDir, { recursive: true, force: true });
  mkdirSync(spillDir, { recursive: true });
  const spillGroup = Math.max(8, Math.min(256, Math.floor(4096 / mine.length)));
  const spills = new Map(mine.map((i) => [i, new ParquetRowWriter(join(spillDir, `${i}.parquet`), SPILL_COLUMNS, { rowGroupRows: spillGroup, compression: 'snappy' })]));
  const parts = stagingParts(run);
  const progress = phaseProgress(run, { label: `mix ${config.name}`, total: parts.length + mine.length, unit: 'steps' }); // staging files read, then shards written
  try {
    // Later places of an id_field value repeated across files are rejects, not the document (crossFileDuplicates.ts).
    const skipped = skippedRows(run, readCrossFileDuplicates(run, parts));
    for (const part of parts) {
      progress.tick(0, statSync(part.file).size);
      progress.advance();
      const skip = skipped.get(part.file);
      let ri = -1;
      for (const s of await readParquet(part.file)) {
        ri++;
        if (skip?.has(ri)) continue;
        const list = placements.get(s.id as string);
        if (!list) continue;
        for (const p of list) spills.get(p.shard)!.add({ pos: p.pos, ...shardRow(s, p.rowId, p.epoch), ...provenanceRow(s, sourceById), pii: config.pii.column ? (s.pii ?? null) : null });
      }
    }
    for (const w of spills.values()) w.close();
    for (const i of mine) {
      const rows = await readParquet(join(spillDir, `${i}.parquet`));
      if (rows.length !== shards[i]!.length) throw new Error(`shard ${i}: ${rows.length} rows found in staging, ${shards[i]!.length} planned; staging changed during the mix?`);
      rows.sort((a, b) => (a.pos as number) - (b.pos as number));
      const w = new ParquetRowWriter(run.layout.shardFile(i), SHARD_COLUMNS, {
        rowGroupRows: config.shards.row_group_rows,
        compression: config.shards.compression,
        metadata: { 'curate.schema_version': SHARD_SCHEMA_VERSION, 'curate.mix': config.name },
      });
      try {
        for (const r of rows) {
          delete r.pos;
          w.add(r);
        }
        w.close();
        progress.tick(rows.length, 0);
        progress.advance();
      } catch (e) {
        w.abort();
        throw e;
      }
    }
    progress.stop();
  } catch (e) {
    progress.stop();
    for (const w of spills.values()) w.abort();
    throw e;
  } finally {
    rmSync(spillDir, { recursive: true, force: true });
  }
}

function provenanceRow(s: Row, sourceById: Map<string, SourceConfig>): Row {
  return { license_evidence: s.license_evidence, ...provenanceOf(sourceById.get(s.source as string), s.url as string, (s.source_version as string | undefined) ?? '') };
}

function shardRow(s: Row, rowId: string, epoch: number): Row {
  return {
    id: rowId,
    doc_id: s.id,
    epoch,
    text: s.text,
    title: s.title,
    domain: s.domain,
    domain_confidence: s.domain_confidence,
    source: s.source,
    url: s.url,
    license: s.license,
    license_rule: s.license_rule,
    lang: s.lang,
    lang_score: s.lang_score,
    quality: s.quality,
    quality_model: s.quality_model ?? null,
    tokens: s.tokens,
    content_type: s.content_type,
    programming_language: s.programming_language,
    date: s.date,
    signals: s.signals,
  };
}
