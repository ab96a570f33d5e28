import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { ParquetRowWriter, parquetInfo, readParquet, writeParquet, type ColumnSpec } from '../../src/io/parquetFile.js';

const columns: ColumnSpec[] = [
  { name: 'id', type: 'STRING' },
  { name: 'text', type: 'STRING' },
  { name: 'tokens', type: 'INT32' },
  { name: 'quality', type: 'DOUBLE' },
  { name: 'signals', type: 'JSON' },
  { name: 'url', type: 'STRING', nullable: true },
];

const rows = Array.from({ length: 2500 }, (_, i) => ({
  id: `d${String(i).padStart(5, '0')}`,
  text: `document ${i} — ünïcödé ${'x'.repeat(i % 50)}`,
  tokens: i,
  quality: i / 1000,
  signals: { a: i },
  url: i % 3 === 0 ? null : `https://example.org/${i}`,
}));

describe('parquetFile', () => {
  it('writes zstd row groups that hyparquet and DuckDB read back identically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curate-pq-'));
    const path = join(dir, 'a.parquet');
    writeParquet(path, columns, rows, { rowGroupRows: 1000, metadata: { schema: 'test' } });
    expect(readdirSync(dir)).toEqual(['a.parquet']);
    const info = await parquetInfo(path);
    expect(info.rows).toBe(2500);
    expect(info.rowGroups).toEqual([1000, 1000, 500]);
    expect(info.metadata.schema).toBe('test');
    const back = await readParquet(path);
    expect(back[1234]).toEqual(rows[1234]);
    expect(back[0]!.url).toBeNull();

    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const r = await con.runAndReadAll(`SELECT count(*)::INT AS n, sum(tokens)::BIGINT AS t, max(text) AS m FROM read_parquet('${path}')`);
    const [n, t] = r.getRows()[0]!;
    expect(n).toBe(2500);
    expect(Number(t)).toBe((2499 * 2500) / 2);
    const codec = await con.runAndReadAll(`SELECT DISTINCT compression FROM parquet_metadata('${path}')`);
    expect(codec.getRows().map((x) => x[0])).toEqual(['ZSTD']);
    // A JSON column holds one JSON encoding: DuckDB's JSON functions read it as an object.
    const json = await con.runAndReadAll(`SELECT DISTINCT json_type(signals) FROM read_parquet('${path}')`);
    expect(json.getRows().map((x) => x[0])).toEqual(['OBJECT']);
    const a = await con.runAndReadAll(`SELECT json_extract(signals, '$.a')::INT FROM read_parquet('${path}') WHERE id = 'd01234'`);
    expect(a.getRows()[0]![0]).toBe(1234);
  });

  it('leaves no file behind when a write fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'curate-pq-'));
    const path = join(dir, 'b.parquet');
    expect(() => writeParquet(path, columns, [{ id: 'x' }])).toThrow(/missing value/);
    expect(readdirSync(dir)).toEqual([]);
    const w = new ParquetRowWriter(path, columns);
    w.abort();
    expect(existsSync(path)).toBe(false);
  });
});

describe('parquetFile byte arrays', () => {
  it('reads a raw BYTE_ARRAY column back as bytes, not text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curate-pq-'));
    const path = join(dir, 'c.parquet');
    const sig = new Uint32Array([1, 2, 0xffffffff, 7]);
    writeParquet(path, [{ name: 'id', type: 'STRING' }, { name: 'sig', type: 'BYTE_ARRAY', nullable: true }], [
      { id: 'a', sig: new Uint8Array(sig.buffer) },
      { id: 'b', sig: null },
    ]);
    const [a, b] = await readParquet(path);
    expect(a!.id).toBe('a');
    expect(a!.sig).toBeInstanceOf(Uint8Array);
    expect(Array.from(new Uint32Array((a!.sig as Uint8Array).slice().buffer))).toEqual(Array.from(sig));
    expect(b!.sig).toBeNull();
  });
});
