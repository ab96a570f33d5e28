/**
 * Snapshot of every annotation field over a fixed corpus, to prove a speed change changes no
 * result (or to list exactly what it changes).
 *
 *   node --import tsx scripts/annotateSnapshot.ts --write .bench/annotate-snapshot.json
 *   node --import tsx scripts/annotateSnapshot.ts --check .bench/annotate-snapshot.json
 *
 * Corpus: ../shared/samples/domains/samples.jsonl, the local eval sets under .bench/annotate-eval
 * (built by scripts/buildDomainEval.ts), and the 500 pages of ../shared/eval/extraction as all
 * visible text (web boilerplate exercises C4/Gopher/FineWeb). Each document is annotated with the
 * `curate`, `fineweb`, `gopher` and `c4` presets. Evaluation data: the snapshot stays in .bench/.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { annotate, type AnnotateInput } from '../src/annotate/annotateDoc.js';
import { qualityPreset, type QualityPreset } from '../src/config/qualitySchema.js';
import { htmlText } from './buildDomainEval.js';

const repoRoot = resolve(import.meta.dirname, '..');

function corpus(): { key: string; input: AnnotateInput }[] {
  const out: { key: string; input: AnnotateInput }[] = [];
  const jsonl = (file: string, tag: string) => {
    if (!existsSync(file)) return;
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .forEach((l, i) => {
        const r = JSON.parse(l) as { domain?: string; text: string; contentType?: AnnotateInput['contentType']; programmingLanguage?: string };
        const contentType = r.contentType ?? (r.domain === 'code' ? 'code' : 'text');
        out.push({ key: `${tag}#${i}`, input: { text: r.text, contentType, programmingLanguage: r.programmingLanguage } });
      });
  };
  jsonl(resolve(repoRoot, '../shared/samples/domains/samples.jsonl'), 'samples');
  for (const f of ['domains', 'lang', 'textbook']) jsonl(resolve(repoRoot, `.bench/annotate-eval/${f}.jsonl`), f);
  const web = resolve(repoRoot, '../shared/eval/extraction/trafilatura/html');
  if (existsSync(web)) {
    for (const f of readdirSync(web).sort()) {
      const text = htmlText(gunzipSync(readFileSync(join(web, f))).toString('utf8'), false);
      out.push({ key: `web#${f}`, input: { text, contentType: 'html' } });
    }
  }
  return out;
}

function snapshot(): Record<string, unknown> {
  const snap: Record<string, unknown> = {};
  const docs = corpus();
  for (const preset of ['curate', 'fineweb', 'gopher', 'c4'] as QualityPreset[]) {
    const cfg = qualityPreset(preset, { tokenizer: 'approx' });
    for (const d of docs) {
      const a = annotate(d.input, cfg);
      snap[`${preset}:${d.key}`] = { ...a, text: a.text === d.input.text ? '=' : `cleaned:${a.text.length}` };
    }
  }
  return snap;
}

const [mode, file] = process.argv.slice(2);
if ((mode !== '--write' && mode !== '--check') || !file) {
  console.error('usage: annotateSnapshot.ts --write|--check <file.json>');
  process.exit(2);
}
const snap = snapshot();
// What the corpus held, so a check on a shrunken corpus (no ../shared, no .bench) fails instead of passing on less.
const composition = (keys: string[]) => {
  const n: Record<string, number> = {};
  for (const k of keys) {
    const tag = k.slice(k.indexOf(':') + 1, k.indexOf('#'));
    n[tag] = (n[tag] ?? 0) + 1;
  }
  return Object.entries(n).sort().map(([t, c]) => `${t} ${c}`).join(', ') || 'nothing';
};
if (Object.keys(snap).length === 0) {
  console.error('annotateSnapshot: the corpus is empty (../shared/samples, ../shared/eval and .bench/annotate-eval are all absent); nothing to snapshot');
  process.exit(1);
}
console.log(`corpus: ${composition(Object.keys(snap))} annotations`);
if (mode === '--write') {
  writeFileSync(file, JSON.stringify(snap));
  console.log(`wrote ${Object.keys(snap).length} annotations to ${file}`);
} else {
  const ref = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  const diffs = new Map<string, number>();
  const examples: string[] = [];
  for (const [k, v] of Object.entries(snap) as [string, Record<string, unknown>][]) {
    const r = ref[k];
    if (!r) {
      diffs.set('(missing in reference)', (diffs.get('(missing in reference)') ?? 0) + 1);
      continue;
    }
    const fields = new Set([...Object.keys(v), ...Object.keys(r)]);
    for (const f of fields) {
      if (f === 'signals') {
        const a = v.signals as Record<string, number>;
        const b = r.signals as Record<string, number>;
        for (const s of new Set([...Object.keys(a), ...Object.keys(b)])) {
          if (a[s] !== b[s]) {
            diffs.set(`signals.${s}`, (diffs.get(`signals.${s}`) ?? 0) + 1);
            if (examples.length < 20) examples.push(`${k} signals.${s}: ${b[s]} -> ${a[s]}`);
          }
        }
      } else if (JSON.stringify(v[f]) !== JSON.stringify(r[f])) {
        diffs.set(f, (diffs.get(f) ?? 0) + 1);
        if (examples.length < 20) examples.push(`${k} ${f}: ${JSON.stringify(r[f])} -> ${JSON.stringify(v[f])}`);
      }
    }
  }
  const absent = Object.keys(ref).filter((k) => !(k in snap));
  if (absent.length) {
    diffs.set('(in the reference, absent from this corpus)', absent.length);
    console.log(`reference: ${composition(Object.keys(ref))} annotations`);
  }
  if (diffs.size === 0) console.log(`identical: ${Object.keys(snap).length} annotations`);
  else {
    console.log(`DIFFERENT (field: documents):`);
    for (const [f, n] of [...diffs].sort((a, b) => b[1] - a[1])) console.log(`  ${f}: ${n}`);
    console.log(examples.join('\n'));
    process.exitCode = 1;
  }
}
