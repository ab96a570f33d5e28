import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DOMAINS } from '../core/doc.js';
import { compileModel, scoreModel, type CompiledModel } from '../qualityModel/qualityModel.js';
import { DEFAULT_TRAIN, rng, trainModel } from '../qualityModel/trainModel.js';
import { toolVersion } from '../pipeline/toolVersion.js';
import { agreement } from './agreement.js';
import type { CorpusDoc } from './corpusDocs.js';
import { examplesFromLabels, labelsSha256, textSha256 } from './labelExamples.js';
import type { Label, LabelStore } from './labelStore.js';
import { pickNext, type Candidate } from './pickNext.js';

export interface LabelServerOptions {
  docs: CorpusDoc[];
  store: LabelStore;
  /** Labelled documents aimed at (progress bar). */
  target: number;
  /** Share of uniformly random picks (0..1). */
  randomShare: number;
  /** Grades ≥ threshold count as keep. */
  threshold: number;
  /** A fixed model (never retrained); without it the server trains its own from the labels. */
  model?: CompiledModel;
  /** Retrain the server's own model after this many new labels. */
  retrainEvery: number;
  seed: number;
}

export const MAX_NOTE_CHARS = 2000;
const labellerSchema = z.string().trim().min(1, 'expected a labeller name').max(64, 'expected a labeller name of at most 64 characters');
const postSchema = z.strictObject({
  id: z.string().min(1).max(1024),
  labeller: labellerSchema,
  quality: z.number().int('expected a whole grade 0–5').min(0, 'expected a grade 0–5').max(5, 'expected a grade 0–5'),
  domain: z.enum(DOMAINS).optional(),
  note: z.string().max(MAX_NOTE_CHARS, `expected a note of at most ${MAX_NOTE_CHARS} characters`).optional(),
});

/** Where the static page lives: next to this file in src/, or the sources' copy when running the build in dist/. */
function pageDir(): string {
  const here = fileURLToPath(new URL('./page/', import.meta.url));
  return existsSync(here) ? here : fileURLToPath(new URL('../../src/label/page/', import.meta.url));
}

const STATIC: Record<string, string> = { '/': 'index.html', '/app.js': 'app.js', '/style.css': 'style.css' };
const MIME: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

/** The labelling app: the static page and its JSON API (docs/labelling.md). */
export function buildLabelServer(o: LabelServerOptions): FastifyInstance {
  const app = Fastify({ bodyLimit: 1 << 20 });
  const byId = new Map(o.docs.map((d) => [d.id, d]));
  const sha = new Map<string, string>();
  const shaOf = (d: CorpusDoc) => {
    let s = sha.get(d.id);
    if (!s) sha.set(d.id, (s = textSha256(d.text)));
    return s;
  };
  const draw = rng(o.seed);
  // The scorer: a fixed model, the server's own (retrained as labels come), or the heuristic until there is one.
  let model: { compiled: CompiledModel; source: 'file' | 'trained'; labels: number } | undefined = o.model && { compiled: o.model, source: 'file', labels: o.model.file.training.labels };
  let scores = new Map<string, number>();
  let labelsAtTraining = -1;
  const rescore = () => {
    scores = new Map(model ? o.docs.map((d) => [d.id, scoreModel(model!.compiled, d)]) : []);
  };
  const maybeRetrain = () => {
    if (o.model) return;
    const n = o.store.count();
    if (labelsAtTraining >= 0 && n - labelsAtTraining < o.retrainEvery) return;
    const { examples, used } = examplesFromLabels(o.store.all(), byId, shaOf);
    const pos = examples.filter((e) => e.grade >= o.threshold).length;
    if (pos < 2 || examples.length - pos < 2) return;
    const file = trainModel(examples, { ...DEFAULT_TRAIN, threshold: o.threshold }, { name: 'labelling-session', created: new Date().toISOString(), curateVersion: toolVersion(), labelsSha256: labelsSha256(used) });
    model = { compiled: compileModel(file), source: 'trained', labels: examples.length };
    labelsAtTraining = n;
    rescore();
  };
  rescore();
  maybeRetrain();

  const isStale = (l: Label) => {
    const d = byId.get(l.id);
    return !d || shaOf(d) !== l.text_sha256;
  };
  const withStale = (l: Label) => ({ ...l, stale: isStale(l) });
  const docView = (d: CorpusDoc) => ({
    id: d.id,
    text: d.text,
    title: d.title,
    source: d.source,
    license: d.license,
    domain: d.domain,
    quality: d.quality,
    signals: d.signals,
    model_score: scores.has(d.id) ? Math.round(scores.get(d.id)! * 1e4) / 1e4 : null,
    content_type: d.contentType,
    programming_language: d.programmingLanguage,
    url: d.url,
    text_sha256: shaOf(d),
  });
  const progress = () => {
    const fresh = o.store.all().filter((l) => !isStale(l));
    return { labelled: new Set(fresh.map((l) => l.id)).size, target: o.target, labels: fresh.length };
  };
  const bad = (reply: { code: (n: number) => { send: (b: unknown) => unknown } }, message: string) => reply.code(400).send({ error: message });

  // Served ids remember how they were picked, so a label records whether it came from a random pick.
  const servedPick = new Map<string, string>();
  const tieOf = (id: string, labeller: string) => parseInt(textSha256(`${labeller}\0${id}`).slice(0, 8), 16);

  for (const [route, file] of Object.entries(STATIC)) {
    app.get(route, async (_req, reply) => reply.type(MIME[file.split('.').pop()!]!).header('cache-control', 'no-store').send(readFileSync(`${pageDir()}${file}`)));
  }

  app.get('/api/next', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const who = labellerSchema.safeParse(q.labeller ?? '');
    if (!who.success) return bad(reply, 'labeller: expected ?labeller=NAME (1–64 characters)');
    const labeller = who.data;
    const exclude = new Set((q.exclude ?? '').split(',').filter(Boolean));
    const mine = new Set(o.store.all().filter((l) => l.labeller === labeller && !isStale(l)).map((l) => l.id));
    const candidates: Candidate[] = [];
    for (const d of o.docs) {
      if (mine.has(d.id) || exclude.has(d.id)) continue;
      const u = model ? Math.abs(scores.get(d.id)! - 0.5) : Math.abs(d.quality - (o.threshold - 0.5));
      candidates.push({ id: d.id, uncertainty: u, tie: tieOf(d.id, labeller) });
    }
    const next = pickNext(candidates, o.randomShare, draw);
    if (!next) return { done: true, progress: progress() };
    servedPick.set(`${labeller}\0${next.id}`, next.pick);
    const d = byId.get(next.id)!;
    const earlier = o.store.forDoc(d.id).filter((l) => l.labeller === labeller).map(withStale);
    return { ...docView(d), pick: next.pick, scorer: model ? `model (${model.source}, ${model.labels} labels)` : 'heuristic (textbook score)', earlier_labels: earlier, progress: progress() };
  });

  // Ids hold "/" (source/hash): the whole rest of the path is the id, encoded or not.
  app.get('/api/docs/*', async (req, reply) => {
    const id = decodeURIComponent((req.params as { '*': string })['*']);
    const d = byId.get(id);
    if (!d) return reply.code(404).send({ error: `no document with id "${id}" in this corpus` });
    return { ...docView(d), labels: o.store.forDoc(id).map(withStale) };
  });

  app.post('/api/labels', async (req, reply) => {
    if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) return bad(reply, 'expected a JSON object {"id","labeller","quality",("domain"),("note")}');
    const parsed = postSchema.safeParse(req.body);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      const field = i.path.join('.');
      const msg = i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.map((k) => `"${k}"`).join(', ')}; allowed: id, labeller, quality, domain, note` : `${field || 'body'}: ${i.message}`;
      return bad(reply, msg);
    }
    const b = parsed.data;
    const d = byId.get(b.id);
    if (!d) return reply.code(404).send({ error: `no document with id "${b.id}" in this corpus` });
    const { label, created } = o.store.put({
      id: b.id,
      labeller: b.labeller,
      time: new Date().toISOString(),
      text_sha256: shaOf(d),
      quality: b.quality,
      domain: b.domain ?? null,
      note: b.note ?? null,
      pick: servedPick.get(`${b.labeller}\0${b.id}`) ?? 'direct',
    });
    maybeRetrain();
    return reply.code(created ? 201 : 200).send({ ...withStale(label), replaced: !created });
  });

  app.delete('/api/labels/:labelId', async (req, reply) => {
    const labelId = Number((req.params as { labelId: string }).labelId);
    const who = labellerSchema.safeParse((req.query as Record<string, string | undefined>).labeller ?? '');
    if (!Number.isInteger(labelId) || !who.success) return bad(reply, 'expected DELETE /api/labels/<label_id>?labeller=NAME');
    const removed = o.store.remove(labelId, who.data);
    if (!removed) return reply.code(404).send({ error: `no label ${labelId} by "${who.data}"` });
    return { deleted: withStale(removed) };
  });

  app.get('/api/labels', async () => o.store.all().map(withStale));

  app.get('/api/stats', async () => {
    const all = o.store.all();
    const fresh = all.filter((l) => !isStale(l));
    const labellers: Record<string, number> = {};
    const grades = [0, 0, 0, 0, 0, 0];
    for (const l of fresh) {
      labellers[l.labeller] = (labellers[l.labeller] ?? 0) + 1;
      grades[l.quality]!++;
    }
    return {
      documents: o.docs.length,
      labels: all.length,
      stale: all.length - fresh.length,
      labelled_documents: new Set(fresh.map((l) => l.id)).size,
      target: o.target,
      labellers,
      grades,
      random_picks: fresh.filter((l) => l.pick === 'random').length,
      agreement: agreement(fresh, o.threshold),
      scorer: model ? { kind: 'model', source: model.source, labels: model.labels } : { kind: 'heuristic' },
    };
  });

  return app;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
