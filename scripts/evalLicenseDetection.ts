/**
 * Accuracy of license-text detection on real LICENSE files found on this machine:
 *   - npm packages (repo node_modules and the global npm's): package.json `license` (a single SPDX id)
 *     against the package's one LICENSE/COPYING file;
 *   - Debian machine-readable copyright files (/usr/share/doc/star/copyright): stand-alone
 *     `License:` paragraphs that carry a text;
 *   - /usr/share/common-licenses (full texts Debian ships);
 *   - negatives: README / CHANGELOG / HISTORY files of npm packages, which must come out `unknown`.
 * Prints top-1 accuracy, the unknown rate on negatives, the confusion list and the time per file.
 *
 *   node --import tsx scripts/evalLicenseDetection.ts [--json] [--threshold 0.8]
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectLicense, DEFAULT_DETECTION_THRESHOLD } from '../src/license/detectLicenseText.js';
import { getLicenseIndex } from '../src/license/licenseIndex.js';
import { licenseWords } from '../src/license/licenseTextNormalize.js';
import { normalizeLicense } from '../src/license/spdxExpression.js';

export interface EvalCase {
  file: string;
  /** SPDX id, or 'unknown' for files that are not license texts. */
  expected: string;
  origin: 'npm' | 'debian' | 'common-licenses' | 'negative';
  text: string;
  /** Set when a hand-checked correction replaced the source's label. */
  labelFix?: string;
  /** The source's own label, before any correction. */
  rawExpected?: string;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LICENSE_FILE = /^(licen[cs]e|copying)([-.](md|txt|markdown|mit|bsd|apache|isc))?$/i;
const NEGATIVE_FILE = /^(readme|changelog|history|changes)(\.(md|markdown|txt))?$/i;

function singleId(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const n = normalizeLicense(raw);
  if (!n.ok || n.guessed || n.tree.kind !== 'license' || n.tree.exception || n.tree.plus) return undefined;
  if (n.tree.id.startsWith('LicenseRef-')) return undefined;
  return n.tree.id;
}

function packageDirs(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (depth > 12) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    if (names.includes('package.json')) out.push(dir);
    for (const n of names) {
      if (n.startsWith('.')) continue;
      const p = join(dir, n);
      if (n === 'node_modules' || basename(dir) === 'node_modules' || (basename(dirname(dir)) === 'node_modules' && basename(dir).startsWith('@'))) {
        try {
          if (statSync(p).isDirectory()) visit(p, depth + 1);
        } catch {
          /* broken link */
        }
      }
    }
  };
  visit(root, 0);
  return out;
}

function npmCases(roots: string[], negatives: EvalCase[]): EvalCase[] {
  const cases: EvalCase[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    for (const dir of packageDirs(root)) {
      let pj: { name?: string; version?: string; license?: unknown; licenses?: { type?: string }[] };
      try {
        pj = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (!pj.name) continue;
      const key = `${pj.name}@${pj.version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const names = readdirSync(dir);
      const declared = pj.license ?? (Array.isArray(pj.licenses) && pj.licenses.length === 1 ? pj.licenses[0]!.type : undefined);
      const id = singleId(typeof declared === 'object' && declared !== null ? (declared as { type?: string }).type : declared);
      const licFiles = names.filter((n) => LICENSE_FILE.test(n));
      if (id && licFiles.length === 1) {
        const file = join(dir, licFiles[0]!);
        cases.push({ file, expected: id, origin: 'npm', text: readFileSync(file, 'utf8') });
      }
      for (const n of names.filter((x) => NEGATIVE_FILE.test(x))) {
        const file = join(dir, n);
        const text = readFileSync(file, 'utf8');
        if (text.trim().length > 200) negatives.push({ file, expected: 'unknown', origin: 'negative', text });
      }
    }
  }
  return cases;
}

const DEBIAN_NAMES: Record<string, string> = {
  expat: 'MIT',
  mit: 'MIT',
  'bsd-2-clause': 'BSD-2-Clause',
  'bsd-3-clause': 'BSD-3-Clause',
  'bsd-4-clause': 'BSD-4-Clause',
  isc: 'ISC',
  zlib: 'Zlib',
  'apache-2.0': 'Apache-2.0',
  'gpl-2': 'GPL-2.0-only',
  'gpl-2+': 'GPL-2.0-or-later',
  'gpl-3': 'GPL-3.0-only',
  'gpl-3+': 'GPL-3.0-or-later',
  'lgpl-2.1': 'LGPL-2.1-only',
  'lgpl-2.1+': 'LGPL-2.1-or-later',
  'lgpl-3+': 'LGPL-3.0-or-later',
  'mpl-2.0': 'MPL-2.0',
  'cc0-1.0': 'CC0-1.0',
  unlicense: 'Unlicense',
  x11: 'X11',
  'artistic-2.0': 'Artistic-2.0',
  'psf-2': 'PSF-2.0',
  curl: 'curl',
  'bsl-1.0': 'BSL-1.0',
};

function debianCases(): EvalCase[] {
  const cases: EvalCase[] = [];
  const docRoot = '/usr/share/doc';
  if (!existsSync(docRoot)) return cases;
  for (const pkg of readdirSync(docRoot).sort()) {
    const file = join(docRoot, pkg, 'copyright');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (!/^Format:\s*https?:\/\/www\.debian\.org\/doc\/packaging-manuals\/copyright-format/m.test(text)) continue;
    for (const para of text.split(/\n\s*\n/)) {
      const m = /^License:[ \t]*([^\n]+)\n((?:[ \t][^\n]*\n?)+)/.exec(para);
      if (!m) continue;
      const expected = DEBIAN_NAMES[m[1]!.trim().toLowerCase()];
      if (!expected) continue;
      const body = m[2]!
        .split('\n')
        .map((l) => (l.trim() === '.' ? '' : l.replace(/^[ \t]/, '')))
        .join('\n');
      // Pointers to /usr/share/common-licenses alone say nothing; keep ones with a notice or full text.
      if (licenseWords(body).length < 40) continue;
      const key = `${pkg}/copyright#${m[1]!.trim()}`;
      const refine = DEBIAN_REFINEMENTS.find((r) => r.label === expected && r.clause.test(body));
      const fix = DEBIAN_LABEL_FIXES[key] ?? (refine ? { id: refine.id, why: `text has the clause ${refine.clause.source}` } : undefined);
      cases.push({ file: `${file}#${m[1]!.trim()}`, expected: fix?.id ?? expected, origin: 'debian', text: body, ...(fix ? { labelFix: `${expected} -> ${fix.id}: ${fix.why}`, rawExpected: expected } : {}) });
    }
  }
  return cases;
}

function commonLicenseCases(): EvalCase[] {
  const known: Record<string, string> = {
    'Apache-2.0': 'Apache-2.0',
    'CC0-1.0': 'CC0-1.0',
    'GPL-1': 'GPL-1.0-only',
    'GPL-2': 'GPL-2.0-only',
    'GPL-3': 'GPL-3.0-only',
    'LGPL-2': 'LGPL-2.0-only',
    'LGPL-2.1': 'LGPL-2.1-only',
    'LGPL-3': 'LGPL-3.0-only',
    'MPL-1.1': 'MPL-1.1',
    'MPL-2.0': 'MPL-2.0',
    'GFDL-1.2': 'GFDL-1.2-only',
    'GFDL-1.3': 'GFDL-1.3-only',
    'Artistic': 'Artistic-1.0-Perl',
  };
  const root = '/usr/share/common-licenses';
  return Object.entries(known)
    .filter(([f]) => existsSync(join(root, f)))
    .map(([f, id]) => ({ file: join(root, f), expected: id, origin: 'common-licenses' as const, text: readFileSync(join(root, f), 'utf8') }));
}

/**
 * Debian labels checked by hand against the text they label (the Debian short name is coarser
 * than SPDX and sometimes wrong). Each entry: the text's SPDX id and why. Reported separately.
 */
const DEBIAN_LABEL_FIXES: Record<string, { id: string; why: string }> = {
  'libip4tc2/copyright#GPL-2': { id: 'GPL-2.0-or-later', why: 'text says "or (at your option) any later version"' },
  'libxxhash0/copyright#GPL-2': { id: 'GPL-2.0-or-later', why: 'text says "or (at your option) any later version"' },
  'nss-plugin-pem/copyright#GPL-2': { id: 'GPL-2.0-or-later', why: 'text says "or (at your option) any later version"' },
  'libmnl0/copyright#LGPL-2.1': { id: 'LGPL-2.1-or-later', why: 'text says "or (at your option) any later version"' },
  'libutempter0/copyright#LGPL-2.1': { id: 'LGPL-2.1-or-later', why: 'text says "or (at your option) any later version"' },
  'linux-libc-dev/copyright#LGPL-2.1': { id: 'LGPL-2.1-or-later', why: 'text says "or (at your option) any later version"' },
  'libde265-0/copyright#LGPL-3+': { id: 'GPL-3.0-or-later', why: 'text is the GNU General (not Lesser) Public License notice' },
  'libarchive13/copyright#Expat': { id: 'ISC', why: 'text is the ISC license' },
  'libipt2/copyright#Expat': { id: 'BSD-3-Clause', why: 'text is the BSD 3-clause license' },
  'libharfbuzz0b/copyright#MIT': { id: 'MIT-Modern-Variant', why: 'text is SPDX MIT-Modern-Variant ("without written agreement and without license or royalty fees")' },
  'libxml2/copyright#ISC': { id: 'ISC-Veillard', why: 'text is SPDX ISC-Veillard' },
  'libsasl2-2/copyright#BSD-4-clause': { id: 'BSD-Attribution-HPND-disclaimer', why: 'text is the CMU license SPDX lists as BSD-Attribution-HPND-disclaimer' },
  'cmake/copyright#BSD-4-Clause': { id: 'bzip2-1.0.6', why: 'text has the bzip2 "origin must not be misrepresented" clauses' },
  'libio-html-perl/copyright#GPL-3+': { id: 'GPL-2.0-or-later', why: 'text says "either version 2, or (at your option) any later version"' },
  'libepoxy0/copyright#Expat': { id: 'MIT-Khronos-old', why: 'text is the Khronos "Materials" license SPDX lists as MIT-Khronos-old' },
};

/**
 * Debian names one SPDX family where SPDX has a specific id for a distinctive text. A label is
 * refined when the text carries that id's distinguishing clause (checked on the text itself).
 */
const DEBIAN_REFINEMENTS: { label: string; clause: RegExp; id: string }[] = [
  { label: 'BSD-4-Clause', clause: /developed\s+by\s+the\s+university\s+of\s+california,?\s+berkeley/i, id: 'BSD-4-Clause-UC' },
  { label: 'BSD-3-Clause', clause: /entire\s+permission\s+notice\s+in\s+its\s+entirety/i, id: 'BSD-3-Clause-Tso' },
];

/** Same license for evaluation purposes: equal ids, or ids whose reference texts are identical. */
function sameLicense(expected: string, got: string, equivalents: string[] = []): boolean {
  if (expected === got || equivalents.includes(expected)) return true;
  // A file with several license texts: its first one is the package's own.
  if (got.includes(' AND ')) return sameLicense(expected, got.split(' AND ')[0]!);
  const ref = getLicenseIndex().refs.find((r) => r.license === got);
  return !!ref && ref.equivalents.includes(expected);
}

/** All cases, or (default) each distinct normalised text once. */
export function collectLicenseEvalSet(opts: { distinct?: boolean } = {}): EvalCase[] {
  const negatives: EvalCase[] = [];
  const cases = [...npmCases([join(repoRoot, 'node_modules'), '/usr/lib/node_modules'], negatives), ...debianCases(), ...commonLicenseCases()];
  // Identical texts (vendored copies, the same Debian paragraph in sibling packages) count once;
  // a hand-checked label applies to every copy of the text it was checked on.
  const fixedByText = new Map<string, EvalCase>();
  for (const c of cases) if (c.labelFix) fixedByText.set(licenseWords(c.text).join(' '), c);
  for (const c of cases) {
    const f = fixedByText.get(licenseWords(c.text).join(' '));
    if (f && !c.labelFix && c.origin === f.origin) {
      c.rawExpected = c.expected;
      c.expected = f.expected;
      c.labelFix = f.labelFix;
    }
  }
  const dedup = (list: EvalCase[]) => {
    const seen = new Set<string>();
    return list.filter((c) => {
      const key = licenseWords(c.text).join(' ');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  if (opts.distinct === false) return [...cases, ...negatives];
  return [...dedup(cases), ...dedup(negatives).slice(0, 300)];
}

function main(): void {
  const args = process.argv.slice(2);
  const ti = args.indexOf('--threshold');
  const threshold = ti >= 0 ? Number(args[ti + 1]) : DEFAULT_DETECTION_THRESHOLD;
  const t0 = performance.now();
  getLicenseIndex();
  const indexMs = performance.now() - t0;
  const cases = collectLicenseEvalSet();
  const confusions: string[] = [];
  let posRightRaw = 0;
  let posRight = 0;
  let posTotal = 0;
  let negRight = 0;
  let negTotal = 0;
  const byOrigin = new Map<string, { right: number; total: number }>();
  const t1 = performance.now();
  for (const c of cases) {
    const d = detectLicense(c.text, { threshold });
    const ok = c.expected === 'unknown' ? d.license === 'unknown' : sameLicense(c.expected, d.license, d.equivalents);
    const o = byOrigin.get(c.origin) ?? { right: 0, total: 0 };
    o.total++;
    if (ok) o.right++;
    byOrigin.set(c.origin, o);
    if (c.expected === 'unknown') {
      negTotal++;
      if (ok) negRight++;
    } else {
      posTotal++;
      if (ok) posRight++;
      if (c.rawExpected ? sameLicense(c.rawExpected, d.license, d.equivalents) : ok) posRightRaw++;
    }
    if (!ok) confusions.push(`${c.labelFix ? '[relabelled] ' : ''}${c.expected} -> ${d.license} (score ${d.score}${d.runnerUp ? `, runner-up ${d.runnerUp.license} ${d.runnerUp.score}` : ''})  ${c.file}`);
  }
  const perFileMs = (performance.now() - t1) / cases.length;
  // Every npm LICENSE file, copies included (most are the same MIT/ISC text with another copyright line).
  const allNpm = collectLicenseEvalSet({ distinct: false }).filter((c) => c.origin === 'npm');
  const allNpmRight = allNpm.filter((c) => {
    const d = detectLicense(c.text, { threshold });
    return sameLicense(c.expected, d.license, d.equivalents);
  }).length;
  const result = {
    threshold,
    positives: posTotal,
    top1Accuracy: Number((posRight / posTotal).toFixed(4)),
    /** Against the sources' own labels, before the hand-checked corrections. */
    top1AccuracyRawLabels: Number((posRightRaw / posTotal).toFixed(4)),
    negatives: negTotal,
    negativesUnknown: Number((negRight / Math.max(1, negTotal)).toFixed(4)),
    byOrigin: Object.fromEntries([...byOrigin].map(([k, v]) => [k, `${v.right}/${v.total}`])),
    npmAllFiles: `${allNpmRight}/${allNpm.length}`,
    labelFixes: cases.filter((c) => c.labelFix).length,
    indexBuildMs: Math.round(indexMs),
    msPerFile: Number(perFileMs.toFixed(2)),
  };
  if (args.includes('--json')) {
    console.log(JSON.stringify({ ...result, confusions }));
    return;
  }
  console.log(`license detection: top-1 accuracy ${(result.top1Accuracy * 100).toFixed(1)}% on ${posTotal} distinct real license texts; ${(result.negativesUnknown * 100).toFixed(1)}% of ${negTotal} non-license files answered unknown; npm LICENSE files (all copies) ${result.npmAllFiles}`);
  console.log(JSON.stringify(result, null, 2));
  console.log(`confusions (${confusions.length}):`);
  for (const c of confusions) console.log(`  ${c}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
