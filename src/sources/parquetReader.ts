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
    const info = await parquetInfo(file);
    const columns = [...new Set([src.text_field, src.id_field, src.url_field, src.license_field, src.date_field].filter((c): c is string => !!c))];
    const present = await presentColumns(file, columns);
    let rowStart = 0;
    for (const groupRows of info.rowGroups) {
      if (env.signal?.aborted) return;
      const rows = await readParquet(file, { rowStart, rowEnd: rowStart + groupRows, columns: present });
      for (let i = 0; i < rows.length; i++) {
        const rec = dumpRowToRecord(src, rows[i]!, `${part.id}:${rowStart + i}`, env);
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
