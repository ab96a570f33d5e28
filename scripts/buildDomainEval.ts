/**
 * Builds the evaluation sets of the annotate stage from real documents on this machine, into the
 * gitignored folder .bench/annotate-eval/ (the texts are licensed for redistribution, but they are
 * too large to commit):
 *
 *   domains.jsonl   code / science / prose, labelled by where they come from
 *   textbook.jsonl  tutorial/textbook-like pages (label 1) vs navigation/index pages (label 0);
 *                   evalTextbook.ts adds full-visible-text web pages from /work/shared/eval
 *   lang.jsonl      man pages in 8 languages (Debian manpages-*), for the language-id check
 *
 * Sources: Debian packages fetched with `apt-get download` and unpacked with `dpkg -x` (no root
 * needed), and the npm packages in node_modules. Run: node --import tsx scripts/buildDomainEval.ts
 * Sampling is deterministic (sorted paths, evenly spaced picks), so the set is the same every run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';

const repoRoot = resolve(import.meta.dirname, '..');
const out = join(repoRoot, '.bench/annotate-eval');
const debs = join(out, 'debs');
const x = join(out, 'x');

const PACKAGES = [
  'python-scipy-doc', 'python-astropy-doc', 'python-statsmodels-doc', 'python-sympy-doc', 'python-skimage-doc',
  'python-biopython-doc', 'octave-doc', 'maxima-doc', 'r-doc-html', 'texlive-publishers-doc', 'python3.11-doc',
  'debian-reference-en', 'gnu-standards', 'dict-devil', 'dict-jargon', 'fortunes', 'doc-debian',
  'libpython3.11-stdlib', 'perl-modules-5.36', 'libc6-dev', 'golang-1.19-src', 'libruby3.1',
  'libstdc++-12-dev', 'libpython3.11-minimal', 'bash-completion', 'librust-serde-dev', 'librust-regex-dev', 'librust-clap-dev', 'openjdk-17-source',
  'manpages', 'manpages-de', 'manpages-fr', 'manpages-es', 'manpages-it', 'manpages-pl', 'manpages-nl', 'manpages-ru',
];

function fetchPackages(): void {
  mkdirSync(debs, { recursive: true });
  for (const p of PACKAGES) {
    if (existsSync(join(x, p))) continue;
    if (!readdirSync(debs).some((f) => f.startsWith(`${p}_`))) {
      execFileSync('apt-get', ['download', p], { cwd: debs, stdio: 'ignore' });
    }
    const deb = readdirSync(debs).find((f) => f.startsWith(`${p}_`))!;
    mkdirSync(join(x, p), { recursive: true });
    execFileSync('dpkg', ['-x', join(debs, deb), join(x, p)]);
  }
}

function walk(dir: string, keep: (p: string) => boolean, acc: string[] = []): string[] {
  if (!existsSync(dir)) return acc;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, keep, acc);
    else if (e.isFile() && keep(p)) acc.push(p);
  }
  return acc;
}

/** n evenly spaced items (deterministic). */
function pick<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const res: T[] = [];
  for (let i = 0; i < n; i++) res.push(items[Math.floor(((i + 0.5) * items.length) / n)]);
  return res;
}

/** Caps a text at `max` characters on a line end. */
function cap(text: string, max = 8000): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf('\n', max);
  return text.slice(0, cut > max / 2 ? cut : max);
}

/** Splits a long text into chunks of ~size characters on paragraph ends. */
function chunks(text: string, size = 6000): string[] {
  const paras = text.split(/\n\s*\n/);
  const res: string[] = [];
  let cur = '';
  for (const p of paras) {
    if (cur.length + p.length > size && cur.length > size / 3) {
      res.push(cur.trim());
      cur = '';
    }
    cur += `${p}\n\n`;
  }
  if (cur.trim()) res.push(cur.trim());
  return res;
}

const BLOCK = new Set(['p', 'div', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'table', 'tr', 'pre', 'blockquote', 'br', 'hr', 'figure', 'caption', 'header', 'footer', 'nav', 'aside', 'main', 'body', 'td', 'th']);

/** Visible text with block structure (a plain tag walker; the project's extractor is not used on purpose, to keep the eval independent of it). */
export function htmlText(html: string, mainOnly: boolean): string {
  const $ = cheerio.load(html);
  $('script, style, noscript, head, link, meta').remove();
  if (mainOnly) $('nav, header, footer, .sphinxsidebar, .related, .footer, [role=navigation], .headerlink').remove();
  const root = mainOnly ? ($('[role=main]').first().length ? $('[role=main]').first() : $('div.body').first().length ? $('div.body').first() : $('body')) : $('body').length ? $('body') : $.root();
  const parts: string[] = [];
  const visit = (node: unknown, inPre: boolean): void => {
    const n = node as { type: string; data?: string; name?: string; children?: unknown[] };
    if (n.type === 'text') parts.push(inPre ? n.data ?? '' : (n.data ?? '').replace(/\s+/g, ' '));
    else if (n.type === 'tag' || n.type === 'root') {
      const block = n.name !== undefined && BLOCK.has(n.name);
      const pre = inPre || n.name === 'pre';
      if (block) parts.push(n.name === 'pre' || /^h\d$/.test(n.name ?? '') || n.name === 'p' ? '\n\n' : '\n');
      for (const c of n.children ?? []) visit(c, pre);
      if (block) parts.push(n.name === 'pre' || /^h\d$/.test(n.name ?? '') || n.name === 'p' ? '\n\n' : '\n');
    }
  };
  for (const el of (root as unknown as { toArray(): unknown[] }).toArray()) visit(el, false);
  return parts
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/g, '').replace(/^[ \t]+(?=\S)/, (m) => (m.length > 1 ? m : '')))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface Row {
  id: string;
  domain: 'code' | 'science' | 'prose';
  genre: string;
  origin: string;
  contentType: 'code' | 'text' | 'html' | 'latex';
  programmingLanguage?: string;
  text: string;
}

const rows: Row[] = [];
function add(r: Omit<Row, 'id'>): void {
  if (r.text.trim().length < 200) return;
  rows.push({ id: `${r.domain}-${String(rows.length).padStart(4, '0')}`, ...r, text: cap(r.text) });
}

const LANG_BY_EXT: Record<string, string> = { '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.ts': 'typescript', '.py': 'python', '.pm': 'perl', '.pl': 'perl', '.h': 'c', '.c': 'c', '.go': 'go', '.rb': 'ruby' };

function addCode(genre: string, files: string[], n: number, base: string): void {
  for (const f of pick(files, n)) {
    add({ domain: 'code', genre, origin: relative(base, f), contentType: 'code', programmingLanguage: LANG_BY_EXT[extname(f)], text: readFileSync(f, 'utf8') });
  }
}

function addHtml(domain: Row['domain'], genre: string, files: string[], n: number, perFile = 1): void {
  for (const f of pick(files, n)) {
    const text = htmlText(readFileSync(f, 'utf8'), true);
    const cs = chunks(text);
    for (const c of pick(cs, perFile)) add({ domain, genre, origin: relative(x, f), contentType: 'html', text: c });
  }
}

function addChunks(domain: Row['domain'], genre: string, origin: string, text: string, n: number, contentType: Row['contentType'] = 'text'): void {
  for (const c of pick(chunks(text, 3000), n)) add({ domain, genre, origin, contentType, text: c });
}

const isHtml = (p: string) => p.endsWith('.html') && !/(?:genindex|py-modindex|search|_modules|_sources|_static|_images)/.test(p);

function build(): void {
  // Code.
  const nm = join(repoRoot, 'node_modules');
  const small = (p: string) => statSync(p).size > 600 && statSync(p).size < 200_000;
  addCode('javascript', walk(nm, (p) => /\.(m|c)?js$/.test(p) && !/\.min\.js$|\/dist\/|\/test\//.test(p) && small(p)), 50, nm);
  addCode('typescript', walk(nm, (p) => p.endsWith('.ts') && !p.endsWith('.d.ts') && small(p)), 30, nm);
  addCode('python', walk(join(x, 'libpython3.11-stdlib'), (p) => p.endsWith('.py') && !/\/test\//.test(p) && small(p)), 40, x);
  addCode('perl', walk(join(x, 'perl-modules-5.36'), (p) => p.endsWith('.pm') && small(p)), 30, x);
  addCode('c', walk(join(x, 'libc6-dev'), (p) => p.endsWith('.h') && small(p)), 30, x);
  addCode('go', walk(join(x, 'golang-1.19-src'), (p) => p.endsWith('.go') && !p.endsWith('_test.go') && !/testdata/.test(p) && small(p)), 30, x);
  addCode('ruby', walk(join(x, 'libruby3.1'), (p) => p.endsWith('.rb') && small(p)), 30, x);

  // Science: scientific software documentation (HTML) and LaTeX articles.
  const doc = (p: string) => join(x, p);
  addHtml('science', 'scipy-docs', walk(doc('python-scipy-doc/usr/share/doc/python-scipy-doc/html'), isHtml), 35);
  addHtml('science', 'astropy-docs', walk(doc('python-astropy-doc/usr/share/doc/python-astropy-doc/html'), isHtml), 35);
  addHtml('science', 'statsmodels-docs', walk(doc('python-statsmodels-doc/usr/share/doc/python-statsmodels-doc/html'), isHtml), 35);
  addHtml('science', 'sympy-docs', walk(doc('python-sympy-doc/usr/share/doc/python-sympy-doc/html'), isHtml), 25);
  addHtml('science', 'skimage-docs', walk(doc('python-skimage-doc/usr/share/doc/python-skimage-doc/html'), isHtml), 20);
  addHtml('science', 'octave-manual', walk(doc('octave-doc/usr/share/doc/octave/octave.html'), (p) => isHtml(p) && statSync(p).size > 6000), 25);
  addHtml('science', 'maxima-manual', walk(doc('maxima-doc/usr/share/doc/maxima-doc/html'), isHtml), 20);
  addHtml('science', 'r-manuals', [doc('r-doc-html/usr/share/R/doc/manual/R-intro.html'), doc('r-doc-html/usr/share/R/doc/manual/R-data.html')], 2, 8);
  const bio = doc('python-biopython-doc/usr/share/doc/python-biopython-doc/Doc/Tutorial.html');
  if (existsSync(bio)) addHtml('science', 'biopython-tutorial', [bio], 1, 15);
  const tex = walk(doc('texlive-publishers-doc'), (p) => p.endsWith('.tex') && small(p)).filter((p) => {
    const t = readFileSync(p, 'utf8');
    // English articles with displayed math and sections; no filler text, no CJK templates.
    const ascii = t.replace(/[^\x00-\x7f]/g, '').length / Math.max(1, t.length);
    return ascii > 0.98 && /\\begin\{(?:equation|align|eqnarray)|\$\$/.test(t) && /\\section/.test(t) && !/lorem ipsum|\\blindtext|\\lipsum|\\kant|\\blinddocument/i.test(t);
  });
  for (const f of pick(tex, 40)) add({ domain: 'science', genre: 'latex-article', origin: relative(x, f), contentType: 'latex', text: readFileSync(f, 'latin1') });

  // Prose: literature, dictionaries, essays and general technical documentation.
  addHtml('prose', 'python-docs', walk(doc('python3.11-doc/usr/share/doc/python3.11/html'), (p) => isHtml(p) && /\/(?:tutorial|howto|faq|library|reference|whatsnew)\//.test(p)), 60);
  addHtml('prose', 'debian-reference', walk(doc('debian-reference-en/usr/share/debian-reference'), (p) => /ch\d+\.en\.html$/.test(p)), 12, 3);
  addHtml('prose', 'gnu-standards', [doc('gnu-standards/usr/share/doc/gnu-standards/maintain.html')], 1, 10);
  for (const name of ['devil', 'jargon']) {
    const dz = doc(`dict-${name}/usr/share/dictd/${name}.dict.dz`);
    if (existsSync(dz)) addChunks('prose', `dict-${name}`, `debian:dict-${name}`, gunzipSync(readFileSync(dz)).toString('utf8'), 25);
  }
  const fortunes = walk(doc('fortunes/usr/share/games/fortunes'), (p) => !/\.(dat|u8)$/.test(p) && !statSync(p).isSymbolicLink());
  for (const f of pick(fortunes, 20)) addChunks('prose', 'fortunes', relative(x, f), readFileSync(f, 'utf8').replace(/^%$/gm, ''), 1);
  for (const f of walk(doc('doc-debian/usr/share/doc/debian'), (p) => /(?:constitution|social-contract|manifesto)(?:\.txt)?\.gz$/.test(p) && !/\d\.\d/.test(basename(p)))) {
    addChunks('prose', 'debian-essays', relative(x, f), gunzipSync(readFileSync(f)).toString('utf8'), 4);
  }
  writeFileSync(join(out, 'domains.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const counts: Record<string, number> = {};
  for (const r of rows) counts[`${r.domain}/${r.genre}`] = (counts[`${r.domain}/${r.genre}`] ?? 0) + 1;
  console.log(`domains.jsonl: ${rows.length} documents`, counts);
}

/** Tutorial-like pages (1) and navigation/index pages (0) from the same documentation sets. */
function buildTextbook(): void {
  const res: { id: string; label: number; kind: string; origin: string; text: string }[] = [];
  const addT = (label: number, kind: string, f: string, mainOnly: boolean) => {
    const text = cap(htmlText(readFileSync(f, 'utf8'), mainOnly), 12000);
    if (text.length > 100) res.push({ id: `tb-${res.length}`, label, kind, origin: relative(x, f), text });
  };
  const doc = (p: string) => join(x, p);
  const tutorials = [
    ...pick(walk(doc('python3.11-doc/usr/share/doc/python3.11/html/tutorial'), isHtml), 15),
    ...pick(walk(doc('python3.11-doc/usr/share/doc/python3.11/html/howto'), isHtml), 10),
    ...pick(walk(doc('python-scipy-doc/usr/share/doc/python-scipy-doc/html/tutorial'), isHtml), 15),
    ...pick(walk(doc('python-statsmodels-doc/usr/share/doc/python-statsmodels-doc/html/examples/notebooks/generated'), isHtml), 10),
    ...pick(walk(doc('python-skimage-doc/usr/share/doc/python-skimage-doc/html/user_guide'), isHtml), 8),
    ...pick(walk(doc('python-sympy-doc/usr/share/doc/python-sympy-doc/html/tutorials'), isHtml), 10),
    ...pick(walk(doc('debian-reference-en/usr/share/debian-reference'), (p) => /ch\d+\.en\.html$/.test(p)), 6),
  ];
  for (const f of tutorials) addT(1, 'tutorial', f, true);
  // Navigation-only pages: general indexes, module indexes, tables of contents and the top-level
  // landing pages. (Sub-package index.html pages of Sphinx sites are left out: many hold real
  // introductions, so they are not navigation-only.)
  const html = (p: string) => join(x, p);
  const nav = [
    ...walk(doc('python3.11-doc/usr/share/doc/python3.11/html'), (p) => /\/(?:genindex(?:-[A-Z_]+)?|py-modindex|contents|bugs|copyright|search)\.html$/.test(p) || p === html('python3.11-doc/usr/share/doc/python3.11/html/index.html')),
    ...walk(doc('python-scipy-doc/usr/share/doc/python-scipy-doc/html'), (p) => /\/(?:genindex|py-modindex|search)\.html$/.test(p) || p === html('python-scipy-doc/usr/share/doc/python-scipy-doc/html/index.html')),
    ...walk(doc('python-astropy-doc/usr/share/doc/python-astropy-doc/html'), (p) => /\/(?:genindex|py-modindex|search)\.html$/.test(p) || p === html('python-astropy-doc/usr/share/doc/python-astropy-doc/html/index.html')),
    ...walk(doc('python-statsmodels-doc/usr/share/doc/python-statsmodels-doc/html'), (p) => /\/(?:genindex|py-modindex|search)\.html$/.test(p) || p === html('python-statsmodels-doc/usr/share/doc/python-statsmodels-doc/html/index.html')),
    ...walk(doc('python-sympy-doc/usr/share/doc/python-sympy-doc/html'), (p) => /\/(?:genindex|py-modindex|search)\.html$/.test(p) || p === html('python-sympy-doc/usr/share/doc/python-sympy-doc/html/index.html')),
  ];
  // Whole pages with sidebars and menus: navigation-only and index pages.
  for (const f of pick(nav, 70)) addT(0, 'navigation', f, false);
  writeFileSync(join(out, 'textbook.jsonl'), res.map((r) => JSON.stringify(r)).join('\n') + '\n');
  console.log(`textbook.jsonl: ${res.filter((r) => r.label === 1).length} tutorial pages, ${res.filter((r) => r.label === 0).length} navigation pages`);
}

/** Strips roff requests and escapes: plain man page text. */
function roffText(t: string): string {
  return t
    .split('\n')
    .filter((l) => !l.startsWith('.') && !l.startsWith("'"))
    .join('\n')
    .replace(/\\f[BIRPV]|\\f\([A-Z]{2}|\\f\[[^\]]*\]/g, '')
    .replace(/\\-/g, '-')
    .replace(/\\\([a-z]{2}/g, '')
    .replace(/\\[&e]/g, '');
}

function buildLang(): void {
  const langs: Record<string, string> = { en: 'manpages/usr/share/man', de: 'manpages-de/usr/share/man/de', fr: 'manpages-fr/usr/share/man/fr', es: 'manpages-es/usr/share/man/es', it: 'manpages-it/usr/share/man/it', pl: 'manpages-pl/usr/share/man/pl', nl: 'manpages-nl/usr/share/man/nl', ru: 'manpages-ru/usr/share/man/ru' };
  const res: { lang: string; origin: string; text: string }[] = [];
  for (const [lang, dir] of Object.entries(langs)) {
    const files = walk(join(x, dir), (p) => /\/man[1-8]\/[^/]+\.gz$/.test(p));
    for (const f of pick(files, 60)) {
      const text = roffText(gunzipSync(readFileSync(f)).toString('utf8')).trim();
      if (text.length > 300) res.push({ lang, origin: relative(x, f), text: cap(text, 6000) });
    }
  }
  writeFileSync(join(out, 'lang.jsonl'), res.map((r) => JSON.stringify(r)).join('\n') + '\n');
  console.log(`lang.jsonl: ${res.length} man pages`);
}

/**
 * code-nameless.jsonl: source files as JSONL dumps and web pages carry them — no file name, no
 * extension, no content type — in the kinds the classifier used to miss: package `__init__.py`
 * files, codec tables, `index.js` entry points, TypeScript declaration files, extension-less C++
 * headers, shell scripts, Rust, Java. The domain eval judges them on content alone.
 */
function buildNamelessCode(): void {
  const res: { id: string; domain: 'code'; genre: string; origin: string; text: string }[] = [];
  const nm = join(repoRoot, 'node_modules');
  const sized = (p: string, min = 150) => statSync(p).size > min && statSync(p).size < 200_000;
  const addN = (genre: string, files: string[], n: number, base: string) => {
    for (const f of pick(files, n)) {
      const text = cap(readFileSync(f, 'utf8'));
      if (text.trim().length >= 150) res.push({ id: `nameless-${String(res.length).padStart(4, '0')}`, domain: 'code', genre, origin: relative(base, f), text });
    }
  };
  const stdlib = join(x, 'libpython3.11-stdlib');
  addN('python-init', walk(stdlib, (p) => p.endsWith('/__init__.py') && !/\/test\//.test(p) && sized(p)), 30, x);
  addN('python-codec-table', walk(join(x, 'libpython3.11-minimal'), (p) => /\/encodings\/(?:cp|iso|mac|koi|hp|tis|kz|ptcp)[^/]*\.py$/.test(p)), 20, x);
  addN('js-index', walk(nm, (p) => /\/index\.(?:m|c)?js$/.test(p) && !/\.min\.js$/.test(p) && sized(p)), 30, nm);
  addN('typescript-dts', walk(nm, (p) => p.endsWith('.d.ts') && sized(p, 300)), 30, nm);
  addN('cpp-header', walk(join(x, 'libstdc++-12-dev'), (p) => /\/include\/c\+\+\/12\/[a-z_]+$/.test(p) && sized(p)), 25, x);
  addN('shell', walk(join(x, 'bash-completion'), (p) => /\/completions\/[^/]+$/.test(p) && !statSync(p).isSymbolicLink() && sized(p, 400)), 30, x);
  addN('rust', walk(x, (p) => /\/librust-[a-z]+-dev\/.*\.rs$/.test(p) && sized(p, 400)), 30, x);
  const srcZip = join(x, 'openjdk-17-source/usr/lib/jvm/openjdk-17/lib/src.zip');
  const javaDir = join(x, 'openjdk-src');
  if (existsSync(srcZip) && !existsSync(javaDir)) execFileSync('unzip', ['-q', '-o', srcZip, 'java.base/java/util/*', '-d', javaDir]);
  addN('java', walk(javaDir, (p) => p.endsWith('.java') && sized(p, 400)), 25, x);
  writeFileSync(join(out, 'code-nameless.jsonl'), res.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const counts: Record<string, number> = {};
  for (const r of res) counts[r.genre] = (counts[r.genre] ?? 0) + 1;
  console.log(`code-nameless.jsonl: ${res.length} files`, counts);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  fetchPackages();
  buildNamelessCode();
  build();
  buildTextbook();
  buildLang();
}
