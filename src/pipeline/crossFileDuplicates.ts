import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { docId } from '../core/docId.js';
import { writeFileAtomic } from '../io/atomicFile.js';
import { readParquet, writeParquet } from '../io/parquetFile.js';
import { readerFor } from '../sources/readerFor.js';
import { ingestFingerprint } from './ingestPhase.js';
import { sortedCounts } from './partitionStats.js';
import { sha256Hex, type RunContext } from './runContext.js';
import { REJECT_COLUMNS } from './schemas.js';
import { sourceEnv } from './sourceEnv.js';
import type { StagingPart } from './stagingFiles.js';

/**
 * One `id_field` value in two files of a source. Readers see one file at a time (and resume and
 * scale-out split files between processes), so a repeat inside a file is rejected by the reader,
 * and a repeat across files is decided here, at the start of phase 2, over the whole staging in
 * plan order (source, partition = file in sorted order, then the reader's record order; never the
 * order in which workers finished): the first occurrence is kept, every later one becomes a reject
 * `source.<kind>.duplicate_id` naming both places (file:line, or file:row for Parquet). The
 * decision is written to dedup/duplicate_ids.json (with the staging it was made from) and the
 * rejects to rejects/<source>/cross-file-duplicate-ids.parquet; mix, shard assembly and finalize
 * read them, so every phase and every rerun skips the same rows.
 */
export interface CrossFileDuplicate {
  source: string;
  /** The staging file (relative to the output folder) and the row in it that is rejected. */
  staging: string;
  row: number;
  /** The reject's id (the document id of the later place, file:line, not the shared one). */
  id: string;
  reason: string;
  detail: string;
  /** Tokens of the rejected staged document (finalize takes them out of `staged_tokens`). */
  tokens: number;
}

interface DuplicateIdsFile {
  staging: string;
  duplicates: CrossFileDuplicate[];
}

const REJECTS_NAME = 'cross-file-duplicate-ids.parquet';

function decisionFile(run: RunContext): string {
  return join(run.layout.outDir, 'dedup', 'duplicate_ids.json');
}

/** Identifies the staging a decision was made from: the ingest fingerprint and every staging file with its size. */
export function stagingIdentity(run: RunContext, parts: StagingPart[]): string {
  return sha256Hex(JSON.stringify({ ingest: ingestFingerprint(run), parts: parts.map((p) => [relative(run.layout.outDir, p.file), statSync(p.file).size]) }));
}

/**
 * Decides the cross-file repeats the dedup table found (`repeats`: table rows in load order, each
 * with the first row of its id; `partStart[i]`: the table row where staging part i begins), writes
 * the decision and the rejects, and returns the decision.
 */
export async function decideCrossFileDuplicates(run: RunContext, parts: StagingPart[], partStart: number[], repeats: { row: number; first: number }[]): Promise<CrossFileDuplicate[]> {
  const partOf = (row: number) => {
    let lo = 0;
    let hi = partStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (partStart[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const places = repeats.map((r) => {
    const later = partOf(r.row);
    const first = partOf(r.first);
    return { later, laterRow: r.row - partStart[later]!, first };
  });
  // File:line of each repeated id in the partitions involved: the readers read them again (rare path).
  const located = await locateIds(run, parts, [...new Set(places.flatMap((p) => [p.later, p.first]))]);
  const duplicates: CrossFileDuplicate[] = [];
  const rejectRows = new Map<string, Record<string, unknown>[]>();
  for (const p of places) {
    const part = parts[p.later]!;
    const [row] = await readParquet(part.file, { rowStart: p.laterRow, rowEnd: p.laterRow + 1, columns: ['id', 'url', 'text', 'tokens'] });
    const id = row!.id as string;
    const src = run.loaded.config.sources.find((s) => s.id === part.source)!;
    const at = located.get(p.later)?.get(id);
    const firstAt = located.get(p.first)?.get(id);
    const field = 'id_field' in src && src.id_field ? src.id_field : 'key';
    const where = at?.where ?? `${part.partition} (staged record ${p.laterRow + 1})`;
    const detail = at
      ? `${where}: ${field} ${JSON.stringify(at.key).slice(0, 80)} already used at ${firstAt?.where ?? parts[p.first]!.partition}`
      : `${where}: document id ${id} already used in ${parts[p.first]!.partition}`;
    const reject = { id: docId(part.source, where), source: part.source, url: (row!.url as string) ?? '', reason: `source.${src.kind}.duplicate_id`, detail, stage: 'source', text_head: ((row!.text as string) ?? '').slice(0, 300) };
    duplicates.push({ source: part.source, staging: relative(run.layout.outDir, part.file), row: p.laterRow, id: reject.id, reason: reject.reason, detail, tokens: (row!.tokens as number) ?? 0 });
    (rejectRows.get(part.source) ?? rejectRows.set(part.source, []).get(part.source)!).push(reject);
  }
  for (const source of new Set(parts.map((p) => p.source))) {
    const file = join(run.layout.rejectsDir, source, REJECTS_NAME);
    const rows = rejectRows.get(source);
    if (rows) writeParquet(file, REJECT_COLUMNS, rows);
    else rmSync(file, { force: true });
  }
  return duplicates;
}

/** Writes the decision (also when there is no repeat, so later phases know it was made). */
export function writeCrossFileDuplicates(run: RunContext, staging: string, duplicates: CrossFileDuplicate[]): void {
  if (!duplicates.length) for (const s of run.loaded.config.sources) rmSync(join(run.layout.rejectsDir, s.id, REJECTS_NAME), { force: true });
  writeFileAtomic(decisionFile(run), `${JSON.stringify({ staging, duplicates } satisfies DuplicateIdsFile, null, 1)}\n`);
}

/**
 * The decision phase 2 made for the current staging. No file: an output whose phase 2 predates the
 * decision (phase 2 then stopped on any repeated id, so there is none). A file for other staging is
 * an error: the dedup output is stale.
 */
export function readCrossFileDuplicates(run: RunContext, parts: StagingPart[]): CrossFileDuplicate[] {
  const f = decisionFile(run);
  if (!existsSync(f)) return [];
  const d = JSON.parse(readFileSync(f, 'utf8')) as DuplicateIdsFile;
  if (d.staging !== stagingIdentity(run, parts)) throw new Error(`${relative(run.layout.outDir, f)} was decided for other staging: run \`curate dedup ${run.loaded.file}\` again`);
  return d.duplicates;
}

/** Rows to skip per staging file (absolute path). */
export function skippedRows(run: RunContext, duplicates: CrossFileDuplicate[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const d of duplicates) {
    const file = join(run.layout.outDir, d.staging);
    (out.get(file) ?? out.set(file, new Set()).get(file)!).add(d.row);
  }
  return out;
}

/** Counts the decision into the run's funnel: rejected (by reason and stage), and no longer staged. */
export function countCrossFileDuplicates(
  funnels: Record<string, { rejected: number; rejected_by_reason: Record<string, number>; rejected_by_stage: Record<string, number>; staged: number; staged_tokens: number }>,
  allReasons: Record<string, number>,
  duplicates: CrossFileDuplicate[],
): void {
  for (const d of duplicates) {
    const f = funnels[d.source];
    if (!f) continue;
    f.rejected++;
    f.rejected_by_reason[d.reason] = (f.rejected_by_reason[d.reason] ?? 0) + 1;
    f.rejected_by_stage.source = (f.rejected_by_stage.source ?? 0) + 1;
    f.staged--;
    f.staged_tokens -= d.tokens;
    allReasons[d.reason] = (allReasons[d.reason] ?? 0) + 1;
  }
  for (const s of new Set(duplicates.map((d) => d.source))) {
    const f = funnels[s];
    if (!f) continue;
    f.rejected_by_reason = sortedCounts(f.rejected_by_reason);
    f.rejected_by_stage = sortedCounts(f.rejected_by_stage);
  }
}

/** For each staging part index given: document id → where the reader found it (file:line) and its key. */
async function locateIds(run: RunContext, parts: StagingPart[], partIndexes: number[]): Promise<Map<number, Map<string, { where: string; key: string }>>> {
  const out = new Map<number, Map<string, { where: string; key: string }>>();
  const done = new Map<string, Map<string, { where: string; key: string }>>();
  for (const i of partIndexes) {
    const part = parts[i]!;
    const k = `${part.source}\0${part.partition}`;
    let found = done.get(k);
    if (!found) {
      found = new Map();
      const src = run.loaded.config.sources.find((s) => s.id === part.source);
      if (src) {
        const env = sourceEnv(run, () => {});
        const into = found;
        env.locate = (key, where) => into.set(docId(src.id, key), { where, key });
        // The records themselves are not needed: only the places the reader reports.
        for await (const _ of readerFor(src).read(src, { id: part.partition }, env));
      }
      done.set(k, found);
    }
    out.set(i, found);
  }
  return out;
}
