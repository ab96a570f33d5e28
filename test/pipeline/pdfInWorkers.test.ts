/**
 * PDF conversion runs with the rest of a record's processing (src/pipeline/processRecordBatch.ts),
 * on the worker threads as on the main thread: a run with worker threads gives the same PDF texts
 * and reject reasons as the in-process run, byte for byte.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { curate, repoRoot, workspace } from '../support/cliHarness.js';
import { encryptedPdf } from '../support/pdfBytes.js';

const config = (name: string) => `name: ${name}
output: out/${name}
policy: licenses/permissive.yaml
sources:
  - id: pdfs
    kind: files
    path: inputs
    license: LicenseRef-Public-Domain
mix:
  total_tokens: 100000
  domains: { code: 0.3, prose: 0.5, science: 0.2 }
shards:
  max_bytes: 1MB
`;

describe('PDFs in the worker pool', () => {
  it('converts PDFs on worker threads exactly as in process', async () => {
    const ws = workspace({ 'one.yaml': config('one'), 'pool.yaml': config('pool') });
    const dir = join(ws, 'inputs');
    mkdirSync(dir, { recursive: true });
    const pdf = join(repoRoot, 'data-samples/prose/docutils-docs/pdf/policies.pdf');
    // Several PDFs, so a batch is split between the main thread and the worker threads.
    for (let i = 0; i < 5; i++) copyFileSync(pdf, join(dir, `policies-${i}.pdf`));
    writeFileSync(join(dir, 'locked.pdf'), encryptedPdf());
    writeFileSync(join(dir, 'cut.pdf'), readFileSync(pdf).subarray(0, 3000));
    const one = await curate(ws, ['ingest', 'configs/one.yaml', '--workers', '1']);
    expect(one.code, one.stderr).toBe(0);
    const pool = await curate(ws, ['ingest', 'configs/pool.yaml', '--workers', '3']);
    expect(pool.code, pool.stderr).toBe(0);
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const read = async (name: string) => ({
      staged: (await con.runAndReadAll(`SELECT url, title, text FROM read_parquet('${join(ws, `out/${name}/staging/**/*.parquet`)}') ORDER BY url`)).getRows(),
      rejects: (await con.runAndReadAll(`SELECT url, reason FROM read_parquet('${join(ws, `out/${name}/rejects/**/*.parquet`)}') ORDER BY url`)).getRows(),
    });
    const a = await read('one');
    const b = await read('pool');
    expect(a.staged.length).toBe(5);
    expect(String(a.staged[0]![2])).toContain('Docutils Project Policies');
    expect(a.rejects.map((r) => String(r[1]))).toEqual(['extract.pdf_corrupt', 'extract.pdf_encrypted']);
    expect(b).toEqual(a);
  }, 300_000);
});
