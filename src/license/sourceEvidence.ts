import { createHash } from 'node:crypto';
import { extractAuthors, extractCopyrights, holderKey } from './copyrightHolders.js';
import { detectLicense } from './detectLicenseText.js';
import { licenseIdsOf, normalizeLicense } from './spdxExpression.js';
import { spdxLicenseText } from './spdxLicenseText.js';

/**
 * What a source's own files say about its license, checked against what the config declares.
 * Pure: the reader supplies the files (root LICENSE/COPYING/NOTICE/COPYRIGHT/AUTHORS, and license
 * files of subfolders such as the packages of a bundle).
 */

export type EvidenceRole = 'license' | 'notice' | 'copyright' | 'authors';

export interface EvidenceInput {
  /** Relative to the source path (posix). */
  file: string;
  text: string;
}

export interface EvidenceFile {
  file: string;
  role: EvidenceRole;
  sha256: string;
  bytes: number;
  /** Detected SPDX expression (license/copyright roles), or 'unknown'. */
  license?: string;
  score?: number;
  /** Copyright holders stated in the file (for AUTHORS: the authors listed). */
  holders: { holder: string; years: string }[];
  /** Verbatim text of NOTICE files (Apache-2.0 §4(d) asks to reproduce it), capped. */
  text?: string;
}

export type EvidenceStatus = 'match' | 'mismatch' | 'unverified' | 'no-file';

export interface EvidenceCheck {
  status: EvidenceStatus;
  /** Expression of the root license files (AND of them), when identified. */
  detected: string | null;
  /** Lowest score among the root license files. */
  score: number | null;
  files: EvidenceFile[];
  /** One line for the run output and MANIFEST.md. */
  detail: string;
}

const NOTICE_TEXT_MAX = 64 * 1024;

/** Role of a file by its name, or undefined when it is not evidence. */
export function evidenceRole(name: string): EvidenceRole | undefined {
  const base = name.split('/').pop()!;
  if (/^(?:licen[cs]e|copying|unlicense)(?:[.\-_][\w.\-]*)?$/i.test(base)) return 'license';
  if (/^notice(?:[.\-_][\w.\-]*)?$/i.test(base)) return 'notice';
  if (/^copyright(?:[.\-_][\w.\-]*)?$/i.test(base)) return 'copyright';
  if (/^(?:authors|contributors)(?:[.\-_][\w.\-]*)?$/i.test(base)) return 'authors';
  return undefined;
}

/** Reads each evidence file: sha256, detected license (license/copyright files), holders. */
export function readEvidence(inputs: EvidenceInput[]): EvidenceFile[] {
  const out: EvidenceFile[] = [];
  for (const f of inputs) {
    const role = evidenceRole(f.file);
    if (!role) continue;
    const bytes = Buffer.byteLength(f.text);
    const e: EvidenceFile = { file: f.file, role, sha256: createHash('sha256').update(f.text).digest('hex'), bytes, holders: [] };
    if (role === 'license' || role === 'copyright') {
      const d = detectLicense(f.text);
      e.license = d.license;
      e.score = d.score;
      e.holders = holdersOf(f.text, d.license);
    } else if (role === 'notice') {
      e.holders = holdersOf(f.text, 'unknown');
      e.text = f.text.length > NOTICE_TEXT_MAX ? `${f.text.slice(0, NOTICE_TEXT_MAX)}\n[… truncated at ${NOTICE_TEXT_MAX} characters]` : f.text;
    } else {
      e.holders = extractAuthors(f.text).map((holder) => ({ holder, years: '' }));
    }
    out.push(e);
  }
  return out;
}

/**
 * Holders of a license file, without those of the license document itself (the GPL's
 * "Copyright (C) 2007 Free Software Foundation" is about the license text, not the work).
 */
function holdersOf(text: string, license: string): { holder: string; years: string }[] {
  const refKeys = new Set<string>();
  if (license !== 'unknown') {
    for (const id of idsOf(license)) {
      const ref = spdxLicenseText(id);
      // Only a notice about the license document itself (GNU, GFDL: "verbatim copies of this license document").
      // Holder and years: the FSF's "1988-2014" notice on GNU Make is the work's, its "2007" on the GPL text is not.
      if (ref && /this licen[cs]e document/i.test(ref)) for (const s of extractCopyrights(ref)) refKeys.add(`${holderKey(s.holder)}|${s.years}`);
    }
  }
  return extractCopyrights(text)
    .filter((s) => !refKeys.has(`${holderKey(s.holder)}|${s.years}`))
    .map((s) => ({ holder: s.holder, years: s.years }));
}

function idsOf(expression: string): string[] {
  const n = normalizeLicense(expression);
  if (!n.ok) return [];
  return licenseIdsOf(n.tree);
}

/** An id without the -only / -or-later / + suffix: a full license text cannot say which was meant. */
function family(id: string): string {
  return id.replace(/(?:-only|-or-later|\+)$/, '');
}

/**
 * Do the declared expression and the detected one name the same licenses? Operators are not
 * compared (two LICENSE files give "A AND B" where the project says "A OR B"), nor "only" vs
 * "or later" (the full GPL text is the same for both).
 */
export function licensesAgree(declared: string, detected: string, equivalents: string[] = []): boolean {
  const a = new Set(idsOf(declared).map(family));
  const b = new Set([...idsOf(detected), ...equivalents].map(family));
  if (a.size === 0) return false;
  const detectedIds = new Set(idsOf(detected).map(family));
  if (detectedIds.size === 0) return false;
  // Every detected license must be declared, and every declared one found (an equivalent counts).
  for (const id of detectedIds) if (!a.has(id) && !equivalents.map(family).some((e) => a.has(e))) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

/**
 * Compares the declared license of a source with its license files. Root files decide `status`;
 * a subfolder's license file (a bundled package) that names another license is a mismatch too.
 */
export function checkDeclared(declared: string | undefined, files: EvidenceFile[]): EvidenceCheck {
  const licenseFiles = files.filter((f) => f.role === 'license' || (f.role === 'copyright' && f.license !== 'unknown'));
  const root = licenseFiles.filter((f) => !f.file.includes('/'));
  const nested = licenseFiles.filter((f) => f.file.includes('/'));
  const known = root.filter((f) => f.license && f.license !== 'unknown');
  const parts = [...new Set(known.map((f) => f.license!))];
  const detected = parts.length === 0 ? null : parts.length === 1 ? parts[0]! : parts.map((p) => (/\s(?:OR|AND)\s/.test(p) ? `(${p})` : p)).join(' AND ');
  const score = root.length ? Math.min(...root.map((f) => f.score ?? 0)) : null;
  const describe = (f: EvidenceFile) => `${f.file}: ${f.license} (${f.score})`;
  if (!declared || declared === 'detect') {
    return { status: detected ? 'match' : root.length ? 'unverified' : 'no-file', detected, score, files, detail: root.length ? root.map(describe).join(', ') : 'no license file at the source root' };
  }
  const n = normalizeLicense(declared);
  const decl = n.ok ? n.expression : declared;
  const disagreeing = [...root, ...nested].filter((f) => f.license && f.license !== 'unknown' && !licensesAgree(decl, f.license));
  if (disagreeing.length > 0) {
    return { status: 'mismatch', detected, score, files, detail: `declared ${decl}, but ${disagreeing.map(describe).join(', ')}` };
  }
  if (root.length === 0) return { status: nested.length && nested.every((f) => f.license !== 'unknown') ? 'match' : 'no-file', detected, score, files, detail: nested.length ? `no root license file; ${nested.map(describe).join(', ')}` : 'no LICENSE/COPYING file at the source root: the declaration is not backed by a file' };
  if (known.length < root.length) {
    const unk = root.filter((f) => !f.license || f.license === 'unknown');
    return { status: 'unverified', detected, score, files, detail: `declared ${decl}; ${unk.map((f) => f.file).join(', ')} matches no SPDX license text (not checked)` };
  }
  return { status: 'match', detected, score, files, detail: `declared ${decl} agrees with ${root.map(describe).join(', ')}` };
}

/** All distinct holders of a set of evidence files, in order. */
export function holdersOfFiles(files: EvidenceFile[]): { holder: string; years: string; file: string }[] {
  const out: { holder: string; years: string; file: string }[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    for (const h of f.holders) {
      const k = `${holderKey(h.holder)}|${h.years}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ ...h, file: f.file });
    }
  }
  return out;
}
