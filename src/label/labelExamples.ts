import { createHash } from 'node:crypto';
import type { Example } from '../qualityModel/trainModel.js';
import type { CorpusDoc } from './corpusDocs.js';

/** What a training set needs of a label (the store's rows and exported JSONL lines both fit). */
export interface LabelLike {
  id: string;
  labeller: string;
  quality: number;
  text_sha256: string;
}

export function textSha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Joins labels to the corpus: one example per document, graded by the mean of its labellers'
 * grades (so a document graded twice cannot sit on both sides of a cross-validation split). A
 * label whose document is gone, or whose text changed since it was graded (sha256 differs), is
 * not used: it is counted and reported, never silently reused.
 */
export function examplesFromLabels(labels: LabelLike[], docs: Map<string, CorpusDoc>, shaOf: (d: CorpusDoc) => string): { examples: Example[]; used: LabelLike[]; stale: LabelLike[]; missing: LabelLike[] } {
  const used: LabelLike[] = [];
  const stale: LabelLike[] = [];
  const missing: LabelLike[] = [];
  const grades = new Map<string, number[]>();
  for (const l of labels) {
    const d = docs.get(l.id);
    if (!d) missing.push(l);
    else if (shaOf(d) !== l.text_sha256) stale.push(l);
    else {
      used.push(l);
      const g = grades.get(l.id) ?? [];
      g.push(l.quality);
      grades.set(l.id, g);
    }
  }
  const examples: Example[] = [...grades].map(([id, g]) => ({ id, doc: docs.get(id)!, grade: g.reduce((s, v) => s + v, 0) / g.length }));
  return { examples, used, stale, missing };
}

/** sha256 of the labels a model was trained on (order-independent), recorded in the model file. */
export function labelsSha256(labels: LabelLike[]): string {
  const lines = labels.map((l) => `${l.id}\t${l.labeller}\t${l.quality}\t${l.text_sha256}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
