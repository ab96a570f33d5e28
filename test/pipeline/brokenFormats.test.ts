/**
 * Issue 15: broken inputs of each new kind (reST, LaTeX, notebook, PDF) end as counted rejects with
 * reasons in a real `curate run`, next to good files of the same kinds, and never crash the run.
 */
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { curate, repoRoot, workspace } from '../support/cliHarness.js';
import { encryptedPdf, imageOnlyPdf } from '../support/pdfBytes.js';

const CONFIG = `name: broken
output: out/broken
policy: licenses/permissive.yaml
sources:
  - id: formats
    kind: files
    path: inputs
    license: LicenseRef-Public-Domain
mix:
  total_tokens: 100000
  domains: { code: 0.3, prose: 0.5, science: 0.2 }
shards:
  max_bytes: 1MB
`;

describe('broken reST, LaTeX, notebook and PDF inputs in a run', () => {
  let ws: string;
  let run: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    ws = workspace({ 'broken.yaml': CONFIG });
    const dir = join(ws, 'inputs');
    mkdirSync(dir, { recursive: true });
    const ds = join(repoRoot, 'data-samples/prose/docutils-docs');
    copyFileSync(join(ds, 'rst/tools.rst'), join(dir, 'good.rst'));
    copyFileSync(join(ds, 'pdf/policies.pdf'), join(dir, 'good.pdf'));
    writeFileSync(join(dir, 'broken.ipynb'), '{"cells": [{"cell_type": "markdown", "source": ["# Title"');
    writeFileSync(join(dir, 'locked.pdf'), encryptedPdf());
    writeFileSync(join(dir, 'scan.pdf'), imageOnlyPdf());
    writeFileSync(join(dir, 'cut.pdf'), readFileSync(join(ds, 'pdf/policies.pdf')).subarray(0, 3000));
    writeFileSync(join(dir, 'only-directives.rst'), '.. toctree::\n   :maxdepth: 2\n\n   intro\n\n.. _label:\n');
    writeFileSync(join(dir, 'noise.tex'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)));
    run = await curate(ws, ['run', 'configs/broken.yaml']);
  }, 300_000);

  it('finishes, and every broken file is a reject with its reason', async () => {
    expect(run.stderr + run.stdout).not.toMatch(/curate: /);
    expect(run.code).toBe(0);
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const rows = (await con.runAndReadAll(`SELECT url, reason FROM read_parquet('${join(ws, 'out/broken/rejects/*/*.parquet')}') ORDER BY url`)).getRows();
    const byFile = Object.fromEntries(rows.map(([url, reason]) => [String(url).replace(/^.*\//, ''), reason]));
    expect(byFile).toMatchObject({
      'broken.ipynb': 'extract.ipynb_invalid',
      'locked.pdf': 'extract.pdf_encrypted',
      'scan.pdf': 'extract.pdf_no_text',
      'cut.pdf': 'extract.pdf_corrupt',
      'only-directives.rst': 'extract.empty',
      'noise.tex': 'source.binary',
    });
    const stats = JSON.parse(readFileSync(join(ws, 'out/broken/stats.json'), 'utf8'));
    expect(stats.sources.formats.records).toBe(8);
    expect(stats.sources.formats.rejected).toBe(6);
    const staged = (await con.runAndReadAll(`SELECT content_type FROM read_parquet('${join(ws, 'out/broken/staging/**/*.parquet')}') ORDER BY 1`)).getRows().map((r) => r[0]);
    expect(staged).toEqual(['pdf', 'rst']);
  });
});
