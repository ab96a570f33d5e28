/**
 * Features of the learned quality model: the annotator's signals and textbook score
 * (standardised), the domain (one-hot) and hashed word n-grams. Pure functions; one pass over
 * the text with no allocation per word, so scoring keeps up with ingest.
 */

/** What a document offers the model: the same fields phase 1 has after annotation. */
export interface ModelInput {
  text: string;
  signals: Record<string, number>;
  /** The 0..5 textbook score. */
  quality: number;
  domain: string;
}

/** How a model turns a document into numbers; stored in the model file so scoring repeats training exactly. */
export interface FeatureSpec {
  /** Hashed n-gram buckets: 2^hash_bits. */
  hash_bits: number;
  /** Word n-gram orders hashed, e.g. [1, 2]. */
  ngrams: number[];
  /** Signals used, with the mean and standard deviation of the training documents (z-scores clipped to ±Z_CLIP). */
  signals: { name: string; mean: number; std: number }[];
  /** The textbook score's mean and standard deviation. */
  quality: { mean: number; std: number };
  /** Domains, one indicator feature each. */
  domains: string[];
}

export const Z_CLIP = 5;

/** Dense feature names in weight order: signals, then the textbook score, then the domains. */
export function denseNames(spec: FeatureSpec): string[] {
  return [...spec.signals.map((s) => `signal:${s.name}`), 'textbook_score', ...spec.domains.map((d) => `domain:${d}`)];
}

function z(v: number, mean: number, std: number): number {
  const r = (v - mean) / std;
  return r > Z_CLIP ? Z_CLIP : r < -Z_CLIP ? -Z_CLIP : r;
}

/** The dense feature vector (length denseNames(spec).length). A missing signal counts as the training mean. */
export function denseFeatures(doc: ModelInput, spec: FeatureSpec, out: Float64Array = new Float64Array(spec.signals.length + 1 + spec.domains.length)): Float64Array {
  let i = 0;
  for (const s of spec.signals) {
    const v = doc.signals[s.name];
    out[i++] = typeof v === 'number' && Number.isFinite(v) ? z(v, s.mean, s.std) : 0;
  }
  out[i++] = z(doc.quality, spec.quality.mean, spec.quality.std);
  for (const d of spec.domains) out[i++] = doc.domain === d ? 1 : 0;
  return out;
}

/** murmur3's finaliser: spreads FNV's low bits before masking to a bucket. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Word characters: ASCII letters and digits, `_`, and anything non-ASCII (letters of other scripts). */
const WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) WORD[c] = 1;
for (let c = 65; c <= 90; c++) WORD[c] = 1;
for (let c = 97; c <= 122; c++) WORD[c] = 1;
WORD[95] = 1;

/**
 * Calls `visit(bucket)` for every word n-gram occurrence of the text (words lower-cased; an
 * n-gram's hash combines its words' hashes, so nothing is concatenated). Returns the number of
 * occurrences, the normaliser of the hashed features.
 */
export function forEachTerm(text: string, hashBits: number, ngrams: number[], visit: (bucket: number) => void): number {
  const mask = (1 << hashBits) - 1;
  const maxN = Math.max(1, ...ngrams);
  const wantN = new Uint8Array(maxN + 1);
  for (const n of ngrams) wantN[n] = 1;
  // The last maxN word hashes, as a ring.
  const ring = new Uint32Array(maxN);
  let words = 0;
  let terms = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  const len = text.length;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? text.charCodeAt(i) : 32;
    if (c >= 128 || WORD[c] === 1) {
      const lc = c >= 65 && c <= 90 ? c + 32 : c;
      h = Math.imul(h ^ lc, FNV_PRIME);
      inWord = true;
      continue;
    }
    if (!inWord) continue;
    inWord = false;
    ring[words % maxN] = h >>> 0;
    words++;
    h = FNV_OFFSET;
    // n-grams ending at this word: combine hashes of the last n words, newest first.
    let g = 0;
    for (let n = 1; n <= maxN && n <= words; n++) {
      g = Math.imul(g ^ ring[(words - n) % maxN]!, FNV_PRIME) + n;
      if (wantN[n] === 1) {
        visit(mix(g) & mask);
        terms++;
      }
    }
  }
  return terms;
}

/** The n-gram strings of a text with their bucket (for explanations; slow, allocates). */
export function termsOf(text: string, hashBits: number, ngrams: number[]): Map<string, { bucket: number; count: number }> {
  const words = text.toLowerCase().match(/[a-z0-9_\u0080-\uffff]+/g) ?? [];
  const buckets: number[] = [];
  forEachTerm(text, hashBits, ngrams, (b) => buckets.push(b));
  // forEachTerm emits, per word, the wanted n-grams in increasing n: replay the same order.
  const out = new Map<string, { bucket: number; count: number }>();
  let k = 0;
  for (let w = 0; w < words.length; w++) {
    for (let n = 1; n <= Math.max(...ngrams) && n <= w + 1; n++) {
      if (!ngrams.includes(n)) continue;
      const term = words.slice(w - n + 1, w + 1).join(' ');
      const b = buckets[k++]!;
      const e = out.get(term);
      if (e) e.count++;
      else out.set(term, { bucket: b, count: 1 });
    }
  }
  return out;
}

/** Sparse hashed features of a document: buckets ascending, value = count / sqrt(occurrences). */
export function hashedFeatures(text: string, hashBits: number, ngrams: number[]): { index: Int32Array; value: Float32Array } {
  // Counts in a per-thread table of 2^hashBits (left zeroed after use), buckets touched in a list.
  if (scratch.length !== 1 << hashBits) scratch = new Uint32Array(1 << hashBits);
  const counts = scratch;
  const touched: number[] = [];
  const total = forEachTerm(text, hashBits, ngrams, (b) => {
    if (counts[b]++ === 0) touched.push(b);
  });
  const index = Int32Array.from(touched).sort();
  const value = new Float32Array(index.length);
  const norm = total > 0 ? 1 / Math.sqrt(total) : 0;
  for (let i = 0; i < index.length; i++) {
    value[i] = counts[index[i]!]! * norm;
    counts[index[i]!] = 0;
  }
  return { index, value };
}

let scratch = new Uint32Array(0);
