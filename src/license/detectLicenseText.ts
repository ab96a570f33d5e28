import { bigramFeatures, getLicenseIndex, type LicenseIndex, type LicenseReference } from './licenseIndex.js';
import { debianLicenseBodies, isDebianCopyright } from './debianCopyright.js';
import { readGnuNotice, readOtherNotice } from './noticeGrammar.js';
import { MARK_START, OMIT_END, OMIT_START, licenseWords } from './licenseTextNormalize.js';
import { checkIdentity } from './licenseIdentity.js';
import { canonicalSpdx } from './spdxTree.js';

/**
 * Detects which license a LICENSE/COPYING file holds by comparing its normalised word bigrams
 * with every SPDX reference text (Sørensen–Dice). Near-ties between related texts (ISC vs 0BSD,
 * MIT vs MIT-0, BSD-2 vs BSD-3, GPL "only" vs "or later" notices) are decided by the bigrams
 * that only one of the two has: the file must contain the distinguishing clause.
 */

export interface LicenseDetection {
  /**
   * SPDX id, or an expression ("GPL-2.0-only WITH Classpath-exception-2.0" for a combined id,
   * "ISC AND MIT" for a file holding two license texts), or 'unknown'.
   */
  license: string;
  /** Dice similarity 0..1 with the chosen reference (rounded to 3 decimals). */
  score: number;
  runnerUp?: { license: string; score: number };
  /** Ids with the same reference text (the text alone cannot tell them apart). */
  equivalents?: string[];
  /**
   * How it was found: the whole file against a reference text; a standard notice; the file's
   * first section (a license followed by bundled third-party notices); several license blocks
   * (license is then "A AND B"); an SPDX-License-Identifier line.
   */
  method?: 'text' | 'notice' | 'section' | 'blocks' | 'identifier';
  /**
   * Set when the answer is 'unknown' because the text is close to a standard license but not
   * identical to it (SPDX matching guidelines): the closest standard id...
   */
  variantOf?: string;
  /** ...and the passage that differs, as evidence; or the conflict between an SPDX tag and the text below it. */
  difference?: string;
}

/** Below this Dice score the answer is 'unknown' (chosen on scripts/evalLicenseDetection.ts). */
export const DEFAULT_DETECTION_THRESHOLD = 0.8;
/** A text this far below the threshold is scored again with its copyright lines kept (see detectText). */
const RETRY_MARGIN = 0.35;
/** Candidates within this margin of the best are compared on their distinguishing bigrams. */
const TIE_MARGIN = 0.08;

export function detectLicense(text: string, opts: { threshold?: number } = {}): LicenseDetection {
  const tag = spdxIdentifierLine(text);
  if (!tag) return detectText(text, opts);
  // A tag is taken at its word only when the text below it does not say otherwise: a full GPL
  // text under "SPDX-License-Identifier: MIT" is a contradiction, and a contradiction fails
  // closed as 'unknown' (not "MIT AND GPL": the file's author may have meant either, a human decides).
  // The text without the tag line, else with it (some reference texts, CAL-1.0, hold their own tag).
  let body = detectText(text.slice(0, tag.start) + text.slice(tag.end), opts);
  if (body.variantOf) {
    const whole = detectText(text, opts);
    if (!whole.variantOf) body = whole;
  }
  if (body.variantOf) {
    return { license: 'unknown', score: body.score, ...(body.runnerUp ? { runnerUp: body.runnerUp } : {}), method: 'identifier', variantOf: body.variantOf, difference: `SPDX-License-Identifier: ${tag.expression} above a text that is not a standard license; ${body.difference}` };
  }
  if (body.license !== 'unknown' && !tagCovers(tag.expression, body)) {
    return {
      license: 'unknown',
      score: body.score,
      runnerUp: { license: body.license, score: body.score },
      method: 'identifier',
      difference: `SPDX-License-Identifier: ${tag.expression} contradicts the license text below it (${body.license}, score ${body.score}); declare the license in the config`,
    };
  }
  return { license: tag.expression, score: 1, method: 'identifier' };
}

/** True when every license the text names (or an id equivalent to it) is one the tag names. */
function tagCovers(tag: string, body: LicenseDetection): boolean {
  const tagIds = new Set(tag.split(/[\s()]+/).filter((w) => w && !/^(AND|OR|WITH)$/.test(w)).map((w) => w.replace(/\+$/, '')));
  const bodyIds = body.license.split(/[\s()]+/).filter((w) => w && !/^(AND|OR|WITH)$/.test(w));
  const same = (id: string) => tagIds.has(id) || (body.equivalents ?? []).some((e) => tagIds.has(e.replace(/\+$/, '')));
  return bodyIds.every(same);
}

function detectText(text: string, opts: { threshold?: number }): LicenseDetection {
  const threshold = opts.threshold ?? DEFAULT_DETECTION_THRESHOLD;
  if (isDebianCopyright(text)) {
    const bodies = debianLicenseBodies(text);
    if (bodies.length === 1) return detectLicense(bodies[0]!.body, opts);
    if (bodies.length > 1) {
      const found = bodies.map((b) => detectLicense(b.body, opts));
      const licenses = [...new Set(found.map((f) => f.license))];
      if (licenses.includes('unknown')) {
        const worst = found.find((f) => f.license === 'unknown')!;
        return { license: 'unknown', score: worst.score, ...(worst.runnerUp ? { runnerUp: worst.runnerUp } : {}), method: 'blocks' };
      }
      return { license: licenses.join(' AND '), score: Math.min(...found.map((f) => f.score)), method: licenses.length > 1 ? 'blocks' : found[0]!.method };
    }
  }
  const words = licenseWords(text);
  let result = matchWords(words, threshold, text);
  // A re-wrapped short license can start its terms on the copyright line ("Copyright (c) 2001 by
  // Jo Any use of the code is permitted ..."), which the similarity words drop: score again with it kept.
  // (Only when the text is somewhat close already, or short — a one-line text may be all "copyright
  // line": most unknown files are READMEs, long and far below.)
  if (result.license === 'unknown' && !result.variantOf && (result.score >= threshold - RETRY_MARGIN || words.length < 50)) {
    const marked = licenseWords(text, { marks: true });
    if (marked.includes(OMIT_START)) {
      const again = matchWords(marked.filter((w) => w !== OMIT_START && w !== OMIT_END && w !== MARK_START), threshold, text);
      if (again.license !== 'unknown') result = again;
    }
  }
  // A notice is short; GNU notices are parsed rather than scored (they differ in a version
  // digit), and Apache/MPL notices in wordings the reference notice does not cover.
  if (words.length <= 400 && (result.license === 'unknown' || result.method === 'notice')) {
    const notice = readGnuNotice(words) ?? (result.license === 'unknown' ? readOtherNotice(words) : undefined);
    if (notice) result = { license: notice, score: Math.max(result.score, threshold), method: 'notice' };
  }
  // Several license texts in one file (a project license plus a bundled component's):
  // detect each block and report all of them (AND), so no obligation is lost.
  if (result.score < MULTI_CHECK_BELOW) {
    const multi = detectBlocks(text, threshold);
    if (multi) result = multi;
  }
  // "MIT License ... # Licenses of bundled dependencies ...": judge the leading section alone.
  if (result.license === 'unknown') {
    const first = leadingSection(text);
    if (first) {
      const sec = matchWords(licenseWords(first), threshold, first);
      if (sec.license !== 'unknown') result = { ...sec, method: 'section' };
    }
  }
  return result;
}

/** Ids that most LICENSE files carry; among near-equal candidates the common one is the better bet. */
const COMMON = new Set([
  'MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', '0BSD', 'MIT-0', 'Unlicense', 'CC0-1.0', 'Zlib', 'MPL-2.0',
  'GPL-2.0-only', 'GPL-3.0-only', 'LGPL-2.1-only', 'LGPL-3.0-only', 'AGPL-3.0-only', 'BSL-1.0', 'CC-BY-4.0', 'CC-BY-SA-4.0',
  'Python-2.0', 'PSF-2.0', 'BlueOak-1.0.0', 'WTFPL', 'Artistic-2.0', 'EPL-2.0',
]);
const COMMON_BONUS = 0.02;
/** A file up to this many times a notice's length may be "the notice plus a pointer". */
const NOTICE_MAX_RATIO = 2.5;

/** References tried for identity before answering 'unknown' (each try is one word diff). */
const MAX_IDENTITY_TRIES = 6;

/** `words` are licenseWords(text); `text` is read again, keeping bracketed words, for the identity check. */
function matchWords(words: string[], threshold: number, text: string): LicenseDetection {
  const index = getLicenseIndex();
  const { known: fileSet, unseen } = bigramFeatures(index, words);
  const fileSize = fileSet.size + unseen;
  if (fileSize === 0) return { license: 'unknown', score: 0 };

  const inter = new Int32Array(index.refs.length);
  for (const b of fileSet) {
    const list = index.postings[b]!;
    for (let k = 0; k < list.length; k++) inter[list[k]!]!++;
  }
  const scored: { ref: number; score: number; rankScore: number }[] = [];
  for (let r = 0; r < index.refs.length; r++) {
    if (inter[r] === 0) continue;
    const ref = index.refs[r]!;
    // A short file that holds a whole standard notice plus a pointer ("On Debian systems the
    // complete text ...") is that notice: score notices by containment when the file is short.
    const dice = (2 * inter[r]!) / (ref.bigrams.length + fileSize);
    const score = ref.kind === 'notice' && fileSize <= NOTICE_MAX_RATIO * ref.bigrams.length ? Math.max(dice, inter[r]! / ref.bigrams.length) : dice;
    scored.push({ ref: r, score, rankScore: score + (COMMON.has(index.refs[r]!.license) ? COMMON_BONUS : 0) });
  }
  if (scored.length === 0) return { license: 'unknown', score: 0 };
  scored.sort((a, b) => b.rankScore - a.rankScore);

  // Best candidate per license (variants and notices of one license compete once).
  const perLicense = new Map<string, { ref: number; score: number; rankScore: number }>();
  for (const s of scored) if (!perLicense.has(index.refs[s.ref]!.license)) perLicense.set(index.refs[s.ref]!.license, s);
  const ranked = [...perLicense.values()];
  let best = ranked[0]!;
  // Near-ties matter only when the best could pass the threshold; a few contenders at most.
  const contenders = ranked[0]!.score >= threshold - TIE_MARGIN ? ranked.slice(1, 9) : [];
  for (const c of contenders) {
    if (c.rankScore < ranked[0]!.rankScore - TIE_MARGIN) break;
    if (prefers(index, fileSet, c.ref, best.ref)) best = c;
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  // Similarity found the candidates; identity decides (licenseIdentity.ts). The chosen one first,
  // then the other references that pass the threshold (another license, or another form of it).
  if (best.score >= threshold && index.refs[best.ref]!.kind === 'text') {
    const tries = [best, ...scored.filter((c) => c.ref !== best.ref && c.score >= threshold && index.refs[c.ref]!.kind === 'text')].slice(0, MAX_IDENTITY_TRIES);
    // Bracketed words are kept: "[not for commercial use]" is not a placeholder in a real file.
    const exact = licenseWords(text, { placeholders: 'keep', marks: true });
    let first: { license: string; difference: string } | undefined;
    let identical: (typeof best) | undefined;
    for (const c of tries) {
      const v = checkIdentity(index, index.refs[c.ref]!, exact);
      if (v.identical) {
        identical = c;
        break;
      }
      first ??= { license: index.refs[c.ref]!.license, difference: v.difference };
    }
    if (!identical) {
      return { license: 'unknown', score: round(best.score), runnerUp: { license: first!.license, score: round(best.score) }, method: 'text', variantOf: first!.license, difference: first!.difference };
    }
    best = identical;
  }
  const runner = ranked.find((c) => index.refs[c.ref]!.license !== index.refs[best.ref]!.license);
  const ref = index.refs[best.ref]!;
  const out: LicenseDetection = {
    license: best.score >= threshold ? ref.license : 'unknown',
    score: round(best.score),
    method: ref.kind,
  };
  if (best.score < threshold) out.runnerUp = { license: ref.license, score: round(best.score) };
  else if (runner) out.runnerUp = { license: index.refs[runner.ref]!.license, score: round(runner.score) };
  if (best.score >= threshold && ref.equivalents.length) out.equivalents = ref.equivalents;
  return out;
}

/** A whole-file score this high means one license text; below it, look for several. */
const MULTI_CHECK_BELOW = 0.9;

/**
 * Splits the file where a new copyright notice starts (each license block usually begins with
 * one) and detects every block of some size. Answers `A AND B` when at least two blocks are
 * different licenses and the blocks that matched cover most of the file.
 */
function detectBlocks(text: string, threshold: number): LicenseDetection | undefined {
  const lines = text.split(/\r?\n/);
  const blocks: string[][] = [[]];
  for (const line of lines) {
    if (/^\s*(?:copyright\s+(?:\(c\)|©|\d)|\(c\)\s*\d|©)/i.test(line) && blocks[blocks.length - 1]!.some((l) => l.trim() !== '')) blocks.push([]);
    blocks[blocks.length - 1]!.push(line);
  }
  if (blocks.length < 2) return undefined;
  const found: { license: string; score: number; words: number }[] = [];
  let totalWords = 0;
  let matchedWords = 0;
  for (const b of blocks) {
    const words = licenseWords(b.join('\n'));
    totalWords += words.length;
    if (words.length < 30) continue;
    const d = matchWords(words, threshold, b.join('\n'));
    if (d.license === 'unknown') continue;
    matchedWords += words.length;
    found.push({ license: d.license, score: d.score, words: words.length });
  }
  const distinct = [...new Set(found.map((f) => f.license))];
  if (distinct.length < 2 || matchedWords < 0.8 * totalWords) return undefined;
  return { license: distinct.join(' AND '), score: Math.min(...found.map((f) => f.score)), method: 'blocks' };
}

/** Text up to the first markdown heading or separator line after some content, if the file has more. */
function leadingSection(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  let words = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (words >= 40 && (/^\s{0,3}#{1,6}\s/.test(l) || /^\s*([-=*_])\1{2,}\s*$/.test(l))) {
      return lines.slice(0, i).join('\n');
    }
    words += l.split(/\s+/).filter(Boolean).length;
  }
  return undefined;
}

/**
 * True when the file supports candidate `a` over `b`: it contains a larger share of the
 * bigrams only `a` has than of the bigrams only `b` has.
 */
function prefers(index: LicenseIndex, file: Set<number>, a: number, b: number): boolean {
  const ca = uniqueCoverage(index.refs[a]!, index.refs[b]!, file);
  const cb = uniqueCoverage(index.refs[b]!, index.refs[a]!, file);
  return ca.covered - cb.covered > 0.2;
}

function uniqueCoverage(x: LicenseReference, y: LicenseReference, file: Set<number>): { covered: number } {
  // Both bigram arrays are sorted: walk them together (no allocation; this runs per near-tie).
  const a = x.bigrams;
  const b = y.bigrams;
  let j = 0;
  let unique = 0;
  let hit = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    while (j < b.length && b[j]! < v) j++;
    if (j < b.length && b[j] === v) continue;
    unique++;
    if (file.has(v)) hit++;
  }
  return { covered: unique === 0 ? 0 : hit / unique };
}

/** A file that states `SPDX-License-Identifier: <expr>` says what it is . */
function spdxIdentifierLine(text: string): { expression: string; start: number; end: number } | undefined {
  const m = /SPDX-License-Identifier:\s*([^\n*]+?)\s*(?:\*\/|-->)?\s*$/m.exec(text.slice(0, 4000));
  if (!m) return undefined;
  const expression = canonicalSpdx(m[1]!);
  return expression ? { expression, start: m.index, end: m.index + m[0].length } : undefined;
}
