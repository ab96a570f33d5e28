/**
 * The learned-quality-model commands as a user runs them (the real executable): train-quality on
 * labels of real documents, score --model, a run with quality.model and min_model_score, sample
 * --min-model-score, and the errors for bad input.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { curate, smallConfig, workspace } from '../support/cliHarness.js';
import { textSha256 } from '../../src/label/labelExamples.js';

describe('curate train-quality, score --model, quality.model', () => {
  let ws: string;
  let trained: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    ws = workspace();
    // Labels from a reader who wants science and code and not prose, on the 90 real documents.
    const lines = readFileSync(join(ws, 'data-samples/jsonl/domain-samples.jsonl'), 'utf8').split('\n').filter(Boolean);
    const labels = lines.map((l) => {
      const r = JSON.parse(l) as { id: string; text: string; domain: string };
      return JSON.stringify({ id: r.id, labeller: 'tester', quality: r.domain === 'prose' ? 1 : 4, text_sha256: textSha256(r.text) });
    });
    // One label whose text has changed since (wrong sha256) and one for a document not in the corpus.
    labels.push(JSON.stringify({ id: 'dev-code-000', labeller: 'other', quality: 0, text_sha256: textSha256('older text') }));
    labels.push(JSON.stringify({ id: 'gone', labeller: 'tester', quality: 5, text_sha256: 'x' }));
    writeFileSync(join(ws, 'labels.jsonl'), `${labels.join('\n')}\n`);
    trained = await curate(ws, ['train-quality', '--labels', 'labels.jsonl', '--in', 'data-samples/jsonl/domain-samples.jsonl', '--out', 'models/test.json', '--hash-bits', '12']);
  }, 120_000);

  it('trains, prints cross-validated AUC next to the heuristic, and skips stale and unknown labels saying so', () => {
    expect(trained.code, trained.stderr).toBe(0);
    const r = JSON.parse(trained.stdout) as Record<string, number>;
    expect(r).toMatchObject({ labels: 90, positives: 60, negatives: 30, stale: 1, missing: 1, folds: 5 });
    expect(r.cv_auc).toBeGreaterThan(0.8);
    expect(typeof r.heuristic_auc).toBe('number');
    expect(trained.stderr).toMatch(/1 label\(s\) skipped: their document's text changed/);
    const m = JSON.parse(readFileSync(join(ws, 'models/test.json'), 'utf8'));
    expect(m).toMatchObject({ format: 'curate-quality-model', name: 'test', features: { hash_bits: 12, ngrams: [1, 2] } });
    expect(m.training.labels_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.curate_version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('shows the model score and the features that moved it for one document', async () => {
    const r = await curate(ws, ['score', '--json', '--model', 'models/test.json', 'data-samples/code/cpython-stdlib/' + 'json/__init__.py']);
    expect([0, 1]).toContain(r.code);
    const o = JSON.parse(r.stdout);
    expect(o.model.score).toBeGreaterThanOrEqual(0);
    expect(o.model.score).toBeLessThanOrEqual(1);
    expect(o.model.top_features).toHaveLength(8);
    const text = await curate(ws, ['score', '--model', 'models/test.json', 'data-samples/code/cpython-stdlib/json/__init__.py']);
    expect(text.stdout).toMatch(/model\s+[0-9.]+ = P\(keep\) by test/);
    const bad = await curate(ws, ['score', '--model', 'configs/example.yaml', 'data-samples/code/cpython-stdlib/json/__init__.py']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not JSON|not a curate quality model/);
  });

  it('adds quality_model to a run and rejects below min_model_score with quality.model_below', async () => {
    const cfg = smallConfig('qm', 'quality:\n  model: models/test.json\n  min_model_score: 0.5\n');
    writeFileSync(join(ws, 'configs/qm.yaml'), cfg);
    const r = await curate(ws, ['run', 'configs/qm.yaml', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    const stats = JSON.parse(readFileSync(join(ws, 'out/qm/stats.json'), 'utf8'));
    const reasons = Object.values(stats.sources as Record<string, { rejected_by_reason: Record<string, number> }>).reduce((n, s) => n + (s.rejected_by_reason['quality.model_below'] ?? 0), 0);
    expect(reasons).toBeGreaterThan(0);
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const [[rows, low, nulls]] = (await con.runAndReadAll(`SELECT count(*)::INT, count(*) FILTER (WHERE quality_model < 0.5)::INT, count(*) FILTER (WHERE quality_model IS NULL)::INT FROM read_parquet('${join(ws, 'out/qm/shards/*.parquet')}')`)).getRows() as [[number, number, number]];
    expect(rows).toBeGreaterThan(0);
    expect(low).toBe(0);
    expect(nulls).toBe(0);
    const manifest = JSON.parse(readFileSync(join(ws, 'out/qm/manifest.json'), 'utf8'));
    expect(manifest.quality_model.sha256).toBe(createHash('sha256').update(readFileSync(join(ws, 'models/test.json'))).digest('hex'));
    expect(manifest.quality_model.min_model_score).toBe(0.5);
    const s = await curate(ws, ['sample', 'out/qm', '--json', '--n', '100', '--min-model-score', '0.9']);
    expect(s.code).toBe(0);
    const picked = s.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { quality_model: number });
    expect(picked.every((p) => p.quality_model >= 0.9)).toBe(true);
  }, 180_000);

  it('says which file and field when the model is missing, and refuses min_model_score without a model', async () => {
    writeFileSync(join(ws, 'configs/nomodel.yaml'), smallConfig('nomodel', 'quality:\n  model: models/none.json\n'));
    const r = await curate(ws, ['run', 'configs/nomodel.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/configs\/nomodel\.yaml:\d+ quality\.model: quality model .*none\.json: cannot read it/);
    writeFileSync(join(ws, 'configs/nomin.yaml'), smallConfig('nomin', 'quality:\n  min_model_score: 0.5\n'));
    const r2 = await curate(ws, ['run', 'configs/nomin.yaml']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/min_model_score: expected quality\.model too/);
    const t = await curate(ws, ['train-quality', '--in', 'data-samples/jsonl/domain-samples.jsonl', '--out', 'models/x.json']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/exactly one of --db FILE or --labels/);
  }, 60_000);
});
