/**
 * The learned quality model (docs/labelling.md): scoring throughput (MB of text per CPU second,
 * one thread; target ≥ 20 MB/s) and the CPU time of `train-quality` on 10,000 labels (5-fold
 * cross-validation plus the final fit, as the command does; target < 10 s).
 *
 * Corpus: the 90 real documents of data-samples/jsonl/domain-samples.jsonl, annotated once outside
 * the timed regions. Scoring uses the shipped models/example-quality.json. Training uses 10,000
 * windows (1–4 KB, seeded) cut from those documents, each annotated, graded by its source's domain
 * with 20% of grades flipped (the cost of a fit does not depend on what the grades mean).
 * Run alone: node --import tsx bench/qualityModelBench.ts
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { annotate } from '../src/annotate/annotateDoc.js';
import { qualityPreset } from '../src/config/qualitySchema.js';
import type { ModelInput } from '../src/qualityModel/features.js';
import { readModelFile } from '../src/qualityModel/modelFile.js';
import { scoreModel } from '../src/qualityModel/qualityModel.js';
import { crossValidate, DEFAULT_TRAIN, rng, trainModel, type Example } from '../src/qualityModel/trainModel.js';

const repoRoot = resolve(import.meta.dirname, '..');
const TRAIN_LABELS = 10_000;

function cpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

function records(): { text: string; domain: string }[] {
  return readFileSync(resolve(repoRoot, 'data-samples/jsonl/domain-samples.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; domain: string });
}

function toInput(text: string, domain: string): ModelInput {
  const a = annotate({ text, contentType: domain === 'code' ? 'code' : 'text' }, qualityPreset('curate', { tokenizer: 'approx' }));
  return { text: a.text, signals: a.signals, quality: a.quality, domain: a.domain };
}

export async function benchQualityModel(): Promise<Record<string, number | string>> {
  const recs = records();
  const docs = recs.map((r) => toInput(r.text, r.domain));
  const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0);
  const model = readModelFile(resolve(repoRoot, 'models/example-quality.json')).compiled;

  // Scoring: passes over the corpus until ≥ 40 MB are scored.
  let sink = 0;
  for (const d of docs) sink += scoreModel(model, d); // warm-up
  const passes = Math.max(3, Math.ceil(40e6 / bytes));
  const c0 = cpuUs();
  for (let p = 0; p < passes; p++) for (const d of docs) sink += scoreModel(model, d);
  const scoreUs = cpuUs() - c0;
  const mbPerS = (bytes * passes) / 1e6 / (scoreUs / 1e6);

  // Training: 10,000 labelled windows.
  const rand = rng(7);
  const examples: Example[] = [];
  let trainBytes = 0;
  for (let i = 0; i < TRAIN_LABELS; i++) {
    const r = recs[Math.floor(rand() * recs.length)]!;
    const len = 1000 + Math.floor(rand() * 3000);
    const start = Math.floor(rand() * Math.max(1, r.text.length - len));
    const doc = toInput(r.text.slice(start, start + len), r.domain);
    trainBytes += Buffer.byteLength(doc.text);
    const liked = r.domain === 'science' || (r.domain === 'code' && rand() < 0.5);
    examples.push({ id: String(i), doc, grade: (rand() < 0.2 ? !liked : liked) ? 4 : 1 });
  }
  const t0 = cpuUs();
  const cv = crossValidate(examples, DEFAULT_TRAIN, 5);
  const file = trainModel(examples, DEFAULT_TRAIN, { name: 'bench', created: '', curateVersion: '0', labelsSha256: '' });
  const trainUs = cpuUs() - t0;
  if (!Number.isFinite(sink) || file.training.labels !== TRAIN_LABELS) throw new Error('quality model bench: unexpected result');
  return {
    'quality_model.score_MB_per_cpu_s': Math.round(mbPerS * 10) / 10,
    'quality_model.score_target_MB_per_s': 20,
    'quality_model.train_10k_labels_cpu_s': Math.round(trainUs / 1e5) / 10,
    'quality_model.train_target_s': 10,
    'quality_model.train_10k_text_MB': Math.round(trainBytes / 1e5) / 10,
    'quality_model.train_10k_cv_auc': Math.round(cv.cv_auc * 1000) / 1000,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await benchQualityModel())) process.stdout.write(`${k.padEnd(44)} ${v}\n`);
}
