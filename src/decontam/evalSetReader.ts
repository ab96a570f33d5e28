import { basename } from 'node:path';
import { ConfigError } from '../config/configError.js';
import type { EvalSetConfig } from '../config/decontamSchema.js';
import { readParquet } from '../io/parquetFile.js';
import { byteLines, MAX_LINE_BYTES } from './byteLines.js';

/** One evaluation item: its id and the text that must not appear in the corpus. */
export interface EvalItem {
  id: string;
  text: string;
}

/** What reading a set skipped, by cause; each is counted, never silent. */
export interface EvalReadCounts {
  /** Items with none of the configured fields (or only empty ones). */
  missing_field: number;
  /** Items whose fields hold no text at all (empty strings). */
  empty: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array, where: string, setId: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // Find the first byte that breaks decoding (one streaming pass), so the message points at it.
    const d = new TextDecoder('utf-8', { fatal: true });
    let bad = bytes.length;
    for (let i = 0; i < bytes.length; i++) {
      try {
        d.decode(bytes.subarray(i, i + 1), { stream: true });
      } catch {
        bad = i;
        break;
      }
    }
    throw new ConfigError(`decontaminate: set "${setId}": ${where} is not valid UTF-8 (near byte ${bad} of the line); re-encode the file as UTF-8`);
  }
}

function fieldText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => fieldText(x) ?? '').join('\n'); // e.g. multiple-choice options
  return JSON.stringify(v);
}

function itemOf(row: Record<string, unknown>, set: EvalSetConfig, fallbackId: string, counts: EvalReadCounts): EvalItem | undefined {
  const parts: string[] = [];
  let present = false;
  for (const f of set.fields) {
    const t = fieldText(row[f]);
    if (t === undefined) continue;
    present = true;
    if (t.trim() !== '') parts.push(t);
  }
  if (!present) {
    counts.missing_field++;
    return undefined;
  }
  if (parts.length === 0) {
    counts.empty++;
    return undefined;
  }
  const idv = row[set.id_field ?? 'id'];
  return { id: idv === undefined || idv === null || idv === '' ? fallbackId : String(idv), text: parts.join('\n') };
}

/**
 * Reads the items of one set from its files: `.jsonl` (one object per line), `.parquet`, or any
 * other file as UTF-8 plain text (split per `text_items`). Structural problems (bad JSON, bad
 * UTF-8, a line over 64 MB) are errors naming file and line; items without the fields, or with
 * empty text, are skipped and counted in `counts`.
 */
export async function* readEvalSet(set: EvalSetConfig, files: string[], counts: EvalReadCounts): AsyncGenerator<EvalItem> {
  for (const file of files) {
    const name = basename(file);
    if (/\.jsonl$/i.test(file)) {
      let ln = 0;
      for await (const raw of byteLines(file, () => new ConfigError(`decontaminate: set "${set.id}": ${file} has a line over ${MAX_LINE_BYTES >> 20} MB; split it into items of one line each`))) {
        ln++;
        const text = decode(raw, `${file}:${ln}`, set.id);
        if (text.trim() === '') continue;
        let row: unknown;
        try {
          row = JSON.parse(text);
        } catch (e) {
          throw new ConfigError(`decontaminate: set "${set.id}": ${file}:${ln} is not valid JSON (${(e as Error).message}); each line must be one JSON object`);
        }
        if (row === null || typeof row !== 'object' || Array.isArray(row)) {
          throw new ConfigError(`decontaminate: set "${set.id}": ${file}:${ln} is not a JSON object; each line must be one object with the fields ${set.fields.join(', ')}`);
        }
        const item = itemOf(row as Record<string, unknown>, set, `${name}:${ln}`, counts);
        if (item) yield item;
      }
    } else if (/\.parquet$/i.test(file)) {
      let rows;
      try {
        rows = await readParquet(file);
      } catch (e) {
        throw new ConfigError(`decontaminate: set "${set.id}": ${file} is not a readable Parquet file (${(e as Error).message})`);
      }
      let r = 0;
      for (const row of rows) {
        const item = itemOf(row, set, `${name}:${r++}`, counts);
        if (item) yield item;
      }
    } else if (set.text_items === 'line') {
      let ln = 0;
      for await (const raw of byteLines(file, () => new ConfigError(`decontaminate: set "${set.id}": ${file} has a line over ${MAX_LINE_BYTES >> 20} MB; split it into items of one line each`))) {
        ln++;
        const text = decode(raw, `${file}:${ln}`, set.id);
        if (text.trim() !== '') yield { id: `${name}:${ln}`, text };
      }
    } else {
      // Paragraph and whole-file items: the file is read line by line, so the same caps apply.
      let para: string[] = [];
      let first = 0;
      let ln = 0;
      const flush = function* (): Generator<EvalItem> {
        if (para.length) yield { id: set.text_items === 'file' ? name : `${name}:${first}`, text: para.join('\n') };
        para = [];
      };
      for await (const raw of byteLines(file, () => new ConfigError(`decontaminate: set "${set.id}": ${file} has a line over ${MAX_LINE_BYTES >> 20} MB; split it into items of one line each`))) {
        ln++;
        const text = decode(raw, `${file}:${ln}`, set.id);
        if (set.text_items === 'paragraph' && text.trim() === '') {
          yield* flush();
          continue;
        }
        if (!para.length) first = ln;
        para.push(text);
      }
      yield* flush();
    }
  }
}
