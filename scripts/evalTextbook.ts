/**
 * Textbook score evaluation: does the 0..5 score rank tutorial/textbook-like pages above
 * navigation pages and whole web pages taken as all visible text (menus, footers, teasers)?
 *
 *   node --import tsx scripts/evalTextbook.ts
 *
 * Positives (label 1): tutorial/how-to/user-guide pages of Python, SciPy, statsmodels, scikit-image,
 * SymPy and the Debian Reference (.bench/annotate-eval/textbook.jsonl, from buildDomainEval.ts).
 * Negatives (label 0): the same documentation sets' index/navigation pages (whole page text), and
 * the 500 pages of /work/shared/eval/extraction/trafilatura as all visible text, no extraction
 * (news, shops, blogs with their boilerplate; evaluation use only). Prints ROC AUC (ties count ½),
 * also with English negatives only, since the score is tuned on English.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { annotate } from '../src/annotate/annotateDoc.js';
import { qualityPreset } from '../src/config/qualitySchema.js';
import { htmlText } from './buildDomainEval.js';

const repoRoot = resolve(import.meta.dirname, '..');
const cfg = qualityPreset('curate', { tokenizer: 'approx' });

interface Item {
  label: number;
  kind: string;
  quality: number;
  lang: string;
}

/** ROC AUC by pairwise comparison (ties ½). */
export function rocAuc(items: { label: number; quality: number }[]): number {
  const pos = items.filter((i) => i.label === 1).map((i) => i.quality);
  const neg = items.filter((i) => i.label === 0).map((i) => i.quality);
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return s / Math.max(1, pos.length * neg.length);
}

const items: Item[] = [];
const tb = join(repoRoot, '.bench/annotate-eval/textbook.jsonl');
if (!existsSync(tb)) {
  console.error('missing .bench/annotate-eval/textbook.jsonl: run node --import tsx scripts/buildDomainEval.ts first');
  process.exitCode = 1;
} else {
  for (const l of readFileSync(tb, 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(l) as { label: number; kind: string; text: string };
    const a = annotate({ text: r.text, contentType: 'html' }, cfg);
    items.push({ label: r.label, kind: r.kind, quality: a.quality, lang: a.lang });
  }
  const web = resolve(repoRoot, '../shared/eval/extraction/trafilatura/html');
  if (existsSync(web)) {
    for (const f of readdirSync(web).sort()) {
      const html = gunzipSync(readFileSync(join(web, f))).toString('utf8');
      const text = htmlText(html, false);
      if (text.length < 50) continue;
      const a = annotate({ text, contentType: 'html' }, cfg);
      items.push({ label: 0, kind: 'web-full-text', quality: a.quality, lang: a.lang });
    }
  }
  const dist = (kind: string) => {
    const q = items.filter((i) => i.kind === kind).map((i) => i.quality);
    const h = [0, 0, 0, 0, 0, 0];
    for (const v of q) h[v]++;
    return `${kind} n=${q.length} mean=${(q.reduce((a, b) => a + b, 0) / Math.max(1, q.length)).toFixed(2)} histogram 0..5=${h.join('/')}`;
  };
  for (const k of ['tutorial', 'navigation', 'web-full-text']) console.log(dist(k));
  const pos = items.filter((i) => i.label === 1);
  console.log(`ROC AUC all: ${rocAuc(items).toFixed(4)} (${pos.length} positives, ${items.length - pos.length} negatives)`);
  console.log(`ROC AUC vs navigation pages: ${rocAuc(items.filter((i) => i.label === 1 || i.kind === 'navigation')).toFixed(4)}`);
  const enWeb = items.filter((i) => i.label === 1 || (i.kind === 'web-full-text' && i.lang === 'en'));
  console.log(`ROC AUC vs English web pages (full visible text): ${rocAuc(enWeb).toFixed(4)} (${enWeb.length - pos.length} pages)`);
  const atLeast3 = (k: string) => items.filter((i) => i.kind === k && i.quality >= 3).length / Math.max(1, items.filter((i) => i.kind === k).length);
  console.log(`share with score >= 3: tutorial ${atLeast3('tutorial').toFixed(3)}, navigation ${atLeast3('navigation').toFixed(3)}, web ${atLeast3('web-full-text').toFixed(3)}`);
}
