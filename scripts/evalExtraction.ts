/**
 * Scores the HTML extractor on the shared extraction eval set (../shared/eval/extraction, beside the
 * repo): 500 real pages with must-include ("with") and must-exclude ("without") snippets, scored as
 * its README defines (whitespace-normalised containment, micro-averaged).
 *
 * Usage: npm run eval:extraction [-- --verbose] [-- --dir <eval folder>]
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBytes } from '../src/extract/charset.js';
import { extractHtml } from '../src/extract/htmlMainText.js';
import { printSpanRecall } from './evalSpanRecall.js';
import { printHeldOutDomainAccuracy } from './evalDomain.js';

interface Annotation {
  id: string;
  url: string;
  html: string;
  with: string[];
  without: string[];
}

export interface EvalCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Scores one page's output against its snippets. */
export function scorePage(output: string, a: Pick<Annotation, 'with' | 'without'>): EvalCounts {
  const out = norm(output);
  const c: EvalCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const w of a.with) {
    if (out.length > 0 && out.includes(norm(w))) c.tp++;
    else c.fn++;
  }
  for (const w of a.without) {
    if (out.length > 0 && out.includes(norm(w))) c.fp++;
    else c.tn++;
  }
  return c;
}

export function metrics(c: EvalCounts): { precision: number; recall: number; f1: number; accuracy: number } {
  const precision = c.tp / (c.tp + c.fp || 1);
  const recall = c.tp / (c.tp + c.fn || 1);
  const f1 = (2 * c.tp) / (2 * c.tp + c.fp + c.fn || 1);
  const accuracy = (c.tp + c.tn) / (c.tp + c.fp + c.fn + c.tn || 1);
  return { precision, recall, f1, accuracy };
}

function defaultDir(): string {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const base = path.resolve(repoRoot, '../shared/eval/extraction');
  // The set may sit directly there or in a `trafilatura/` subfolder.
  try {
    readFileSync(path.join(base, 'annotations.jsonl'));
    return base;
  } catch {
    return path.join(base, 'trafilatura');
  }
}

export function runEval(dir = defaultDir(), verbose = false): EvalCounts & { pages: number; mb: number; seconds: number } {
  const lines = readFileSync(path.join(dir, 'annotations.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  const total: EvalCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  let bytes = 0;
  let cpuMicros = 0;
  for (const line of lines) {
    const a = JSON.parse(line) as Annotation;
    const raw = gunzipSync(readFileSync(path.join(dir, a.html)));
    bytes += raw.length;
    let text = '';
    const c0 = process.cpuUsage();
    try {
      const { text: html } = decodeBytes(raw);
      text = extractHtml(html, { url: a.url }).text;
    } catch (err) {
      if (verbose) console.log(`${a.id} CRASH ${(err as Error).message}`);
    }
    const cpu = process.cpuUsage(c0);
    cpuMicros += cpu.user + cpu.system;
    const c = scorePage(text, a);
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    total.tn += c.tn;
    if (verbose && (c.fp > 0 || c.fn > 0)) {
      const out = norm(text);
      console.log(`\n== ${a.id} ${a.url} len=${out.length} FP=${c.fp} FN=${c.fn}`);
      for (const w of a.with) if (!out.includes(norm(w))) console.log(`   missing: ${norm(w).slice(0, 120)}`);
      for (const w of a.without) if (out.includes(norm(w))) console.log(`   leaked:  ${norm(w).slice(0, 120)}`);
    }
  }
  return { ...total, pages: lines.length, mb: bytes / 1e6, seconds: cpuMicros / 1e6 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const dirIdx = args.indexOf('--dir');
  const dir = dirIdx >= 0 ? args[dirIdx + 1]! : defaultDir();
  if (!existsSync(path.join(dir, 'annotations.jsonl'))) {
    console.log(`article F1: skipped, ${dir}/annotations.jsonl absent (the shared eval set sits beside the repository)`);
  } else {
    const r = runEval(dir, args.includes('--verbose'));
    const m = metrics(r);
    const f = (x: number): string => x.toFixed(3);
    console.log(`pages ${r.pages}  (${r.mb.toFixed(1)} MB of HTML, extraction ${r.seconds.toFixed(2)} CPU-s = ${(r.mb / r.seconds).toFixed(1)} MB/s per core incl. decoding)`);
    console.log(`precision ${f(m.precision)}  recall ${f(m.recall)}  F1 ${f(m.f1)}  accuracy ${f(m.accuracy)}`);
    console.log(`TP ${r.tp}  FP ${r.fp}  FN ${r.fn}  TN ${r.tn}`);
  }
  // Fidelity on documentation (issue 15): inline code and dt spans that reach the text.
  printSpanRecall(args.includes('--verbose'));
  // Domain from content alone, on the half of the labelled set never tuned on (docs/quality.md).
  printHeldOutDomainAccuracy();
}
