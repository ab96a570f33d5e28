import { describe, expect, it } from 'vitest';
import { dedupSchema, type DedupConfig } from '../../src/config/dedupSchema.js';
import { findBandEdges, mergeEdges } from '../../src/dedup/bandEdges.js';
import { dedupItems, decideDedup, planDedup, type DedupItem } from '../../src/dedup/dedupItems.js';
import { decodeEdges, encodeEdges, planFingerprint } from '../../src/dedup/edgeFile.js';
import { exactHash } from '../../src/dedup/exactHash.js';
import { bandsForTask } from '../../src/dedup/lshBands.js';
import { minhashSignature } from '../../src/dedup/minhash.js';
import { jaccard, shingleSet } from '../../src/dedup/shingles.js';
import { randomWords, rng } from './synthetic.js';

const cfg = dedupSchema.parse({});

function item(id: string, text: string, c: DedupConfig = cfg, extra: Partial<DedupItem> = {}): DedupItem {
  return { id, source: 'src', licenseRank: 0, quality: 0, length: text.length, exactHash: exactHash(text), signature: minhashSignature(text, c), ...extra };
}

/** Variant of `words` with `changes` words replaced at random positions. */
function mutate(words: string[], changes: number, rand: () => number): string[] {
  const out = [...words];
  const fresh = randomWords(changes, rand);
  for (let k = 0; k < changes; k++) out[Math.floor(rand() * out.length)] = fresh[k];
  return out;
}

/** A corpus with clusters of near copies, exact copies and unique documents. */
function corpus(seed: number): { items: DedupItem[]; texts: Map<string, string> } {
  const rand = rng(seed);
  const texts = new Map<string, string>();
  for (let c = 0; c < 30; c++) {
    const base = randomWords(200 + Math.floor(rand() * 300), rand);
    const copies = 1 + Math.floor(rand() * 5);
    for (let k = 0; k < copies; k++) texts.set(`c${c}-${k}`, (k === 0 ? base : mutate(base, Math.floor(rand() * 4), rand)).join(' '));
    if (rand() < 0.3) texts.set(`c${c}-exact`, base.join(' ').toUpperCase());
  }
  return { items: [...texts].map(([id, t]) => item(id, t, cfg, { quality: Math.floor(rand() * 3), length: t.length })), texts };
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

describe('dedupItems', () => {
  it('gives identical clusters and survivors whatever the input order', () => {
    const { items } = corpus(11);
    const first = dedupItems(items, cfg);
    expect(first.stats.removed_near).toBeGreaterThan(10);
    expect(first.stats.removed_exact).toBeGreaterThan(0);
    for (const seed of [1, 2, 3]) {
      const again = dedupItems(shuffle(items, rng(seed)), cfg);
      expect(again.decisions).toEqual(first.decisions);
      expect(again.stats).toEqual(first.stats);
    }
  });

  it('removes near copies in favour of a survivor they are truly similar to', () => {
    const { items, texts } = corpus(12);
    const { decisions } = dedupItems(items, cfg);
    const removed = decisions.filter((d) => !d.survivor);
    expect(removed.length).toBeGreaterThan(10);
    for (const d of removed) {
      const j = jaccard(shingleSet(texts.get(d.id)!, 5), shingleSet(texts.get(d.survivorId)!, 5));
      expect(j, `${d.id} → ${d.survivorId}`).toBeGreaterThan(0.7);
      expect(d.cluster).toBe(d.survivorId);
      expect(d.id.split('-')[0]).toBe(d.survivorId.split('-')[0]);
    }
    // Nearly every cluster of the corpus keeps one copy (copies differ by ≤ 3 words, J ≳ 0.85,
    // which LSH finds with p ≈ 0.99 per pair).
    const survivors = decisions.filter((d) => d.survivor).map((d) => d.id.split('-')[0]);
    expect(survivors.length - new Set(survivors).size).toBeLessThanOrEqual(2);
  });

  it('keeps a chain of pairwise-similar documents from collapsing into one cluster', () => {
    // Windows over one long word sequence: neighbours share ~86% of shingles, the ends nothing.
    const words = randomWords(1000, rng(5));
    const texts = Array.from({ length: 12 }, (_, i) => words.slice(i * 30, i * 30 + 400).join(' '));
    const items = texts.map((t, i) => item(`d${String(i).padStart(2, '0')}`, t, cfg, { length: 1000 }));
    const sets = texts.map((t) => shingleSet(t, 5));
    expect(jaccard(sets[0], sets[1])).toBeGreaterThan(0.85);
    expect(jaccard(sets[0], sets[11])).toBeLessThan(0.1);

    const unverified = dedupItems(items, { ...cfg, verify: 'none' });
    expect(new Set(unverified.decisions.map((d) => d.cluster)).size).toBe(1);

    const verified = dedupItems(items, cfg);
    const clusters = new Set(verified.decisions.map((d) => d.cluster));
    expect(clusters.size).toBeGreaterThanOrEqual(5);
    for (const d of verified.decisions.filter((x) => !x.survivor)) {
      const i = Number(d.id.slice(1));
      const s = Number(d.survivorId.slice(1));
      expect(jaccard(sets[i], sets[s])).toBeGreaterThanOrEqual(0.7);
    }
  });

  it('applies the survivor policy: permissive license, then quality, then length, then id', () => {
    const text = randomWords(300, rng(6)).join(' ');
    const make = (id: string, licenseRank: number, quality: number, length: number) => item(id, text, cfg, { licenseRank, quality, length });
    const pick = (items: DedupItem[], c = cfg) => dedupItems(items, c).decisions.find((d) => d.survivor)!.id;
    expect(pick([make('a', 2, 5, 900), make('b', 1, 0, 10), make('c', 3, 5, 999)])).toBe('b');
    expect(pick([make('a', 1, 2, 900), make('b', 1, 4, 10)])).toBe('b');
    expect(pick([make('a', 1, 2, 900), make('b', 1, 2, 901)])).toBe('b');
    expect(pick([make('b', 1, 2, 900), make('a', 1, 2, 900)])).toBe('a');
    expect(pick([make('a', 1, 2, 900), make('b', 1, 2, 10)], { ...cfg, survivor: ['shorter'] })).toBe('b');
    expect(pick([make('a', 1, NaN, 900), make('b', 1, 0, 10)], { ...cfg, survivor: ['quality'] })).toBe('b');
  });

  it('dedups exact copies of short texts (no shingle) but never near-dedups them', () => {
    const items = [item('x1', 'Hello world!'), item('x2', 'hello, WORLD'), item('x3', 'hello world again'), item('x4', 'goodbye')];
    const { decisions, stats } = dedupItems(items, cfg);
    const byId = Object.fromEntries(decisions.map((d) => [d.id, d]));
    expect(byId.x2).toMatchObject({ survivor: false, survivorId: 'x1', kind: 'exact', similarity: 1 });
    expect(byId.x1).toMatchObject({ survivor: true, kind: 'exact' });
    expect(byId.x3).toMatchObject({ survivor: true, kind: 'unique' });
    expect(stats.skipped_short).toBe(3);
    expect(stats.near_docs).toBe(0);
  });

  it('attaches exact copies of a near-removed document to the final survivor', () => {
    const rand = rng(7);
    const base = randomWords(300, rand);
    const near = mutate(base, 2, rand).join(' ');
    const items = [item('a', base.join(' '), cfg, { quality: 5 }), item('b', near), item('b2', near.toUpperCase())];
    const byId = Object.fromEntries(dedupItems(items, cfg).decisions.map((d) => [d.id, d]));
    expect(byId.b).toMatchObject({ survivorId: 'a', kind: 'near' });
    expect(byId.b2).toMatchObject({ survivorId: 'a', kind: 'near', cluster: 'a' });
    expect(byId.b2.similarity).toBe(byId.b.similarity);
  });

  it('raises alarms on oversized clusters and on sources losing too much', () => {
    const text = randomWords(300, rng(8)).join(' ');
    const items = Array.from({ length: 30 }, (_, i) => item(`s${i}`, text, cfg, { source: 'mirror' }));
    items.push(...Array.from({ length: 30 }, (_, i) => item(`u${i}`, randomWords(100, rng(100 + i)).join(' '), cfg, { source: 'clean' })));
    const { alarms } = dedupItems(items, { ...cfg, max_cluster_size: 10, max_source_loss: 0.5, min_source_docs: 20 });
    expect(alarms.map((a) => [a.kind, a.cluster ?? a.source, a.value])).toEqual([
      ['cluster_size', 's0', 30],
      ['source_loss', 'mirror', 0.9667],
    ]);
  });

  it('rejects duplicate ids and signatures of the wrong length with an actionable message', () => {
    const a = item('a', 'one two three four five six');
    expect(() => dedupItems([a, { ...a }], cfg)).toThrow(/duplicate document id "a"/);
    expect(() => dedupItems([{ ...a, signature: new Uint32Array(64).fill(1) }], cfg)).toThrow(/recompute signatures/);
  });
});

describe('scale-out by band range', () => {
  it('gives the same decisions when bands are split over tasks and the edges merged', () => {
    const { items } = corpus(13);
    const whole = dedupItems(items, cfg);
    const plan = planDedup(shuffle(items, rng(1)), cfg);
    const parts = [0, 1, 2].map((t) => findBandEdges(plan.index, cfg, bandsForTask(t, 3, cfg)).edges);
    expect(parts.map((p) => p.length).every((n) => n > 0)).toBe(true);
    const split = decideDedup(plan, mergeEdges(parts), cfg);
    expect(split.decisions).toEqual(whole.decisions);
  });

  it('round-trips task edges through edge files and refuses edges of another input', () => {
    const { items } = corpus(14);
    const plan = planDedup(items, cfg);
    const fp = planFingerprint(plan);
    const { edges } = findBandEdges(plan.index, cfg, bandsForTask(1, 2, cfg));
    const back = decodeEdges(encodeEdges(edges, fp), planFingerprint(planDedup(shuffle(items, rng(3)), cfg)));
    expect(Array.from(back.from)).toEqual(Array.from(edges.from));
    expect(Array.from(back.sim)).toEqual(Array.from(edges.sim));
    const other = planFingerprint(planDedup(items.slice(1), cfg));
    expect(() => decodeEdges(encodeEdges(edges, fp), other, 'task-1.edges')).toThrow(/task-1.edges: edges were computed over different dedup input/);
    expect(() => decodeEdges(encodeEdges(edges, fp).subarray(0, 50), fp)).toThrow(/truncated/);
  });

  it('assigns every band to exactly one task', () => {
    const all = [0, 1, 2, 3].flatMap((t) => bandsForTask(t, 4, cfg)).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 14 }, (_, b) => b));
    expect(bandsForTask(1, 4, cfg)).toEqual([1, 5, 9, 13]);
    expect(() => bandsForTask(4, 4, cfg)).toThrow(/task index/);
  });
});
