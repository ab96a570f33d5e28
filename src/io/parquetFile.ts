/**
 * The project's only door to Parquet. Writing goes through hyparquet-writer with zstd (zstd-napi),
 * reading through hyparquet; swapping the library means changing this file alone.
 * Why these libraries: docs/parquet.md (measured: hyparquet-writer 73 MB/s zstd with dictionary
 * encoding and bounded memory; parquetjs-lite 29.5 MB/s, no zstd, no dictionaries).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors as readCompressors } from 'hyparquet-compressors';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import * as zstd from 'zstd-napi';
import { commitTempFile, tempPathFor } from './atomicFile.js';
import { rethrowIfDiskFull } from './diskFull.js';

export type ColumnType = 'STRING' | 'INT32' | 'INT64' | 'DOUBLE' | 'BOOLEAN' | 'BYTE_ARRAY' | 'JSON';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** Nulls allowed (default false: every declared column is filled). */
  nullable?: boolean;
  /** High-cardinality column (text, ids): skip the dictionary attempt and write PLAIN. */
  unique?: boolean;
}

export type Row = Record<string, unknown>;

export interface ParquetWriteOptions {
  compression?: 'zstd' | 'snappy' | 'uncompressed';
  rowGroupRows?: number;
  /** Key-value metadata stored in the footer (e.g. schema version, tool). */
  metadata?: Record<string, string>;
}

const ZSTD_LEVEL = 3;
const writeCompressors = { ZSTD: (input: Uint8Array) => new Uint8Array(zstd.compress(input, { compressionLevel: ZSTD_LEVEL })) };

function codecOf(c: ParquetWriteOptions['compression']): 'ZSTD' | 'SNAPPY' | 'UNCOMPRESSED' {
  return c === 'snappy' ? 'SNAPPY' : c === 'uncompressed' ? 'UNCOMPRESSED' : 'ZSTD';
}

function schemaOf(columns: ColumnSpec[]) {
  const element = (c: ColumnSpec) => {
    const repetition_type = c.nullable ? 'OPTIONAL' : 'REQUIRED';
    switch (c.type) {
      case 'STRING':
        return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type } as const;
      case 'JSON':
        return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type } as const;
      case 'BYTE_ARRAY':
        return { name: c.name, type: 'BYTE_ARRAY', repetition_type } as const;
      default:
        return { name: c.name, type: c.type, repetition_type } as const;
    }
  };
  return [{ name: 'root', num_children: columns.length }, ...columns.map(element)];
}

/**
 * Streams rows into a Parquet file, one row group at a time, so memory is bounded by the row
 * group size. The file appears under its final name only after `close()` (atomic commit).
 */
export class ParquetRowWriter {
  private readonly tmp: string;
  private readonly writer: ParquetWriter;
  private buffer: Row[] = [];
  private readonly rowGroupRows: number;
  rows = 0;

  constructor(
    readonly path: string,
    readonly columns: ColumnSpec[],
    readonly opts: ParquetWriteOptions = {},
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = tempPathFor(path);
    this.rowGroupRows = opts.rowGroupRows ?? 5000;
    this.writer = new ParquetWriter({
      writer: fileWriter(this.tmp),
      schema: schemaOf(columns) as never,
      codec: codecOf(opts.compression),
      compressors: writeCompressors,
      kvMetadata: Object.entries(opts.metadata ?? {}).map(([key, value]) => ({ key, value })),
      createdBy: 'curate',
    });
  }

  add(row: Row): void {
    this.buffer.push(row);
    this.rows++;
    if (this.buffer.length >= this.rowGroupRows) this.guard(() => this.flushGroup());
  }

  /** A full disk drops the partial file and says which file and what to do. */
  private guard(f: () => void): void {
    try {
      f();
    } catch (e) {
      this.abort();
      rethrowIfDiskFull(e, this.path);
    }
  }

  private flushGroup(): void {
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    const columnData = this.columns.map((c) => ({
      name: c.name,
      data: rows.map((r) => toParquetValue(r[c.name], c)),
      nullable: !!c.nullable,
      ...(c.unique ? { encoding: 'PLAIN' } : {}),
    }));
    // Row groups are cut here, by rows; the writer must not re-split them.
    void this.writer.write({ columnData: columnData as never, rowGroupSize: rows.length });
  }

  /** Writes the footer and commits the file under its final name. */
  close(): void {
    this.guard(() => {
      this.flushGroup();
      this.writer.finish();
      commitTempFile(this.tmp, this.path);
    });
  }

  /** Drops the partial file (on error). */
  abort(): void {
    rmSync(this.tmp, { force: true });
  }
}

function toParquetValue(v: unknown, c: ColumnSpec): unknown {
  if (v === undefined || v === null) {
    if (c.nullable) return null;
    throw new Error(`column ${c.name}: missing value in a required column`);
  }
  switch (c.type) {
    case 'JSON':
      // The writer serialises JSON values itself: hand it the value, never a serialised string, or
      // readers get a JSON string holding JSON (DuckDB's json_extract then sees a VARCHAR).
      return typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
    case 'INT64':
      return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'BYTE_ARRAY':
      return v instanceof Uint8Array ? v : new Uint8Array(v as ArrayBuffer);
    default:
      return v;
  }
}

/** Writes all rows to `path` atomically. An empty row list still writes a valid, empty file. */
export function writeParquet(path: string, columns: ColumnSpec[], rows: Iterable<Row>, opts: ParquetWriteOptions = {}): number {
  const w = new ParquetRowWriter(path, columns, opts);
  try {
    for (const r of rows) w.add(r);
    w.close();
  } catch (e) {
    w.abort();
    throw e;
  }
  return w.rows;
}

export interface ReadOptions {
  columns?: string[];
  rowStart?: number;
  rowEnd?: number;
}

/** Reads rows of a Parquet file as objects (JSON columns parsed; INT64 become numbers). */
export async function readParquet(path: string, opts: ReadOptions = {}): Promise<Row[]> {
  const file = await asyncBufferFromFile(path);
  const rows = (await parquetReadObjects({
    file,
    columns: opts.columns,
    rowStart: opts.rowStart,
    rowEnd: opts.rowEnd,
    compressors: readCompressors,
    utf8: false, // UTF8-annotated columns still decode to strings; raw BYTE_ARRAY (signatures) stays bytes
  })) as Row[];
  for (const r of rows) for (const k in r) if (typeof r[k] === 'bigint') r[k] = Number(r[k]);
  return rows;
}

/** Row count and row-group boundaries without reading data. */
export async function parquetInfo(path: string): Promise<{ rows: number; rowGroups: number[]; metadata: Record<string, string>; columns: string[] }> {
  const file = await asyncBufferFromFile(path);
  const md = await parquetMetadataAsync(file);
  const metadata: Record<string, string> = {};
  for (const kv of md.key_value_metadata ?? []) metadata[kv.key] = kv.value ?? '';
  // Top-level column names (the root element is first); files written before a column was added lack it.
  const columns = md.schema.slice(1).map((e) => e.name);
  return { rows: Number(md.num_rows), rowGroups: md.row_groups.map((g) => Number(g.num_rows)), metadata, columns };
}
