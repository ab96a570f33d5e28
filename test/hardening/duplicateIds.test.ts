/**
 * Finding 9: duplicate id_field values used to fail the whole run after ingest (and every rerun),
 * with a hashed id and no file or line. Within a file the repeat is now a reject naming file:line
 * and the first line; across files of a source the later place (plan order: files sorted, then
 * lines) is a reject too, decided at the start of phase 2, naming both places.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonlSourceSchema, parquetSourceSchema } from '../../src/config/sourceSchema.js';
import { readParquet, writeParquet } from '../../src/io/parquetFile.js';
import { rejectFiles } from '../../src/report/sampleRejects.js';
import { DuckDBInstance } from '@duckdb/node-api';
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

  it('across files: the later places are counted rejects naming both file:line, the first is kept, reruns give the same', async () => {
    const ws = workspace();
    const t = kjvTexts(6);
    // x in three files, y twice: the first place in plan order (files sorted, then lines) keeps the id.
    writeJsonl(join(ws, 'dump/a.jsonl'), [{ id: 'w', text: t[0] }, { id: 'x', text: t[1] }]);
    writeJsonl(join(ws, 'dump/b.jsonl'), [{ id: 'y', text: t[2] }, { id: 'x', text: t[3] }]);
    writeJsonl(join(ws, 'dump/c.jsonl'), [{ id: 'x', text: t[4] }, { id: 'y', text: t[5] }]);
    writeFileSync(join(ws, 'configs/dup.yaml'), tinyConfig('dup'));
    const outcome = async () => {
      const r = await curate(ws, ['run', 'configs/dup.yaml', '--quiet']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const stats = JSON.parse(readFileSync(join(ws, 'out/dup/stats.json'), 'utf8'));
      const rejects = [];
      for (const f of rejectFiles(join(ws, 'out/dup'))) rejects.push(...(await readParquet(f)));
      return { stats, rejects: rejects.map((x) => ({ reason: String(x.reason), detail: String(x.detail), head: String(x.text_head) })).sort((a, b) => (a.detail < b.detail ? -1 : 1)) };
    };
    const first = await outcome();
    expect(first.stats.sources.bible.rejected_by_reason).toEqual({ 'source.jsonl.duplicate_id': 3 });
    expect(first.stats.sources.bible.staged).toBe(3);
    expect(first.stats.sources.bible.records).toBe(6);
    expect(first.rejects.map((r) => r.detail)).toEqual([
      'b.jsonl:2: id "x" already used at a.jsonl:2',
      'c.jsonl:1: id "x" already used at a.jsonl:2',
      'c.jsonl:2: id "y" already used at b.jsonl:1',
    ]);
    expect(first.rejects.map((r) => r.head)).toEqual([t[3]!.slice(0, 300), t[4]!.slice(0, 300), t[5]!.slice(0, 300)]);
    // The shards hold each id once, and none of the rejected texts (DuckDB reads what a user reads).
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = (await db.runAndReadAll(`SELECT doc_id, text FROM read_parquet('${join(ws, 'out/dup/shards')}/*.parquet')`)).getRowObjects();
    expect(rows.length).toBeGreaterThan(0);
    // One text per id (epochs may repeat a document, never put two documents under one id).
    const textOf = new Map<string, string>();
    for (const r of rows) expect(textOf.get(String(r.doc_id)) ?? textOf.set(String(r.doc_id), String(r.text)).get(String(r.doc_id))).toBe(String(r.text));
    for (const r of rows) for (const k of [3, 4, 5]) expect(String(r.text).startsWith(t[k]!.slice(0, 200))).toBe(false);
    const verify = await curate(ws, ['verify', 'out/dup']);
    expect(verify.stdout + verify.stderr).not.toMatch(/duplicate_id|count\./);
    expect(verify.code).toBe(0);
    // A rerun (staging reused, phase 2 decided again) gives the same outcome.
    expect(await outcome()).toEqual(first);
    expect(readdirSync(join(ws, 'out/dup/rejects/bible')).filter((f) => f.startsWith('cross-file'))).toEqual(['cross-file-duplicate-ids.parquet']);
  }, 180_000);
});
