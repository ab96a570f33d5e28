import { auc } from './auc.js';
import { denseFeatures, hashedFeatures, type FeatureSpec, type ModelInput } from './features.js';
import { MODEL_FORMAT, type QualityModelFile } from './qualityModel.js';

/**
 * Training of the quality model, pure: examples in, model (and cross-validated AUC) out.
 * Logistic regression with L2, fitted by AdaGrad SGD in a seeded order (deterministic).
 */

export interface Example {
  id: string;
  doc: ModelInput;
  /** The expert's grade 0..5. */
  grade: number;
}

export interface TrainOptions {
  /** Grades ≥ threshold are "keep" (positive). */
  threshold: number;
  hashBits: number;
  ngrams: number[];
  /** L2 strength per example. */
  l2: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = { threshold: 3, hashBits: 16, ngrams: [1, 2], l2: 1e-3, epochs: 10, learningRate: 0.5, seed: 1 };

/** Hashed weights smaller than this are left out of the model file (they do not move a score). */
const PRUNE = 1e-4;

/** A deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Signal statistics of the training documents: every signal that varies, sorted by name. */
export function buildSpec(docs: ModelInput[], o: Pick<TrainOptions, 'hashBits' | 'ngrams'>): FeatureSpec {
  const acc = new Map<string, { n: number; s: number; ss: number }>();
  for (const d of docs) {
    for (const [k, v] of Object.entries(d.signals)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      const a = acc.get(k) ?? { n: 0, s: 0, ss: 0 };
      a.n++;
      a.s += v;
      a.ss += v * v;
      acc.set(k, a);
    }
  }
  const stat = (n: number, s: number, ss: number) => {
    const mean = s / n;
    return { mean, std: Math.sqrt(Math.max(0, ss / n - mean * mean)) };
  };
  const signals = [...acc.entries()]
    .map(([name, a]) => ({ name, ...stat(a.n, a.s, a.ss) }))
    .filter((s) => s.std > 1e-9)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((s) => ({ name: s.name, mean: r6(s.mean), std: r6(s.std) }));
  const q = stat(docs.length, docs.reduce((s, d) => s + d.quality, 0), docs.reduce((s, d) => s + d.quality * d.quality, 0));
  return {
    hash_bits: o.hashBits,
    ngrams: [...o.ngrams].sort(),
    signals,
    quality: { mean: r6(q.mean), std: r6(q.std > 1e-9 ? q.std : 1) },
    domains: [...new Set(docs.map((d) => d.domain))].sort(),
  };
}

function r6(v: number): number {
  return Number(v.toPrecision(6));
}

interface Featurized {
  dense: Float64Array;
  index: Int32Array;
  value: Float32Array;
  y: number;
}

/**
 * Hashed features depend only on the text and the hashing settings, not on a fold's statistics:
 * computed once per document and reused by every cross-validation fold and the final fit.
 */
const hashedCache = new WeakMap<ModelInput, { key: string; index: Int32Array; value: Float32Array }>();

function hashedOf(doc: ModelInput, spec: FeatureSpec): { index: Int32Array; value: Float32Array } {
  const key = `${spec.hash_bits}/${spec.ngrams.join(',')}`;
  const hit = hashedCache.get(doc);
  if (hit && hit.key === key) return hit;
  const h = { key, ...hashedFeatures(doc.text, spec.hash_bits, spec.ngrams) };
  hashedCache.set(doc, h);
  return h;
}

function featurize(examples: Example[], spec: FeatureSpec, threshold: number): Featurized[] {
  return examples.map((e) => {
    const h = hashedOf(e.doc, spec);
    return { dense: denseFeatures(e.doc, spec), index: h.index, value: h.value, y: e.grade >= threshold ? 1 : 0 };
  });
}

interface Weights {
  bias: number;
  dense: Float64Array;
  hashed: Float64Array;
}

function fit(rows: Featurized[], nDense: number, hashBits: number, o: TrainOptions): Weights {
  const w: Weights = { bias: 0, dense: new Float64Array(nDense), hashed: new Float64Array(1 << hashBits) };
  // AdaGrad accumulators. Locals, not property reads, in the inner loops: this is the hot path.
  let gBias = 1e-8;
  const gDense = new Float64Array(nDense).fill(1e-8);
  const gHashed = new Float32Array(1 << hashBits).fill(1e-8);
  const wd = w.dense;
  const wh = w.hashed;
  const order = rows.map((_, i) => i);
  const rand = rng(o.seed);
  const lr = o.learningRate;
  const l2 = o.l2;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (let k = 0; k < order.length; k++) {
      const r = rows[order[k]!]!;
      const xd = r.dense;
      const idx = r.index;
      const val = r.value;
      const n = idx.length;
      let m = w.bias;
      for (let i = 0; i < nDense; i++) m += wd[i]! * xd[i]!;
      for (let i = 0; i < n; i++) m += wh[idx[i]!]! * val[i]!;
      const p = m >= 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));
      const err = p - r.y;
      gBias += err * err;
      w.bias -= (lr * err) / Math.sqrt(gBias);
      for (let i = 0; i < nDense; i++) {
        const g = err * xd[i]! + l2 * wd[i]!;
        gDense[i] += g * g;
        wd[i] -= (lr * g) / Math.sqrt(gDense[i]!);
      }
      // L2 on the hashed weights is applied where a document touches them (lazy, as usual for sparse SGD).
      for (let i = 0; i < n; i++) {
        const b = idx[i]!;
        const g = err * val[i]! + l2 * wh[b]!;
        const acc = gHashed[b]! + g * g;
        gHashed[b] = acc;
        wh[b] -= (lr * g) / Math.sqrt(acc);
      }
    }
  }
  return w;
}

function margin(w: Weights, r: Featurized): number {
  let m = w.bias;
  for (let i = 0; i < r.dense.length; i++) m += w.dense[i]! * r.dense[i]!;
  for (let i = 0; i < r.index.length; i++) m += w.hashed[r.index[i]!]! * r.value[i]!;
  return m;
}

/** Trains on all examples and returns the model file (metadata filled by the caller's values). */
export function trainModel(
  examples: Example[],
  o: TrainOptions,
  meta: { name: string; created: string; curateVersion: string; labelsSha256: string; cv?: CrossValidation },
): QualityModelFile {
  const spec = buildSpec(examples.map((e) => e.doc), o);
  const rows = featurize(examples, spec, o.threshold);
  const nDense = spec.signals.length + 1 + spec.domains.length;
  const w = fit(rows, nDense, o.hashBits, o);
  const index: number[] = [];
  const weight: number[] = [];
  w.hashed.forEach((v, b) => {
    if (Math.abs(v) >= PRUNE) {
      index.push(b);
      weight.push(Number(v.toPrecision(4))); // 4 digits: the file stays small, scores move < 1e-3
    }
  });
  const positives = rows.filter((r) => r.y === 1).length;
  return {
    format: MODEL_FORMAT,
    version: 1,
    name: meta.name,
    created: meta.created,
    curate_version: meta.curateVersion,
    training: {
      labels: rows.length,
      positives,
      negatives: rows.length - positives,
      threshold: o.threshold,
      labels_sha256: meta.labelsSha256,
      l2: o.l2,
      epochs: o.epochs,
      cv_auc: meta.cv ? roundOrNull(meta.cv.cv_auc) : null,
      heuristic_auc: meta.cv ? roundOrNull(meta.cv.heuristic_auc) : null,
      folds: meta.cv?.folds ?? 0,
    },
    features: spec,
    bias: r6(w.bias),
    dense_weights: Array.from(w.dense, r6),
    hashed: { index, weight },
  };
}

export interface CrossValidation {
  labels: number;
  folds: number;
  /** Mean over folds of the model's AUC on the held-out fold. */
  cv_auc: number;
  /** Mean over the same folds of the textbook score's AUC. */
  heuristic_auc: number;
}

function roundOrNull(v: number): number | null {
  return Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null;
}

/**
 * k-fold cross-validation, stratified by class, folds assigned in a seeded order. Each fold's
 * feature statistics come from its training part only, so nothing of the held-out fold leaks.
 */
export function crossValidate(examples: Example[], o: TrainOptions, k = 5): CrossValidation {
  const rand = rng(o.seed + 7919);
  const fold = new Int32Array(examples.length);
  for (const cls of [true, false]) {
    const members = examples.map((e, i) => ({ i, pos: e.grade >= o.threshold })).filter((e) => e.pos === cls).map((e) => e.i);
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    members.forEach((m, n) => (fold[m] = n % k));
  }
  const model: number[] = [];
  const heur: number[] = [];
  for (let f = 0; f < k; f++) {
    const train = examples.filter((_, i) => fold[i] !== f);
    const test = examples.filter((_, i) => fold[i] === f);
    const labels = test.map((e) => e.grade >= o.threshold);
    if (!labels.includes(true) || !labels.includes(false) || train.length === 0) continue;
    const spec = buildSpec(train.map((e) => e.doc), o);
    const nDense = spec.signals.length + 1 + spec.domains.length;
    const w = fit(featurize(train, spec, o.threshold), nDense, o.hashBits, o);
    const scores = featurize(test, spec, o.threshold).map((r) => margin(w, r));
    model.push(auc(scores, labels));
    heur.push(auc(test.map((e) => e.doc.quality), labels));
  }
  const mean = (a: number[]) => (a.length ? a.reduce((s, v) => s + v, 0) / a.length : NaN);
  return { labels: examples.length, folds: model.length, cv_auc: mean(model), heuristic_auc: mean(heur) };
}

/**
 * AUC against the number of labels: for each size, `repeats` seeded subsets, cross-validated;
 * the mean over subsets. Shows whether more labels would still help.
 */
export function learningCurve(examples: Example[], o: TrainOptions, sizes: number[], repeats = 5, k = 5): { labels: number; cv_auc: number; heuristic_auc: number }[] {
  return sizes
    .filter((n) => n <= examples.length)
    .map((n) => {
      const cvs: CrossValidation[] = [];
      for (let r = 0; r < (n === examples.length ? 1 : repeats); r++) {
        const rand = rng(o.seed * 1000 + r + n);
        const pool = [...examples];
        for (let i = pool.length - 1; i > 0; i--) {
          const j = Math.floor(rand() * (i + 1));
          [pool[i], pool[j]] = [pool[j]!, pool[i]!];
        }
        cvs.push(crossValidate(pool.slice(0, n), o, k));
      }
      const ok = cvs.filter((c) => Number.isFinite(c.cv_auc));
      const mean = (f: (c: CrossValidation) => number) => Math.round((ok.reduce((s, c) => s + f(c), 0) / ok.length) * 1e4) / 1e4;
      return { labels: n, cv_auc: mean((c) => c.cv_auc), heuristic_auc: mean((c) => c.heuristic_auc) };
    });
}
