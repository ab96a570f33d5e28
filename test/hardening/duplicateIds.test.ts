/**
 * Finding 9: duplicate id_field values used to fail the whole run after ingest (and every rerun),
 * with a hashed id and no file or line. Within a file the repeat is now a reject naming file:line
 * and the first line; across files of a source the error names both files.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonlSourceSchema, parquetSourceSchema } from '../../src/config/sourceSchema.js';
import { writeParquet } from '../../src/io/parquetFile.js';
import { jsonlReader } from '../../src/sources/jsonlReader.js';
import { parquetReader } from '../../src/sources/parquetReader.js';
import { curate, workspace } from '../support/cliHarness.js';
import { readAll, testEnv } from '../sources/testContext.js';
import { kjvTexts, tinyConfig, writeJsonl } from './hardeningFixtures.js';

describe('duplicate id_field values', () => {
  it('jsonl: the repeat is a reject source.jsonl.duplicate_id with file:line; the first is kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curate-dup-'));
    writeJsonl(join(dir, 'a.jsonl'), [{ id: 'x', text: 'one' }, { id: 'y', text: 'two' }, { id: 'x', text: 'three' }]);
    const env = testEnv(dir);
    const recs = await readAll(jsonlReader, jsonlSourceSchema.parse({ id: 'd', kind: 'jsonl', path: join(dir, 'a.jsonl'), id_field: 'id', license: 'MIT' }), env);
    expect(recs.map((r) => r.body)).toEqual(['one', 'two']);
    expect(env.rejects).toHaveLength(1);
    expect(env.rejects[0]!.reason).toBe('source.jsonl.duplicate_id');
    expect(env.rejects[0]!.detail).toMatch(/a\.jsonl:3: id "x" already used at a\.jsonl:1/);
  });

  it('parquet: the same, with the row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curate-dup-'));
    writeParquet(join(dir, 'p.parquet'), [{ name: 'id', type: 'STRING' }, { name: 'text', type: 'STRING' }], [{ id: 'a', text: 'one' }, { id: 'a', text: 'two' }]);
    const env = testEnv(dir);
    const recs = await readAll(parquetReader, parquetSourceSchema.parse({ id: 'd', kind: 'parquet', path: dir, id_field: 'id', license: 'MIT' }), env);
    expect(recs.map((r) => r.body)).toEqual(['one']);
    expect(env.rejects.map((r) => r.reason)).toEqual(['source.parquet.duplicate_id']);
    expect(env.rejects[0]!.detail).toMatch(/p\.parquet:1: id "a" already used at p\.parquet:0/);
  });

  it('a run with a repeated id finishes, counts the reject, and reruns the same', async () => {
    const ws = workspace();
    const t = kjvTexts(4);
    writeJsonl(join(ws, 'dump/a.jsonl'), [{ id: 'x', text: t[0] }, { id: 'x', text: t[1] }, { id: 'y', text: t[2] }, { id: 'z', text: t[3] }]);
    const cfg = join(ws, 'configs/dup.yaml');
    (await import('node:fs')).writeFileSync(cfg, tinyConfig('dup'));
    const r = await curate(ws, ['run', 'configs/dup.yaml', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const stats = JSON.parse((await import('node:fs')).readFileSync(join(ws, 'out/dup/stats.json'), 'utf8'));
    expect(stats.sources.bible.rejected_by_reason).toEqual({ 'source.jsonl.duplicate_id': 1 });
    expect(stats.sources.bible.staged).toBe(3);
  }, 120_000);
});
