/**
 * Finding 10: one corrupt Parquet file (truncated, or PAR1 + zeros + PAR1) aborted the whole run
 * with a message naming no file. Now it is one reject, source.parquet.corrupt, naming the file;
 * the other files are read.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parquetSourceSchema } from '../../src/config/sourceSchema.js';
import { writeParquet } from '../../src/io/parquetFile.js';
import { parquetReader } from '../../src/sources/parquetReader.js';
import { readAll, testEnv } from '../sources/testContext.js';

describe('a corrupt Parquet source file is a per-file reject', () => {
  it('truncated, PAR1+zeros+PAR1 and garbage files each give one reject naming the file; good files are read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curate-pq-'));
    const cols = [{ name: 'text', type: 'STRING' as const }];
    writeParquet(join(dir, 'a-good.parquet'), cols, Array.from({ length: 30 }, (_, i) => ({ text: `good ${i}` })), { rowGroupRows: 10 });
    writeParquet(join(dir, 'z-good.parquet'), cols, [{ text: 'last' }]);
    const whole = readFileSync(join(dir, 'a-good.parquet'));
    writeFileSync(join(dir, 'b-truncated.parquet'), whole.subarray(0, whole.length - 20));
    writeFileSync(join(dir, 'c-zeros.parquet'), Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(4096), Buffer.from('PAR1')]));
    writeFileSync(join(dir, 'd-tiny.parquet'), Buffer.from('PAR1PAR1'));
    const env = testEnv(dir);
    const recs = await readAll(parquetReader, parquetSourceSchema.parse({ id: 'pq', kind: 'parquet', path: dir, license: 'MIT' }), env);
    expect(recs).toHaveLength(31);
    expect(recs.at(-1)!.body).toBe('last');
    expect(env.rejects.map((r) => r.reason)).toEqual(['source.parquet.corrupt', 'source.parquet.corrupt', 'source.parquet.corrupt']);
    expect(env.rejects.map((r) => r.detail.split(' ')[1])).toEqual(['b-truncated.parquet:', 'c-zeros.parquet:', 'd-tiny.parquet:']);
    for (const r of env.rejects) expect(r.detail).toMatch(/not a readable Parquet file/);
  });
});
