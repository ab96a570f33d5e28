import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { compress } from 'zstd-napi';
import { jsonlSourceSchema, parquetSourceSchema } from '../../src/config/sourceSchema.js';
import { writeParquet } from '../../src/io/parquetFile.js';
import { jsonlReader } from '../../src/sources/jsonlReader.js';
import { parquetReader } from '../../src/sources/parquetReader.js';
import { readAll, testEnv } from './testContext.js';

const dir = mkdtempSync(join(tmpdir(), 'curate-dump-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = [
  JSON.stringify({ id: 'a1', text: 'First document.', url: 'https://ex.org/1', lic: 'CC-BY-4.0', ts: '2024-01-02' }),
  '{"id": "a2", "text": broken',
  '',
  JSON.stringify({ id: 'a3', body: 'no text field' }),
  JSON.stringify({ text: 'no id here', lic: null }),
  '[1,2]',
  JSON.stringify({ id: 7, text: 'numeric id, héllo ✓' }),
].join('\n');

describe('jsonl reader', () => {
  for (const [name, bytes] of [
    ['plain.jsonl', Buffer.from(lines)],
    ['gz.jsonl.gz', gzipSync(lines)],
    ['zst.jsonl.zst', compress(Buffer.from(lines))],
  ] as const) {
    it(`maps fields and rejects bad lines with their numbers (${name})`, async () => {
      writeFileSync(join(dir, name), bytes);
      const src = jsonlSourceSchema.parse({ id: 'dump', kind: 'jsonl', path: join(dir, name), id_field: 'id', url_field: 'url', license_field: 'lic', date_field: 'ts' });
      const env = testEnv(dir);
      const recs = await readAll(jsonlReader, src, env);
      expect(recs.map((r) => r.key)).toEqual(['a1', `${name}:5`, '7']);
      expect(recs[0]).toMatchObject({ body: 'First document.', url: 'https://ex.org/1', recordLicense: 'CC-BY-4.0', date: '2024-01-02T00:00:00.000Z', contentType: 'text', bytes: 15 });
      expect(recs[1]!.recordLicense).toBeNull();
      expect(recs[2]!.body).toBe('numeric id, héllo ✓');
      expect(env.rejects.map((r) => [r.reason, r.detail.split(': ')[0]!.split(' ')[1]])).toEqual([
        ['source.jsonl.bad_json', `${name}:2`],
        ['source.jsonl.missing_text', `${name}:4`],
        ['source.jsonl.bad_json', `${name}:6`],
      ]);
    });
  }

  it('reports a damaged gzip stream after keeping the lines before it', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ text: `doc ${i} ${'x'.repeat(50)}` })).join('\n');
    const gz = gzipSync(many);
    writeFileSync(join(dir, 'cut.jsonl.gz'), gz.subarray(0, gz.length >> 1));
    const env = testEnv(dir);
    const recs = await readAll(jsonlReader, jsonlSourceSchema.parse({ id: 'dump', kind: 'jsonl', path: join(dir, 'cut.jsonl.gz') }), env);
    expect(recs.length).toBeGreaterThan(100);
    expect(recs.length).toBeLessThan(5000);
    expect(env.rejects.at(-1)!.reason).toBe('source.jsonl.corrupt');
  });
});

describe('parquet reader', () => {
  it('reads row group by row group with field mapping and rejects rows without text', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ doc_id: `d${i}`, content: i === 7 ? null : `text ${i}`, link: `https://ex.org/${i}` }));
    const file = join(dir, 'pq', 'part-0.parquet');
    writeParquet(file, [{ name: 'doc_id', type: 'STRING' }, { name: 'content', type: 'STRING', nullable: true }, { name: 'link', type: 'STRING' }], rows, { rowGroupRows: 10 });
    const src = parquetSourceSchema.parse({ id: 'pq', kind: 'parquet', path: join(dir, 'pq'), text_field: 'content', id_field: 'doc_id', url_field: 'link', license: 'MIT', content_type: 'markdown' });
    const env = testEnv(dir);
    expect(await parquetReader.listPartitions(src, env)).toEqual([{ id: 'part-0.parquet' }]);
    const recs = await readAll(parquetReader, src, env);
    expect(recs).toHaveLength(24);
    expect(recs[0]).toMatchObject({ key: 'd0', body: 'text 0', url: 'https://ex.org/0', contentType: 'markdown' });
    expect(recs.at(-1)!.key).toBe('d24');
    expect(env.rejects).toHaveLength(1);
    expect(env.rejects[0]).toMatchObject({ reason: 'source.parquet.missing_text', url: 'https://ex.org/7' });
    // Without an id field the key is <file>:<row>; a missing column rejects every row with a reason.
    const noId = await readAll(parquetReader, parquetSourceSchema.parse({ id: 'pq', kind: 'parquet', path: file, text_field: 'content', license: 'MIT' }), testEnv(dir));
    expect(noId[0]!.key).toBe('part-0.parquet:0');
    const env2 = testEnv(dir);
    expect(await readAll(parquetReader, parquetSourceSchema.parse({ id: 'pq', kind: 'parquet', path: file, license: 'MIT' }), env2)).toHaveLength(0);
    expect(env2.rejects).toHaveLength(25);
  });
});
