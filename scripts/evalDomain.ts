/**
 * Domain classifier (and language id) evaluation.
 *
 *   node --import tsx scripts/evalDomain.ts [--misses]
 *
 * Sets: /work/shared/samples/domains/samples.jsonl (90 documents) and .bench/annotate-eval/
 * domains.jsonl + lang.jsonl built by scripts/buildDomainEval.ts. Prints accuracy, per-domain
 * precision/recall, the confusion matrix and, per genre, the accuracy; `--misses` lists errors.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { annotate } from '../src/annotate/annotateDoc.js';
import { identifyLanguage } from '../src/annotate/languageId.js';
import { qualityPreset } from '../src/config/qualitySchema.js';
import type { ContentType, Domain } from '../src/core/doc.js';
import { DOMAINS } from '../src/core/doc.js';

const repoRoot = resolve(import.meta.dirname, '..');
const showMisses = process.argv.includes('--misses');
/** --half tune|test: only that half of the content-alone set (split by a hash of each document's origin). */
const halfArg = process.argv.includes('--half') ? process.argv[process.argv.indexOf('--half') + 1] : undefined;
const cfg = qualityPreset('curate', { tokenizer: 'approx' });

interface Row {
  id: string;
  domain: Domain;
  genre: string;
  contentType?: ContentType;
  programmingLanguage?: string;
  text: string;
  origin?: string;
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/**
 * The content-alone split: a stable hash of where a document came from puts it in `tune` (rules
 * and weights were adjusted looking at these) or `test` (reported, never looked at while tuning).
 */
export function halfOf(r: Row): 'tune' | 'test' {
  return createHash('sha256').update(r.origin ?? r.id).digest()[0]! & 1 ? 'test' : 'tune';
}

/** Every labelled document as a JSONL dump or a web page carries it: no file name, extension or content type. */
export function contentAloneRows(root = repoRoot): Row[] {
  const files = [resolve(root, '../shared/samples/domains/samples.jsonl'), join(root, '.bench/annotate-eval/domains.jsonl'), join(root, '.bench/annotate-eval/code-nameless.jsonl')];
  return files.filter((f) => existsSync(f)).flatMap((f) => readJsonl<Row>(f)).map((r) => ({ ...r, contentType: 'text' as ContentType, programmingLanguage: undefined }));
}

function evaluate(name: string, rows: Row[]): Record<string, number> {
  const confusion: Record<string, Record<string, number>> = {};
  for (const a of DOMAINS) confusion[a] = Object.fromEntries(DOMAINS.map((b) => [b, 0]));
  const genre: Record<string, [number, number]> = {};
  let ok = 0;
  for (const r of rows) {
    // samples.jsonl has no content type: code files are "code", everything else extracted text.
    const contentType = r.contentType ?? (r.domain === 'code' ? 'code' : 'text');
    const a = annotate({ text: r.text, contentType, programmingLanguage: r.programmingLanguage }, cfg);
    confusion[r.domain][a.domain]++;
    const g = (genre[`${r.domain}/${r.genre}`] ??= [0, 0]);
    g[1]++;
    if (a.domain === r.domain) {
      ok++;
      g[0]++;
    } else if (showMisses) {
      const sig = Object.entries(a.signals).filter(([k]) => k.startsWith('domain.')).map(([k, v]) => `${k.slice(7)}=${v}`).join(' ');
      console.log(`  miss ${r.id} ${r.domain}/${r.genre} -> ${a.domain} (${a.domainConfidence}) ${r.origin ?? ''}\n       ${sig}`);
    }
  }
  const res: Record<string, number> = { n: rows.length, accuracy: ok / rows.length };
  console.log(`\n${name}: ${rows.length} documents, accuracy ${(ok / rows.length).toFixed(4)}`);
  for (const d of DOMAINS) {
    const tp = confusion[d][d];
    const predicted = DOMAINS.reduce((s, t) => s + confusion[t][d], 0);
    const actual = DOMAINS.reduce((s, p) => s + confusion[d][p], 0);
    const p = predicted ? tp / predicted : 0;
    const rcl = actual ? tp / actual : 0;
    res[`${d}.precision`] = p;
    res[`${d}.recall`] = rcl;
    console.log(`  ${d.padEnd(8)} precision ${p.toFixed(4)} recall ${rcl.toFixed(4)}  (true ${actual}; predicted as code/prose/science: ${DOMAINS.map((t) => confusion[d][t]).join('/')})`);
  }
  console.log('  per genre: ' + Object.entries(genre).map(([g, [k, n]]) => `${g} ${k}/${n}`).join(', '));
  return res;
}

function evaluateLanguage(file: string): void {
  const rows = readJsonl<{ lang: string; text: string }>(file);
  const per: Record<string, [number, number]> = {};
  let ok = 0;
  let scoreOk = 0;
  for (const r of rows) {
    const g = identifyLanguage(r.text, cfg.language.prefix_chars);
    const p = (per[r.lang] ??= [0, 0]);
    p[1]++;
    if (g.lang === r.lang) {
      ok++;
      p[0]++;
      if (g.score >= 0.65) scoreOk++;
    }
  }
  console.log(`\nlanguage id (eld small, first ${cfg.language.prefix_chars} chars) on ${rows.length} man pages: accuracy ${(ok / rows.length).toFixed(4)}; correct with score >= 0.65: ${(scoreOk / rows.length).toFixed(4)}`);
  console.log('  ' + Object.entries(per).map(([l, [k, n]]) => `${l} ${k}/${n}`).join(', '));
}

/** Accuracy of the content-alone test half (never tuned on), as `npm run eval:extraction` prints it. */
export function printHeldOutDomainAccuracy(): void {
  const rows = contentAloneRows().filter((r) => halfOf(r) === 'test');
  if (rows.length === 0) {
    console.log('domain accuracy (content alone, held-out half): skipped, no labelled set here (../shared/samples or .bench/annotate-eval from scripts/buildDomainEval.ts)');
    return;
  }
  const built = existsSync(join(repoRoot, '.bench/annotate-eval/code-nameless.jsonl')) ? '' : ' (built sets absent: run node --import tsx scripts/buildDomainEval.ts for the full set)';
  evaluate(`domain accuracy, content alone, held-out half${built}`, rows);
}

function main(): void {
  const samples = resolve(repoRoot, '../shared/samples/domains/samples.jsonl');
  if (halfArg !== undefined) {
    if (halfArg !== 'tune' && halfArg !== 'test' && halfArg !== 'all') throw new Error(`--half: expected tune, test or all, got ${halfArg}`);
    const rows = contentAloneRows().filter((r) => halfArg === 'all' || halfOf(r) === halfArg);
    evaluate(`content alone, ${halfArg} half (no extension or content type)`, rows);
    return;
  }
  if (existsSync(samples)) evaluate('shared samples (samples.jsonl)', readJsonl<Row>(samples));
  const built = join(repoRoot, '.bench/annotate-eval/domains.jsonl');
  if (existsSync(built)) evaluate('built set (.bench/annotate-eval/domains.jsonl)', readJsonl<Row>(built));
  else console.log('\nbuilt set missing: run node --import tsx scripts/buildDomainEval.ts');
  const lang = join(repoRoot, '.bench/annotate-eval/lang.jsonl');
  if (existsSync(lang)) evaluateLanguage(lang);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
