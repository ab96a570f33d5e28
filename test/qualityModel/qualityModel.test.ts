import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotate } from '../../src/annotate/annotateDoc.js';
import { qualityPreset } from '../../src/config/qualitySchema.js';
import { agreement, kappa } from '../../src/label/agreement.js';
import { pickNext } from '../../src/label/pickNext.js';
import { auc } from '../../src/qualityModel/auc.js';
import { forEachTerm, hashedFeatures, termsOf, type ModelInput } from '../../src/qualityModel/features.js';
import { compileModel, explainScore, scoreModel, validateModelFile } from '../../src/qualityModel/qualityModel.js';
import { crossValidate, DEFAULT_TRAIN, trainModel, type Example } from '../../src/qualityModel/trainModel.js';

const repo = join(import.meta.dirname, '../..');

/** The 90 real documents of data-samples/jsonl (code, prose, science), annotated as the pipeline does. */
function realDocs(): (ModelInput & { id: string; origin: string; given: string })[] {
  const cfg = qualityPreset();
  return readFileSync(join(repo, 'data-samples/jsonl/domain-samples.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; text: string; origin: string; domain: string })
    .map((r) => {
      const a = annotate({ text: r.text, contentType: r.domain === 'code' ? 'code' : 'text' }, cfg);
      return { id: r.id, origin: r.origin, given: r.domain, text: a.text, signals: a.signals, quality: a.quality, domain: a.domain };
    });
}

describe('auc', () => {
  it('is 1 for a perfect ranking, 0.5 for ties, NaN without both classes', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [false, false, true, true])).toBe(0);
    expect(auc([1, 1, 1, 1], [false, true, false, true])).toBe(0.5);
    expect(auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    expect(auc([1, 2], [true, true])).toBeNaN();
  });
});

describe('kappa and agreement', () => {
  it('gives 1 for identical ratings, 0 for chance-level, and weights near misses less', () => {
    expect(kappa([[0, 0], [1, 1], [0, 0], [1, 1]], 2, (i, j) => (i === j ? 0 : 1))).toBe(1);
    // Rater 2 says 1 half the time whatever rater 1 says: chance agreement.
    expect(kappa([[0, 0], [0, 1], [1, 0], [1, 1]], 2, (i, j) => (i === j ? 0 : 1))).toBe(0);
    const w = (i: number, j: number) => ((i - j) / 5) ** 2;
    const near = kappa([[2, 3], [3, 2], [4, 5], [5, 4], [0, 1], [1, 0]], 6, w)!;
    const far = kappa([[2, 5], [3, 0], [4, 1], [5, 2], [0, 3], [1, 4]], 6, w)!;
    expect(near).toBeGreaterThan(0.5);
    expect(far).toBeLessThan(0);
  });
  it('pairs labels of the same document across labellers only', () => {
    const a = agreement([
      { id: 'a', labeller: 'x', quality: 4 },
      { id: 'a', labeller: 'y', quality: 5 },
      { id: 'b', labeller: 'x', quality: 1 },
      { id: 'b', labeller: 'y', quality: 1 },
      { id: 'c', labeller: 'x', quality: 3 },
    ]);
    expect(a.documents).toBe(2);
    expect(a.pairs).toBe(2);
    expect(a.keep_drop_kappa).toBe(1);
    expect(a.grade_weighted_kappa).toBeGreaterThan(0.9);
    expect(agreement([{ id: 'a', labeller: 'x', quality: 3 }]).keep_drop_kappa).toBeNull();
  });
});

describe('pickNext', () => {
  const c = [
    { id: 'far', uncertainty: 0.4, tie: 1 },
    { id: 'near', uncertainty: 0.01, tie: 5 },
    { id: 'near2', uncertainty: 0.01, tie: 2 },
  ];
  it('picks the least certain document, ties by the tie-breaker', () => {
    expect(pickNext(c, 0, () => 0.9)).toEqual({ id: 'near2', pick: 'uncertain' });
  });
  it('picks uniformly at random when the draw falls in the random share', () => {
    const draws = [0.05, 0.0];
    expect(pickNext(c, 0.2, () => draws.shift()!)).toEqual({ id: 'far', pick: 'random' });
    expect(pickNext([], 0.2, Math.random)).toBeUndefined();
  });
});

describe('hashed word n-gram features', () => {
  it('are case-insensitive, count every n-gram occurrence, and match the explained terms', () => {
    const a = hashedFeatures('The cat sat. the CAT sat!', 12, [1, 2]);
    const b = hashedFeatures('the cat sat the cat sat', 12, [1, 2]);
    expect(Array.from(a.index)).toEqual(Array.from(b.index));
    expect(Array.from(a.value)).toEqual(Array.from(b.value));
    // 6 unigrams + 5 bigrams.
    expect(forEachTerm('the cat sat the cat sat', 12, [1, 2], () => {})).toBe(11);
    const terms = termsOf('the cat sat the cat sat', 12, [1, 2]);
    expect(terms.get('cat sat')!.count).toBe(2);
    expect(terms.get('sat the')!.count).toBe(1);
    const seen: number[] = [];
    forEachTerm('cat sat', 12, [1, 2], (b) => seen.push(b));
    expect(seen).toEqual([terms.get('cat')!.bucket, terms.get('sat')!.bucket, terms.get('cat sat')!.bucket]);
  });
});

describe('training and scoring', () => {
  const docs = realDocs();

  it('prefers one kind of real document when the labels do, and ranks held-back documents better than the textbook score', () => {
    // The expert of this test wants Python (stdlib code and docs) and not Perl modules, the KJV or the Devil's Dictionary.
    const liked = (o: string) => /python3\.11|libpython3\.11/.test(o);
    const disliked = (o: string) => /perl-modules|bible-kjv|dict-devil/.test(o);
    const pool = docs.filter((d) => liked(d.origin) || disliked(d.origin));
    const examples: Example[] = pool.map((d) => ({ id: d.id, doc: d, grade: liked(d.origin) ? 4 : 1 }));
    // Hold back every third document (by position, not by looking at it).
    const train = examples.filter((_, i) => i % 3 !== 0);
    const held = examples.filter((_, i) => i % 3 === 0);
    expect(held.filter((e) => e.grade >= 3).length).toBeGreaterThanOrEqual(3);
    expect(held.filter((e) => e.grade < 3).length).toBeGreaterThanOrEqual(3);
    const file = trainModel(train, DEFAULT_TRAIN, { name: 't', created: '2026-01-01', curateVersion: '0', labelsSha256: 'x' });
    const m = compileModel(validateModelFile(JSON.parse(JSON.stringify(file))));
    const labels = held.map((e) => e.grade >= 3);
    const modelAuc = auc(held.map((e) => scoreModel(m, e.doc)), labels);
    const heuristicAuc = auc(held.map((e) => e.doc.quality), labels);
    console.log(`held-back documents: model AUC ${modelAuc.toFixed(3)}, textbook score AUC ${heuristicAuc.toFixed(3)}`);
    expect(modelAuc).toBeGreaterThan(heuristicAuc);
    expect(modelAuc).toBeGreaterThanOrEqual(0.9);
  });

  it('is deterministic, cross-validates, and explains a score by its features', () => {
    const examples: Example[] = docs.map((d) => ({ id: d.id, doc: d, grade: d.given === 'science' ? 4 : 2 }));
    const meta = { name: 't', created: '2026-01-01', curateVersion: '0', labelsSha256: 'x' };
    const a = trainModel(examples, DEFAULT_TRAIN, meta);
    const b = trainModel(examples, DEFAULT_TRAIN, meta);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.training).toMatchObject({ labels: 90, positives: 30, negatives: 60, threshold: 3 });
    const cv = crossValidate(examples, DEFAULT_TRAIN, 5);
    expect(cv.folds).toBe(5);
    expect(cv.cv_auc).toBeGreaterThan(0.8);
    const m = compileModel(a);
    const e = explainScore(m, docs[0]!, 5);
    expect(e.contributions).toHaveLength(5);
    expect(e.probability).toBeCloseTo(scoreModel(m, docs[0]!), 6);
    // The contributions are sorted by size.
    const sizes = e.contributions.map((c) => Math.abs(c.contribution));
    expect([...sizes].sort((x, y) => y - x)).toEqual(sizes);
  });

  it('rejects a model file that is not one, saying what is wrong', () => {
    expect(() => validateModelFile({ format: 'x' })).toThrow(/not a curate quality model.*format/);
    const ok = trainModel(docs.slice(0, 10).map((d, i) => ({ id: d.id, doc: d, grade: i % 2 ? 4 : 1 })), { ...DEFAULT_TRAIN, epochs: 2 }, { name: 't', created: '', curateVersion: '0', labelsSha256: '' });
    expect(() => validateModelFile({ ...ok, dense_weights: [1] })).toThrow(/dense_weights must hold/);
    expect(() => validateModelFile({ ...ok, hashed: { index: [1 << 20], weight: [1] } })).toThrow(/buckets/);
  });
});
