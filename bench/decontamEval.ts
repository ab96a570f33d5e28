/**
 * A planted-contamination evaluation built from real text: passages of some documents become the
 * "benchmark items"; other real documents get them planted verbatim, with case and punctuation
 * changed, or re-wrapped across lines; near misses get a fragment shorter than the n-gram; clean
 * documents get nothing. Deterministic for a seed. Used by bench/decontamBench.ts (on
 * ../shared/samples) and test/decontam/plantedEval.test.ts (on data-samples).
 */
import { normalizeText } from '../src/dedup/normalizeText.js';

export type PlantKind = 'verbatim' | 'case_punct' | 'rewrap' | 'near_miss' | 'clean';
export const PLANT_KINDS: PlantKind[] = ['verbatim', 'case_punct', 'rewrap', 'near_miss', 'clean'];

export interface PlantedDoc {
  id: string;
  text: string;
  kind: PlantKind;
  /** The item planted (whole or, for a near miss, a fragment), if any. */
  item?: string;
}

export interface PlantedEval {
  items: { id: string; text: string }[];
  docs: PlantedDoc[];
}

function rng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Passages of 25–60 words: runs of whole sentences. */
export function passages(text: string): string[] {
  const sentences = text.replace(/\s+/g, ' ').split(/(?<=[.!?;])\s+/);
  const out: string[] = [];
  let cur: string[] = [];
  let words = 0;
  for (const s of sentences) {
    const w = s.split(' ').filter(Boolean).length;
    cur.push(s);
    words += w;
    if (words >= 25) {
      if (words <= 60) out.push(cur.join(' ').trim());
      cur = [];
      words = 0;
    }
  }
  return out;
}

/** Independent oracle: normalised word n-grams as strings (no hashing), to keep items that really are absent from the carriers. */
function ngramStrings(text: string, n: number, into: Set<string>): void {
  const w = normalizeText(text).split(' ').filter(Boolean);
  for (let i = 0; i + n <= w.length; i++) into.add(w.slice(i, i + n).join(' '));
}

function hasAny(text: string, n: number, set: Set<string>): boolean {
  const w = normalizeText(text).split(' ').filter(Boolean);
  for (let i = 0; i + n <= w.length; i++) if (set.has(w.slice(i, i + n).join(' '))) return true;
  return false;
}

/**
 * Case changed per word, the punctuation around words dropped and other punctuation added.
 * Punctuation inside a word (don't, e.g., 3.14, well-known) is kept: removing it changes the
 * words themselves (don't → dont), which is a spelling edit, not a punctuation one.
 */
function casePunct(text: string, r: () => number): string {
  const words = text.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
  return words
    .map((w) => {
      const x = r();
      const c = x < 0.3 ? w.toUpperCase() : x < 0.6 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
      const p = r();
      return c + (p < 0.12 ? ',' : p < 0.18 ? ' —' : p < 0.22 ? '...' : p < 0.25 ? ';' : '');
    })
    .join(' ');
}

function rewrap(text: string, r: () => number): string {
  const words = text.split(/\s+/).filter(Boolean);
  let out = '';
  let line = 0;
  const width = 4 + Math.floor(r() * 6);
  for (const w of words) {
    if (out) out += line >= width ? (r() < 0.3 ? '\n\n    ' : '\n') : r() < 0.1 ? '  ' : ' ';
    if (line >= width) line = 0;
    out += w;
    line++;
  }
  return out;
}

/** Inserts `piece` at a random word boundary of `carrier`. */
function plant(carrier: string, piece: string, r: () => number): string {
  const spaces: number[] = [];
  for (let i = 0; i < carrier.length; i++) if (carrier.charCodeAt(i) === 32 || carrier.charCodeAt(i) === 10) spaces.push(i);
  const at = spaces.length ? spaces[Math.floor(r() * spaces.length)]! : carrier.length;
  return `${carrier.slice(0, at)} ${piece} ${carrier.slice(at)}`;
}

/**
 * Items from `itemTexts`' passages (only those none of whose n-grams occur in any carrier, so
 * "clean" is true), `perKind` documents of each kind made from `carriers`.
 */
export function buildPlantedEval(itemTexts: string[], carriers: string[], opts: { seed: number; items: number; perKind: number; ngram: number }): PlantedEval {
  const r = rng(opts.seed);
  const carrierGrams = new Set<string>();
  for (const c of carriers) ngramStrings(c, opts.ngram, carrierGrams);
  const pool: string[] = [];
  const seen = new Set<string>();
  for (const t of itemTexts) {
    for (const p of passages(t)) {
      const key = normalizeText(p);
      if (seen.has(key) || hasAny(p, opts.ngram, carrierGrams)) continue;
      seen.add(key);
      pool.push(p);
    }
  }
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const items = pool.slice(0, opts.items).map((text, i) => ({ id: `item-${i}`, text }));
  if (items.length === 0) throw new Error('no passage usable as an item');
  const usable = carriers.filter((c) => c.split(/\s+/).length >= 30);
  const docs: PlantedDoc[] = [];
  let k = 0;
  for (const kind of PLANT_KINDS) {
    for (let i = 0; i < opts.perKind; i++, k++) {
      const carrier = usable[k % usable.length]!;
      const item = items[k % items.length]!;
      const id = `${kind}-${i}`;
      if (kind === 'clean') {
        docs.push({ id, text: carrier, kind });
        continue;
      }
      let piece = item.text;
      if (kind === 'case_punct') piece = casePunct(piece, r);
      else if (kind === 'rewrap') piece = rewrap(piece, r);
      else if (kind === 'near_miss') {
        // 8..12 words at n = 13, counted as the normalisation counts them ("Ge4:10" is two words).
        const words = item.text.split(/\s+/).filter(Boolean);
        const len = opts.ngram - 1 - Math.floor(r() * 5);
        const start = Math.floor(r() * (words.length - len));
        const taken: string[] = [];
        for (const w of words.slice(start)) {
          if (normalizeText([...taken, w].join(' ')).split(' ').length > len) break;
          taken.push(w);
        }
        piece = taken.join(' ');
      }
      let text = plant(carrier, piece, r);
      // A near miss must share fewer than n consecutive words with its item: where the words
      // around the insertion point happen to continue the fragment, plant it elsewhere.
      const itemGrams = new Set<string>();
      if (kind === 'near_miss') ngramStrings(item.text, opts.ngram, itemGrams);
      for (let tries = 0; kind === 'near_miss' && hasAny(text, opts.ngram, itemGrams) && tries < 50; tries++) text = plant(carrier, piece, r);
      docs.push({ id, text, kind, item: item.id });
    }
  }
  return { items, docs };
}

/** Recall over planted documents, precision over flagged ones, and near misses flagged. */
export function scorePlanted(docs: PlantedDoc[], flagged: Map<string, string[]>): { recall: number; precision: number; nearMissFlagged: number; cleanFlagged: number; wrongItem: number; byKind: Record<string, { docs: number; flagged: number }> } {
  let planted = 0;
  let caught = 0;
  let flaggedTotal = 0;
  let truePos = 0;
  let near = 0;
  let clean = 0;
  let wrongItem = 0;
  const byKind: Record<string, { docs: number; flagged: number }> = {};
  for (const d of docs) {
    const f = flagged.get(d.id);
    const k = (byKind[d.kind] ??= { docs: 0, flagged: 0 });
    k.docs++;
    if (f) k.flagged++;
    const isPlanted = d.kind === 'verbatim' || d.kind === 'case_punct' || d.kind === 'rewrap';
    if (isPlanted) {
      planted++;
      if (f) caught++;
      if (f && !f.includes(d.item!)) wrongItem++;
    }
    if (f) {
      flaggedTotal++;
      if (isPlanted) truePos++;
    }
    if (f && d.kind === 'near_miss') near++;
    if (f && d.kind === 'clean') clean++;
  }
  return { recall: caught / planted, precision: flaggedTotal ? truePos / flaggedTotal : 1, nearMissFlagged: near, cleanFlagged: clean, wrongItem, byKind };
}
