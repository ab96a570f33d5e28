/**
 * Precision and recall of copyright-holder extraction on the hand-labelled set
 * bench/copyright/labels.json (real license files, Debian copyright files and source-file headers
 * on the machine that built curate; see bench/copyright/README.md for the labelling rules).
 * Files are read from where they are; a file that is absent or changed (sha256) is skipped and
 * counted, so the figures say how much of the set was scored.
 *
 * What is scored is what the pipeline records: license/NOTICE/copyright files go through
 * readEvidence (the manifest's `evidence_check.files[].holders`), source files through fileHeader
 * (`license_evidence.holders`).
 *
 *   node --import tsx scripts/evalCopyright.ts [--half tune|report|all] [--errors]
 *   npm run eval:copyright
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { holderKey } from '../src/license/copyrightHolders.js';
import { fileHeader } from '../src/license/fileHeaderLicense.js';
import { readEvidence } from '../src/license/sourceEvidence.js';

interface Holder {
  holder: string;
  years: string;
}
interface LabelledFile {
  file: string;
  sha256: string;
  origin: 'npm-license' | 'debian-copyright' | 'header';
  half: 'tune' | 'report';
  holders: Holder[];
}

export interface CopyrightScore {
  half: string;
  files: number;
  skipped: { file: string; reason: string }[];
  holders: { tp: number; fp: number; fn: number; precision: number; recall: number };
  holdersAndYears: { tp: number; fp: number; fn: number; precision: number; recall: number };
  errors: { file: string; kind: 'fp' | 'fn' | 'fp-years' | 'fn-years'; what: string }[];
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const LABELS = join(repoRoot, 'bench/copyright/labels.json');

/** Holders the pipeline records for one labelled file. */
export function predictedHolders(f: LabelledFile, text: string): Holder[] {
  if (f.origin === 'header') return fileHeader(text).holders;
  const name = f.origin === 'debian-copyright' ? 'copyright' : basename(f.file);
  return readEvidence([{ file: name, text }])[0]?.holders ?? [];
}

export function scoreCopyright(half: 'tune' | 'report' | 'all'): CopyrightScore {
  const set = JSON.parse(readFileSync(LABELS, 'utf8')) as { files: LabelledFile[] };
  const skipped: CopyrightScore['skipped'] = [];
  const errors: CopyrightScore['errors'] = [];
  const h = { tp: 0, fp: 0, fn: 0 };
  const hy = { tp: 0, fp: 0, fn: 0 };
  let files = 0;
  for (const f of set.files) {
    if (half !== 'all' && f.half !== half) continue;
    const path = isAbsolute(f.file) ? f.file : join(repoRoot, f.file);
    if (!existsSync(path)) {
      skipped.push({ file: f.file, reason: 'absent on this machine' });
      continue;
    }
    const bytes = readFileSync(path);
    if (createHash('sha256').update(bytes).digest('hex') !== f.sha256) {
      skipped.push({ file: f.file, reason: 'content differs from the labelled version (sha256)' });
      continue;
    }
    files++;
    const got = predictedHolders(f, bytes.toString('utf8'));
    count(new Set(f.holders.map((x) => holderKey(x.holder))), new Set(got.map((x) => holderKey(x.holder))), h, f.file, errors);
    const pair = (x: Holder) => `${holderKey(x.holder)} | ${x.years}`;
    const yearErrors: CopyrightScore['errors'] = [];
    count(new Set(f.holders.map(pair)), new Set(got.map(pair)), hy, f.file, yearErrors);
    // Only the year errors of holders that were found: the others are listed above already.
    const found = new Set(got.map((x) => holderKey(x.holder)));
    for (const e of yearErrors) if (found.has(e.what.split(' | ')[0]!)) errors.push({ ...e, kind: e.kind === 'fp' ? 'fp-years' : 'fn-years' });
  }
  return { half, files, skipped, holders: rates(h), holdersAndYears: rates(hy), errors };
}

function count(gold: Set<string>, got: Set<string>, acc: { tp: number; fp: number; fn: number }, file: string, errors?: CopyrightScore['errors']): void {
  for (const g of got) {
    if (gold.has(g)) acc.tp++;
    else {
      acc.fp++;
      errors?.push({ file, kind: 'fp', what: g });
    }
  }
  for (const g of gold) {
    if (!got.has(g)) {
      acc.fn++;
      errors?.push({ file, kind: 'fn', what: g });
    }
  }
}

function rates(a: { tp: number; fp: number; fn: number }) {
  return { ...a, precision: a.tp / Math.max(1, a.tp + a.fp), recall: a.tp / Math.max(1, a.tp + a.fn) };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const halfArg = args[args.indexOf('--half') + 1];
  const halves = args.includes('--half') ? [halfArg as 'tune' | 'report' | 'all'] : (['tune', 'report'] as const);
  for (const half of halves) {
    const s = scoreCopyright(half);
    console.log(`copyright holders, ${half} half: ${s.files} files scored, ${s.skipped.length} skipped`);
    console.log(`  holders:           precision ${pct(s.holders.precision)}  recall ${pct(s.holders.recall)}  (tp ${s.holders.tp}, fp ${s.holders.fp}, fn ${s.holders.fn})`);
    console.log(`  holders and years: precision ${pct(s.holdersAndYears.precision)}  recall ${pct(s.holdersAndYears.recall)}  (tp ${s.holdersAndYears.tp}, fp ${s.holdersAndYears.fp}, fn ${s.holdersAndYears.fn})`);
    if (s.skipped.length) console.log(`  skipped: ${[...new Set(s.skipped.map((x) => x.reason))].map((r) => `${s.skipped.filter((x) => x.reason === r).length} ${r}`).join('; ')}`);
    if (args.includes('--errors')) for (const e of s.errors) console.log(`  ${e.kind} ${e.file}: ${e.what}`);
  }
}
