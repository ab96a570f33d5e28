import type { SourceConfig } from '../config/sourceSchema.js';
import { filesReader } from './filesReader.js';
import { httpReader } from './httpReader.js';
import { jsonlReader } from './jsonlReader.js';
import { parquetReader } from './parquetReader.js';
import type { SourceReader } from './sourceReader.js';
import { warcReader } from './warcReader.js';

/** The reader for a source kind. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each reader is typed by its own config; callers hold the union
export function readerFor(src: SourceConfig): SourceReader<any> {
  switch (src.kind) {
    case 'files':
      return filesReader;
    case 'http':
      return httpReader;
    case 'warc':
      return warcReader;
    case 'jsonl':
      return jsonlReader;
    case 'parquet':
      return parquetReader;
  }
}
