/**
 * Picks the files of the copyright-holder evaluation set (bench/copyright/labels.json) from what
 * this machine has: license/NOTICE files of the repo's npm packages, small Debian copyright files
 * (/usr/share/doc/<pkg>/copyright), and the leading comment of source files (npm packages' .js/.ts,
 * /usr/include/*.h, /usr/lib/python3.11/*.py). Deterministic: candidates are ordered by the sha256
 * of their content and the first N of each pool are taken; the tune/report half follows from
 * sha256("split:" + content sha). Prints JSON lines {file, sha256, origin, half} for labelling.
 *
 *   node --import tsx scripts/copyrightEvalSelect.ts > /tmp/candidates.jsonl
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { evidenceRole } from '../src/license/sourceEvidence.js';
import { HEADER_LINES } from '../src/license/fileHeaderLicense.js';

const repo = resolve(import.meta.dirname, '..');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function walk(dir: string, keep: (p: string) => boolean, out: string[], depth = 0): void {
  if (depth > 14) return;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const n of names) {
    const p = join(dir, n);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(p, keep, out, depth + 1);
    else if (st.isFile() && st.size < 200_000 && keep(p)) out.push(p);
  }
}

function pick(files: string[], n: number, accept: (text: string) => boolean = () => true): { file: string; sha256: string }[] {
  const seen = new Set<string>();
  const c: { file: string; sha256: string }[] = [];
  for (const f of files) {
    const b = readFileSync(f);
    const h = sha(b);
    if (seen.has(h) || !accept(b.toString('utf8'))) continue;
    seen.add(h);
    c.push({ file: f, sha256: h });
  }
  c.sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
  return c.slice(0, n);
}

const headOf = (t: string) => t.split(/\r?\n/).slice(0, HEADER_LINES).join('\n');
const MARK = /copyright|©|\(c\)\s*\d{4}/i;

const npm: string[] = [];
walk(join(repo, 'node_modules'), (p) => { const r = evidenceRole(p); return r === 'license' || r === 'notice'; }, npm);
const debian: string[] = [];
for (const d of readdirSync('/usr/share/doc').sort()) {
  const p = join('/usr/share/doc', d, 'copyright');
  try {
    if (statSync(p).size < 5000) debian.push(p);
  } catch {}
}
const src: string[] = [];
walk(join(repo, 'node_modules'), (p) => /\.(?:m?js|cjs|ts)$/.test(p) && !/\.min\.js$/.test(p), src);
walk('/usr/include', (p) => p.endsWith('.h'), src);
walk('/usr/lib/python3.11', (p) => /\/python3\.11\/[^/]+\.py$/.test(p), src);

const out = [
  ...pick(npm, 45).map((x) => ({ ...x, origin: 'npm-license' })),
  ...pick(debian, 30).map((x) => ({ ...x, origin: 'debian-copyright' })),
  ...pick(src, 35, (t) => MARK.test(headOf(t))).map((x) => ({ ...x, origin: 'header' })),
  ...pick(src, 10, (t) => !MARK.test(headOf(t))).map((x) => ({ ...x, origin: 'header' })),
];
for (const x of out) {
  const file = x.file.startsWith(repo) ? relative(repo, x.file) : x.file;
  const half = parseInt(sha(`split:${x.sha256}`).slice(0, 2), 16) % 2 === 0 ? 'tune' : 'report';
  console.log(JSON.stringify({ file, sha256: x.sha256, origin: x.origin, half }));
}
