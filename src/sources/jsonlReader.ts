import type { JsonlSourceConfig } from '../config/sourceSchema.js';
import { dumpRowToRecord } from './dumpRecord.js';
import { openMaybeCompressed, readLines } from './lineStream.js';
import { listSourceFiles, partitionFile } from './sourceFiles.js';
import type { SourceReader } from './sourceReader.js';

const JSONL_SUFFIXES = ['.jsonl', '.jsonl.gz', '.jsonl.zst', '.ndjson', '.ndjson.gz', '.ndjson.zst', '.json.gz', '.json.zst'];

/** JSON Lines dumps; one partition per file; a bad line is a reject with its line number, never fatal. */
export const jsonlReader: SourceReader<JsonlSourceConfig> = {
  async listPartitions(src, env) {
    const { files } = await listSourceFiles(src.path, env.baseDir, JSONL_SUFFIXES);
    return files.map((id) => ({ id }));
  },

  async *read(src, part, env) {
    const { root } = await listSourceFiles(src.path, env.baseDir, JSONL_SUFFIXES);
    const stream = await openMaybeCompressed(partitionFile(root, part.id));
    let lastLine = 0;
    const seenIds = src.id_field ? new Map<string, string>() : undefined;
    try {
      for await (const { line, bytes: raw, tooLong } of readLines(stream, src.max_record_bytes)) {
        lastLine = line;
        if (env.signal?.aborted) return;
        const where = `${part.id}:${line}`;
        if (tooLong !== undefined) {
          env.ctx.reject({ source: src.id, key: where, url: '' }, 'source.too_large', `${where}: line of ${tooLong} bytes > max_record_bytes ${src.max_record_bytes}`, 'source');
          continue;
        }
        // A UTF-8 byte-order mark (editors on Windows write one) is not part of line 1's JSON.
        const bytes = line === 1 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? raw.subarray(3) : raw;
        if (bytes.length === 0 || /^\s*$/.test(bytes.toString('latin1'))) continue; // blank lines hold no record
        let row: unknown;
        try {
          row = JSON.parse(bytes.toString('utf8'));
        } catch (e) {
          env.ctx.reject({ source: src.id, key: where, url: '' }, 'source.jsonl.bad_json', `${where}: ${(e as Error).message}`, 'source');
          continue;
        }
        if (row === null || typeof row !== 'object' || Array.isArray(row)) {
          env.ctx.reject({ source: src.id, key: where, url: '' }, 'source.jsonl.bad_json', `${where}: expected a JSON object per line`, 'source');
          continue;
        }
        const rec = dumpRowToRecord(src, row as Record<string, unknown>, where, env, seenIds);
        if (rec) yield rec;
      }
    } catch (e) {
      // A damaged compressed stream: the lines before it are kept.
      env.ctx.reject({ source: src.id, key: `${part.id}:${lastLine + 1}`, url: '' }, 'source.jsonl.corrupt', `${part.id} after line ${lastLine}: ${(e as Error).message}`, 'source');
    } finally {
      stream.destroy();
    }
  },
};
