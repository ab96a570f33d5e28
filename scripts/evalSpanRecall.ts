/**
 * Fidelity of the HTML extractor on documentation: the share of the main content's inline `<code>`
 * texts and `<dt>` texts (API signatures, glossary terms) that reach the extracted text.
 *
 * The reference is the page's own main-content element as its generator marks it (Sphinx:
 * `[role=main]`, else `div.body` / `article` / `main`), read with cheerio — a different parser from
 * the extractor's. Permalink anchors (`¶`), `[source]` links and copy buttons are removed from the
 * reference first: they are chrome the extractor must leave out. A span counts as kept when the
 * whitespace-normalised extracted text contains it as often as the reference holds it (a multiset
 * match, so a `None` that appears ten times must appear ten times).
 *
 * Sets (Debian documentation packages, read from their installed paths; absent → skipped with the
 * reason printed): the TUNING sets (python-requests-doc, python-jinja2-doc, python-click-doc) were
 * looked at while changing the extractor; the REPORT sets (python-flask-doc, python-attr-doc) were
 * not, and only their totals are printed unless --verbose.
 *
 * Usage: node --import tsx scripts/evalSpanRecall.ts [--verbose]
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { decodeBytes } from '../src/extract/charset.js';
import { extractHtml } from '../src/extract/htmlMainText.js';

export interface SpanSet {
  name: string;
  /** Debian package that installs it (what .ci/run installs). */
  pkg: string;
  dir: string;
  role: 'tuning' | 'report';
}

export const SPAN_SETS: SpanSet[] = [
  { name: 'requests', pkg: 'python-requests-doc', dir: '/usr/share/doc/python-requests-doc/html', role: 'tuning' },
  { name: 'jinja2', pkg: 'python-jinja2-doc', dir: '/usr/share/doc/python-jinja2-doc/html', role: 'tuning' },
  { name: 'click', pkg: 'python-click-doc', dir: '/usr/share/doc/python-click-doc/html', role: 'tuning' },
  { name: 'flask', pkg: 'python-flask-doc', dir: '/usr/share/doc/python-flask-doc/html', role: 'report' },
  { name: 'attrs', pkg: 'python-attr-doc', dir: '/usr/share/doc/python-attr-doc/html', role: 'report' },
];

/** Pages that are not documentation prose: indexes, search, 404, highlighted module sources. */
const SKIP_PAGE = /(?:^|\/)(?:genindex|py-modindex|search|404|index-\w+)\.html$|(?:^|\/)_modules\//;

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

function htmlFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel)).sort()) {
    const r = rel ? `${rel}/${e}` : e;
    const st = statSync(path.join(dir, r));
    if (st.isDirectory()) {
      if (!e.startsWith('_') || e === '_modules') out.push(...htmlFiles(dir, r));
    } else if (e.endsWith('.html') && !SKIP_PAGE.test(r)) out.push(r);
  }
  return out;
}

/** Inline code and dt texts of the page's main content (the reference). */
export function referenceSpans(html: string): { code: string[]; dt: string[] } {
  const $ = cheerio.load(html);
  let main = $('[role=main]').first();
  if (main.length === 0) main = $('div.body, article, main').first();
  if (main.length === 0) return { code: [], dt: [] };
  main.find('a.headerlink, .viewcode-link, .copybtn, button, script, style, .linenos, .lineno').remove();
  const code: string[] = [];
  main.find('code').each((_, el) => {
    const e = $(el);
    if (e.closest('pre, dt').length > 0) return;
    const t = norm(e.text());
    if (t) code.push(t);
  });
  const dt: string[] = [];
  main.find('dt').each((_, el) => {
    const t = norm($(el).text());
    if (t) dt.push(t);
  });
  return { code, dt };
}

function occurrences(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Spans found (multiset) in `text`, and the ones missing. */
export function matchSpans(text: string, spans: string[]): { kept: number; missing: string[] } {
  const out = norm(text);
  const want = new Map<string, number>();
  for (const s of spans) want.set(s, (want.get(s) ?? 0) + 1);
  let kept = 0;
  const missing: string[] = [];
  for (const [s, k] of want) {
    const have = Math.min(k, occurrences(out, s));
    kept += have;
    for (let i = have; i < k; i++) missing.push(s);
  }
  return { kept, missing };
}

export interface PageRecall {
  page: string;
  code: number;
  codeKept: number;
  dt: number;
  dtKept: number;
  missing: string[];
}

export interface SetRecall {
  set: SpanSet;
  pages: PageRecall[];
  code: number;
  codeKept: number;
  dt: number;
  dtKept: number;
}

export function evalSet(set: SpanSet): SetRecall {
  const pages: PageRecall[] = [];
  for (const rel of htmlFiles(set.dir)) {
    const raw = readFileSync(path.join(set.dir, rel));
    const { text: html } = decodeBytes(raw);
    const ref = referenceSpans(html);
    if (ref.code.length + ref.dt.length === 0) continue;
    const text = extractHtml(html).text;
    const c = matchSpans(text, ref.code);
    const d = matchSpans(text, ref.dt);
    pages.push({ page: rel, code: ref.code.length, codeKept: c.kept, dt: ref.dt.length, dtKept: d.kept, missing: [...c.missing, ...d.missing] });
  }
  const sum = (f: (p: PageRecall) => number): number => pages.reduce((s, p) => s + f(p), 0);
  return { set, pages, code: sum((p) => p.code), codeKept: sum((p) => p.codeKept), dt: sum((p) => p.dt), dtKept: sum((p) => p.dtKept) };
}

const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : (a / b).toFixed(3));

/** Prints span recall per set (skipping absent sets with the reason); returns the report sets' results. */
export function printSpanRecall(verbose = false): SetRecall[] {
  const results: SetRecall[] = [];
  for (const set of SPAN_SETS) {
    if (!existsSync(set.dir)) {
      console.log(`span recall ${set.name}: skipped, ${set.dir} absent (apt-get install ${set.pkg})`);
      continue;
    }
    const r = evalSet(set);
    results.push(r);
    const all = r.codeKept + r.dtKept;
    console.log(
      `span recall ${set.name} (${set.role}, ${r.pages.length} pages): inline code ${ratio(r.codeKept, r.code)} (${r.codeKept}/${r.code})  dt ${ratio(r.dtKept, r.dt)} (${r.dtKept}/${r.dt})  all ${ratio(all, r.code + r.dt)}`,
    );
    if (r.set.role === 'report' && !verbose) continue;
    const worst = [...r.pages]
      .filter((p) => p.missing.length > 0)
      .sort((a, b) => (a.codeKept + a.dtKept) / (a.code + a.dt) - (b.codeKept + b.dtKept) / (b.code + b.dt))
      .slice(0, verbose ? 20 : 3);
    for (const p of worst) {
      console.log(`   ${p.page}: ${p.codeKept + p.dtKept}/${p.code + p.dt}  missing: ${p.missing.slice(0, verbose ? 20 : 4).map((m) => JSON.stringify(m.slice(0, 60))).join(', ')}`);
    }
  }
  const rep = results.filter((r) => r.set.role === 'report');
  if (rep.length > 0) {
    const k = rep.reduce((s, r) => s + r.codeKept + r.dtKept, 0);
    const n = rep.reduce((s, r) => s + r.code + r.dt, 0);
    console.log(`span recall, report sets: ${ratio(k, n)} (${k}/${n})`);
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  printSpanRecall(process.argv.includes('--verbose'));
}
