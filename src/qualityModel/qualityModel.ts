import { denseFeatures, denseNames, forEachTerm, termsOf, type FeatureSpec, type ModelInput } from './features.js';

/**
 * The learned quality model: logistic regression over FeatureSpec's features. The file is JSON
 * (format below); `compileModel` turns it into dense arrays once, and `scoreModel` is then one
 * pass over the text.
 */
export const MODEL_FORMAT = 'curate-quality-model';

export interface QualityModelFile {
  format: typeof MODEL_FORMAT;
  version: 1;
  name: string;
  /** ISO date of training (metadata only; scoring never reads it). */
  created: string;
  curate_version: string;
  /** What it was trained on: label count, classes, the grade threshold, sha256 of the labels used. */
  training: { labels: number; positives: number; negatives: number; threshold: number; labels_sha256: string; l2: number; epochs: number; cv_auc: number | null; heuristic_auc: number | null; folds: number };
  features: FeatureSpec;
  bias: number;
  /** One weight per dense feature, in denseNames order. */
  dense_weights: number[];
  /** Hashed n-gram weights, sparse: buckets and their weights. */
  hashed: { index: number[]; weight: number[] };
}

/** A model ready to score: the hashed weights as a dense table. */
export interface CompiledModel {
  file: QualityModelFile;
  dense: Float64Array;
  table: Float32Array;
  scratch: Float64Array;
}

export function compileModel(file: QualityModelFile): CompiledModel {
  const table = new Float32Array(1 << file.features.hash_bits);
  file.hashed.index.forEach((b, i) => (table[b] = file.hashed.weight[i]!));
  return { file, dense: Float64Array.from(file.dense_weights), table, scratch: new Float64Array(file.dense_weights.length) };
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** The model's margin (log-odds) for a document. */
export function modelMargin(m: CompiledModel, doc: ModelInput): number {
  const x = denseFeatures(doc, m.file.features, m.scratch);
  let s = m.file.bias;
  for (let i = 0; i < x.length; i++) s += x[i]! * m.dense[i]!;
  const table = m.table;
  let hs = 0;
  const total = forEachTerm(doc.text, m.file.features.hash_bits, m.file.features.ngrams, (b) => {
    hs += table[b]!;
  });
  return total > 0 ? s + hs / Math.sqrt(total) : s;
}

/** Probability that the document is "keep" (grade ≥ threshold), 0..1. */
export function scoreModel(m: CompiledModel, doc: ModelInput): number {
  return sigmoid(modelMargin(m, doc));
}

export interface Contribution {
  feature: string;
  value: number;
  contribution: number;
}

/** The features that moved a document's score most, by |weight × value| (margin units). */
export function explainScore(m: CompiledModel, doc: ModelInput, top = 10): { probability: number; margin: number; bias: number; terms_total: number; contributions: Contribution[] } {
  const names = denseNames(m.file.features);
  const x = denseFeatures(doc, m.file.features);
  const out: Contribution[] = names.map((feature, i) => ({ feature, value: round(x[i]!), contribution: x[i]! * m.dense[i]! }));
  const terms = termsOf(doc.text, m.file.features.hash_bits, m.file.features.ngrams);
  let total = 0;
  for (const t of terms.values()) total += t.count;
  const norm = total > 0 ? 1 / Math.sqrt(total) : 0;
  let termsTotal = 0;
  for (const [term, t] of terms) {
    const w = m.table[t.bucket]!;
    termsTotal += w * t.count * norm;
    if (w !== 0) out.push({ feature: `term:${term}`, value: round(t.count * norm), contribution: w * t.count * norm });
  }
  out.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1));
  const margin = modelMargin(m, doc);
  return { probability: sigmoid(margin), margin, bias: m.file.bias, terms_total: round(termsTotal), contributions: out.slice(0, top).map((c) => ({ ...c, contribution: round(c.contribution) })) };
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/** Checks a parsed model file's shape; the error says what is wrong (a hand-edited or foreign file). */
export function validateModelFile(v: unknown): QualityModelFile {
  const m = v as Partial<QualityModelFile> | null;
  const fail = (what: string) => {
    throw new Error(`not a curate quality model (${what}); train one with \`curate train-quality\``);
  };
  if (!m || typeof m !== 'object' || m.format !== MODEL_FORMAT) fail(`"format" must be "${MODEL_FORMAT}"`);
  if (m!.version !== 1) fail(`unsupported version ${String(m!.version)}`);
  const f = m!.features;
  if (!f || !Number.isInteger(f.hash_bits) || f.hash_bits < 4 || f.hash_bits > 24) fail('features.hash_bits must be an integer 4..24');
  if (!Array.isArray(f!.ngrams) || f!.ngrams.some((n) => !Number.isInteger(n) || n < 1 || n > 5)) fail('features.ngrams must be integers 1..5');
  if (!Array.isArray(f!.signals) || !Array.isArray(f!.domains) || !f!.quality) fail('features.signals, features.quality and features.domains are required');
  const nDense = f!.signals.length + 1 + f!.domains.length;
  if (!Array.isArray(m!.dense_weights) || m!.dense_weights.length !== nDense) fail(`dense_weights must hold ${nDense} numbers`);
  if (typeof m!.bias !== 'number') fail('bias must be a number');
  const h = m!.hashed;
  if (!h || !Array.isArray(h.index) || !Array.isArray(h.weight) || h.index.length !== h.weight.length) fail('hashed.index and hashed.weight must be arrays of equal length');
  const size = 1 << f!.hash_bits;
  if (h!.index.some((b) => !Number.isInteger(b) || b < 0 || b >= size)) fail(`hashed.index entries must be buckets 0..${size - 1}`);
  return m as QualityModelFile;
}
