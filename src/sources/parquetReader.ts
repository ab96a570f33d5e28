import type { ParquetSourceConfig } from '../config/sourceSchema.js';
import { parquetInfo, readParquet } from '../io/parquetFile.js';
import { dumpRowToRecord } from './dumpRecord.js';
import { listSourceFiles, partitionFile } from './sourceFiles.js';
import type { SourceReader } from './sourceReader.js';

/** Parquet dumps, read one row group at a time so memory stays bounded by the largest group. */
export const parquetReader: SourceReader<ParquetSourceConfig> = {
  async listPartitions(src, env) {
    const { files } = await listSourceFiles(src.path, env.baseDir, ['.parquet']);
    return files.map((id) => ({ id }));
  },

  async *read(src, part, env) {
    const { root } = await listSourceFiles(src.path, env.baseDir, ['.parquet']);
    const file = partitionFile(root, part.id);
    const seenIds = src.id_field ? new Map<string, string>() : undefined;
    // A damaged file (truncated, bad footer, garbage pages) is one reject naming it; the rows read
    // before the damage are kept and the run goes on with the other files.
    const corrupt = (row: number, e: unknown) =>
      env.ctx.reject({ source: src.id, key: `${part.id}:${row}`, url: '' }, 'source.parquet.corrupt', `${part.id}${row > 0 ? ` from row ${row}` : ''}: not a readable Parquet file (${((e as Error).message ?? String(e)).slice(0, 200)})`, 'source');
    let info: Awaited<ReturnType<typeof parquetInfo>>;
    let present: string[];
    try {
      info = await parquetInfo(file);
      const columns = [...new Set([src.text_field, src.id_field, src.url_field, src.license_field, src.date_field].filter((c): c is string => !!c))];
      present = await presentColumns(file, columns);
    } catch (e) {
      corrupt(0, e);
      return;
    }
    let rowStart = 0;
    for (const groupRows of info.rowGroups) {
      if (env.signal?.aborted) return;
      let rows;
      try {
        rows = await readParquet(file, { rowStart, rowEnd: rowStart + groupRows, columns: present });
      } catch (e) {
        corrupt(rowStart, e);
        return;
      }
      for (let i = 0; i < rows.length; i++) {
        const rec = dumpRowToRecord(src, rows[i]!, `${part.id}:${rowStart + i}`, env, seenIds);
        if (rec) yield rec;
      }
      rowStart += groupRows;
    }
  },
};

/** The requested columns the file has (a missing text column then rejects each row, with the reason). */
async function presentColumns(file: string, wanted: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const c of wanted) {
    // A zero-row read checks the schema without decoding pages.
    const ok = await readParquet(file, { columns: [c], rowStart: 0, rowEnd: 0 }).then(
      () => true,
      (e: Error) => (/column not found/i.test(e.message) ? false : Promise.reject(e)),
    );
    if (ok) out.push(c);
  }
  return out;
}
