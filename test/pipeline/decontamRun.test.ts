/**
 * Decontamination in real runs of the `curate` executable on data-samples: rejects carry
 * `decontam.<set>` and the item ids, the overlap report reaches stats.json, manifest.json,
 * MANIFEST.md and report.html, a changed evaluation set discards a resumed run's staging, and
 * `curate decontam` on the finished shards agrees with what the pipeline found.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { curate, workspace } from '../support/cliHarness.js';

// Real passages of two sample sources (public domain KJV, PSF-licensed Python tutorial) as items.
const RUTH = 'Intreat me not to leave thee, or to return from following after thee: for whither thou goest, I will go; and where thou lodgest, I will lodge';
const JONAH = 'So they took up Jonah, and cast him forth into the sea: and the sea ceased from her raging';
const PYTHON = 'You could write a Unix shell script or Windows batch files for some of these tasks, but shell scripts are best at moving around files and changing text data';
const OTHER = 'A question written for this test that appears in no sample document at all, whatever the normalisation does';

function config(name: string, action: string, extra = ''): string {
  return `name: ${name}
output: out/${name}
policy: licenses/permissive.yaml
sources:
  - { id: python-docs, kind: files, path: data-samples/prose/python-docs, license: PSF-2.0, domain: prose, exclude: ["**/SOURCE.md", "**/LICENSE"] }
  - { id: kjv-bible, kind: files, path: data-samples/prose/kjv-bible, license: LicenseRef-Public-Domain, include: ["Ruth-*", "Jonah-*"], exclude: ["**/SOURCE.md", "**/LICENSE"] }
ingest: { checkpoint_records: 3, batch_size: 2 }
decontaminate:
  sets:
    - { id: planted, path: eval/set.jsonl, fields: [question], license: CC0-1.0 }
  action: ${action}
mix:
  total_tokens: 1000000
  domains: { prose: 1 }
  max_epochs: 1
  seed: 1
${extra}`;
}

function writeSet(ws: string, items: { id: string; question: string }[]): void {
  writeFileSync(join(ws, 'eval', 'set.jsonl'), items.map((i) => JSON.stringify(i)).join('\n') + '\n');
}

function setup(name: string, action: string, items: { id: string; question: string }[]): string {
  const ws = workspace({ [`${name}.yaml`]: config(name, action) });
  rmSync(join(ws, 'eval'), { recursive: true, force: true });
  mkdirSync(join(ws, 'eval'));
  writeSet(ws, items);
  return ws;
}

async function query<T>(sql: string): Promise<T[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const rows = (await (await c.run(sql)).getRowObjectsJson()) as T[];
  c.closeSync();
  return rows;
}

const workspaces: string[] = [];
afterAll(() => {
  for (const w of workspaces) rmSync(w, { recursive: true, force: true });
});

describe('decontamination in a run', () => {
  it('reject: contaminated documents go to rejects with the set and item ids; the report shows them (2 workers, shared index)', async () => {
    const ws = setup('dc-reject', 'reject', [{ id: 'ruth', question: RUTH }, { id: 'py', question: PYTHON }, { id: 'none', question: OTHER }]);
    workspaces.push(ws);
    const r = await curate(ws, ['run', 'configs/dc-reject.yaml', '--workers', '2', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = join(ws, 'out/dc-reject');
    const rejects = await query<{ id: string; reason: string; detail: string }>(`SELECT id, reason, detail FROM read_parquet('${out}/rejects/**/*.parquet') WHERE reason LIKE 'decontam.%' ORDER BY id`);
    expect(rejects.length).toBe(2);
    expect(rejects.every((x) => x.reason === 'decontam.planted')).toBe(true);
    expect(rejects.map((x) => x.detail.match(/items (\w+)/)![1]).sort()).toEqual(['py', 'ruth']);
    const inShards = await query<{ n: number }>(`SELECT count(*)::INT AS n FROM read_parquet('${out}/shards/*.parquet') WHERE id IN (${rejects.map((x) => `'${x.id}'`).join(',')})`);
    expect(inShards[0]!.n).toBe(0);

    const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
    const set = stats.decontamination.sets[0];
    expect(set).toMatchObject({ id: 'planted', items: 3, items_found: 2, documents_hit: 2, rejected: 2, masked: 0, in_shards: 0, license: 'CC0-1.0' });
    expect(set.sources).toEqual({ 'kjv-bible': 1, 'python-docs': 1 });
    expect(stats.rejected_by_reason['decontam.planted']).toBe(2);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.decontamination.sets[0].rejected).toBe(2);
    expect(Object.keys(manifest).at(-1)).toBe('run_info');
    const md = readFileSync(join(out, 'MANIFEST.md'), 'utf8');
    expect(md).toContain('Decontaminated against planted (13-gram overlap on normalised text): 2 document(s) removed.');
    expect(md).toMatch(/\| planted \| CC0-1.0 \| 3 \| 2 \| 2 \| 2 \| 0 \| 0 \| kjv-bible \(1\), python-docs \(1\) \|/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<section id="decontamination">');
    expect(html).toContain('2 document(s) removed');

    // The standalone tool finds nothing left in the shards.
    const cli = await curate(ws, ['decontam', '--eval', 'eval/set.jsonl', '--field', 'question', '--in', 'out/dc-reject', '--out', 'clean.jsonl']);
    expect(cli.code).toBe(0);
    expect(readFileSync(join(ws, 'clean.jsonl'), 'utf8')).toBe('');
  }, 300_000);

  it('a changed evaluation set discards the staging of a resumed run', async () => {
    const ws = setup('dc-resume', 'reject', [{ id: 'ruth', question: RUTH }]);
    workspaces.push(ws);
    const first = await curate(ws, ['ingest', 'configs/dc-resume.yaml', '--workers', '1']);
    expect(first.code).toBe(0);
    const out = join(ws, 'out/dc-resume');
    const fp1 = JSON.parse(readFileSync(join(out, 'staging/_decontam.json'), 'utf8')).fingerprint;
    // Same set: a second ingest resumes (nothing redone).
    const again = await curate(ws, ['ingest', 'configs/dc-resume.yaml', '--workers', '1']);
    expect(again.stderr).toMatch(/0 partition\(s\) processed, \d+ already done/);
    // The set changes (one item added): the old staging must not be reused.
    writeSet(ws, [{ id: 'ruth', question: RUTH }, { id: 'jonah', question: JONAH }]);
    const r = await curate(ws, ['run', 'configs/dc-resume.yaml', '--workers', '1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('evaluation sets changed since the last ingest; discarding its staging');
    const fp2 = JSON.parse(readFileSync(join(out, 'staging/_decontam.json'), 'utf8')).fingerprint;
    expect(fp2).not.toBe(fp1);
    const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
    expect(stats.decontamination.sets[0]).toMatchObject({ items: 2, items_found: 2, rejected: 2 });
  }, 300_000);

  it('report: `curate decontam` on the finished shards finds exactly the documents the pipeline found; mask leaves nothing to find', async () => {
    const items = [{ id: 'ruth', question: RUTH }, { id: 'jonah', question: JONAH }, { id: 'py', question: PYTHON }, { id: 'none', question: OTHER }];
    const ws = setup('dc-report', 'report', items);
    workspaces.push(ws);
    const r = await curate(ws, ['run', 'configs/dc-report.yaml', '--workers', '2', '--quiet']);
    expect(r.code).toBe(0);
    const out = join(ws, 'out/dc-report');
    const pipeline = readFileSync(join(out, 'decontam/documents.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(pipeline.length).toBe(3);
    expect(pipeline.every((h) => h.outcome === 'reported' && h.in_shards)).toBe(true);
    const cli = await curate(ws, ['decontam', '--eval', 'eval/set.jsonl', '--field', 'question', '--in', 'out/dc-report', '--out', 'found.jsonl']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/decontam: \d+ documents checked, 3 contaminated \(13-gram\)/);
    expect(cli.stderr).toContain('set: 3 of 4 items found in 3 documents');
    const found = readFileSync(join(ws, 'found.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const key = (h: { id: string; eval_ids: string[]; ngrams: number; coverage: number }) => JSON.stringify([h.id, h.eval_ids, h.ngrams, h.coverage]);
    expect(found.map(key).sort()).toEqual(pipeline.map(key).sort());
    expect(Object.keys(found[0]).slice(0, 4)).toEqual(['id', 'eval_ids', 'ngrams', 'coverage']);

    // Same sets with mask: the spans are cut before the shards are written, so nothing is left to find.
    writeFileSync(join(ws, 'configs/dc-mask.yaml'), config('dc-mask', 'mask'));
    const m = await curate(ws, ['run', 'configs/dc-mask.yaml', '--workers', '1', '--quiet']);
    expect(m.code).toBe(0);
    const stats = JSON.parse(readFileSync(join(ws, 'out/dc-mask/stats.json'), 'utf8'));
    expect(stats.decontamination.totals).toMatchObject({ documents_hit: 3, masked: 3, rejected: 0 });
    expect(stats.decontamination.totals.chars_cut).toBeGreaterThanOrEqual(RUTH.length + JONAH.length + PYTHON.length - 30);
    const masked = await curate(ws, ['decontam', '--eval', 'eval/set.jsonl', '--field', 'question', '--in', 'out/dc-mask', '--out', 'none.jsonl']);
    expect(masked.code).toBe(0);
    // The masked documents are in the shards, shorter, with their tokens recounted.
    const rows = await query<{ text: string; signals: string }>(
      `SELECT text, signals::VARCHAR AS signals FROM read_parquet('${ws}/out/dc-mask/shards/*.parquet') WHERE id IN (${pipeline.map((h) => `'${h.id}'`).join(',')})`,
    );
    expect(rows.length).toBe(3);
    for (const row of rows) {
      // DuckDB shows the JSON column as a JSON string holding the object's JSON text: unwrap both.
      let sig = JSON.parse(row.signals);
      if (typeof sig === 'string') sig = JSON.parse(sig);
      expect(sig['decontam.masked_chars']).toBeGreaterThan(50);
      expect(row.text).not.toContain('cast him forth into the sea');
    }
    const before = await query<{ id: string; tokens: number }>(`SELECT id, tokens FROM read_parquet('${out}/shards/*.parquet') WHERE id IN (${pipeline.map((h) => `'${h.id}'`).join(',')}) ORDER BY id`);
    const after = await query<{ id: string; tokens: number }>(`SELECT id, tokens FROM read_parquet('${ws}/out/dc-mask/shards/*.parquet') WHERE id IN (${pipeline.map((h) => `'${h.id}'`).join(',')}) ORDER BY id`);
    after.forEach((a, i) => expect(a.tokens).toBeLessThan(before[i]!.tokens));
  }, 300_000);
});
