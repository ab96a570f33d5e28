/** The labelling API over a real local HTTP server (fastify listening on a loopback port). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type CorpusDoc } from '../../src/label/corpusDocs.js';
import { examplesFromLabels, textSha256 } from '../../src/label/labelExamples.js';
import { buildLabelServer } from '../../src/label/labelServer.js';
import { LabelStore } from '../../src/label/labelStore.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const j = async (r: Response | Promise<Response>): Promise<any> => (await r).json();

const corpus = join(import.meta.dirname, '../../data-samples/jsonl/domain-samples.jsonl');

describe('label API', () => {
  let docs: CorpusDoc[];
  let store: LabelStore;
  let app: FastifyInstance;
  let base: string;
  const post = (body: unknown) => fetch(`${base}/api/labels`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    docs = await loadCorpus(corpus);
    store = new LabelStore(join(mkdtempSync(join(tmpdir(), 'curate-label-')), 'labels.sqlite'));
    app = buildLabelServer({ docs, store, target: 50, randomShare: 0.2, threshold: 3, retrainEvery: 10, seed: 1 });
    base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
    store.close();
  });

  it('serves the next document with its text, metadata, textbook score, signals and (no) model score', async () => {
    const r = await fetch(`${base}/api/next?labeller=ann`);
    expect(r.status).toBe(200);
    const d = await j(r);
    for (const k of ['id', 'text', 'title', 'source', 'license', 'domain', 'quality', 'signals', 'model_score']) expect(d).toHaveProperty(k);
    expect(d.model_score).toBeNull();
    expect(docs.find((x) => x.id === d.id)!.text).toBe(d.text);
    expect((await fetch(`${base}/api/next`)).status).toBe(400);
    const one = await j(fetch(`${base}/api/docs/${encodeURIComponent(d.id)}`));
    expect(one.id).toBe(d.id);
    expect((await fetch(`${base}/api/docs/no-such-doc`)).status).toBe(404);
  });

  it('stores a label: 201 with the label, 404 for an unknown id, 400 for bad bodies', async () => {
    const id = docs[0]!.id;
    const r = await post({ id, labeller: 'ann', quality: 4, domain: 'code', note: 'clear' });
    expect(r.status).toBe(201);
    const l = await j(r);
    expect(l).toMatchObject({ id, labeller: 'ann', quality: 4, domain: 'code', note: 'clear', stale: false, text_sha256: textSha256(docs[0]!.text) });
    expect(typeof l.time).toBe('string');
    expect((await post({ id: 'nope', labeller: 'ann', quality: 3 })).status).toBe(404);
    const bad: [unknown, RegExp][] = [
      [{ id, labeller: 'ann', quality: 6 }, /quality/],
      [{ id, labeller: 'ann', quality: -1 }, /quality/],
      [{ id, labeller: 'ann', quality: 2.5 }, /whole grade/],
      [{ id, labeller: 'ann', quality: '3' }, /quality/],
      [{ id, labeller: 'ann', quality: 3, extra: 1 }, /unknown field.*"extra"/],
      [{ id, labeller: 'ann', quality: 3, note: 'x'.repeat(2001) }, /note.*2000/],
      [{ id, labeller: 'ann', quality: 3, domain: 'poetry' }, /domain/],
      [{ id, labeller: '', quality: 3 }, /labeller/],
      [{ labeller: 'ann', quality: 3 }, /id/],
      [[1, 2], /JSON object/],
    ];
    for (const [body, msg] of bad) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await j(res)).error).toMatch(msg);
    }
    const raw = await fetch(`${base}/api/labels`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(raw.status).toBe(400);
    expect(store.forDoc(id)).toHaveLength(1);
  });

  it('keeps every label of concurrent posts, and one label per document and labeller', async () => {
    const ids = docs.slice(10, 30).map((d) => d.id);
    const rs = await Promise.all(ids.flatMap((id) => ['bob', 'cy'].map((labeller, k) => post({ id, labeller, quality: (k + id.length) % 6 }))));
    expect(rs.every((r) => r.status === 201)).toBe(true);
    const stored = store.all().filter((l) => ids.includes(l.id));
    expect(stored).toHaveLength(40);
    // The same labeller posting the same document ten times at once: one label, the grade of one of the posts.
    const same = docs[40]!.id;
    const dup = await Promise.all([0, 1, 2, 3, 4, 5, 0, 1, 2, 3].map((q) => post({ id: same, labeller: 'dee', quality: q })));
    expect(dup.filter((r) => r.status === 201)).toHaveLength(1);
    expect(dup.filter((r) => r.status === 200)).toHaveLength(9);
    expect(store.forDoc(same)).toHaveLength(1);
    const all = await j(fetch(`${base}/api/labels`));
    expect(all).toHaveLength(store.count());
    const stats = await j(fetch(`${base}/api/stats`));
    expect(stats.labels).toBe(store.count());
    expect(stats.agreement.documents).toBe(20);
    expect(stats.agreement.pairs).toBe(20);
    expect(typeof stats.agreement.grade_weighted_kappa).toBe('number');
    // Enough labels on both sides: the server trained its own model and now scores with it.
    expect(stats.scorer).toMatchObject({ kind: 'model', source: 'trained' });
    const next = await j(fetch(`${base}/api/next?labeller=bob`));
    expect(typeof next.model_score).toBe('number');
    expect(ids).not.toContain(next.id);
  });

  it('flags a label whose document text changed since, and training does not use it', async () => {
    const d = docs[50]!;
    store.put({ id: d.id, labeller: 'old', time: '2020-01-01T00:00:00Z', text_sha256: textSha256('an earlier version of the text'), quality: 5, domain: null, note: null, pick: 'direct' });
    const all = (await j(fetch(`${base}/api/labels`))) as { id: string; labeller: string; stale: boolean }[];
    expect(all.find((l) => l.id === d.id && l.labeller === 'old')!.stale).toBe(true);
    expect(all.filter((l) => l.stale)).toHaveLength(1);
    expect((await j(fetch(`${base}/api/stats`))).stale).toBe(1);
    const { stale, examples } = examplesFromLabels(store.all(), new Map(docs.map((x) => [x.id, x])), (x) => textSha256(x.text));
    expect(stale.map((l) => l.id)).toEqual([d.id]);
    expect(examples.find((e) => e.id === d.id)).toBeUndefined();
  });

  it('undoes a label of its own labeller only', async () => {
    const l = await j(post({ id: docs[60]!.id, labeller: 'eve', quality: 2 }));
    expect((await fetch(`${base}/api/labels/${l.label_id}?labeller=mallory`, { method: 'DELETE' })).status).toBe(404);
    const r = await fetch(`${base}/api/labels/${l.label_id}?labeller=eve`, { method: 'DELETE' });
    expect(r.status).toBe(200);
    expect(store.forDoc(docs[60]!.id)).toHaveLength(0);
  });
});
