import type { LicenseIndex, LicenseReference } from './licenseIndex.js';
import { MARK_START, OMIT_END, OMIT_START, SLOT_END, SLOT_WORD, licenseWords } from './licenseTextNormalize.js';
import { diffHunks, type DiffHunk } from './wordDiff.js';
import { LICENSE_NOTICES } from './licenseHeaders.js';

/**
 * Is a text *the* license, or a variant of it? Similarity is not identity: a "Modified Apache
 * License" with one changed clause scores 0.97 against Apache-2.0. Following the SPDX matching
 * guidelines, the normalised words of the file must equal the reference's except where the
 * guidelines let them differ. spdx-license-list ships plain texts, not SPDX's XML templates, so
 * the replaceable and omittable parts are approximated from the text:
 *  - replaceable: the template placeholders (`<year> <owner>`, `[name of author]`), and the
 *    party named in a disclaimer ("the copyright holders", "the regents", a name in its place);
 *  - omittable: the title block (the reference's leading lines before the first blank line),
 *    an appendix after "END OF TERMS AND CONDITIONS" / "How to apply", copyright lines and list
 *    markers (kept in both word sequences and marked, so that where lines break does not matter;
 *    a file's copyright line may carry no terms), the license's own standard notice above it;
 *  - a title the file adds or rewrites may only use the license's own name and version words;
 *  - text before or after the license (a "This project is licensed under:" line, a scope note)
 *    may not carry terms: no permission or restriction words, no version numbers;
 *  - a one-word spelling variant ("licence", "sub-license", a plural) is not a difference.
 * Anything else (a clause added, removed or changed, a new title) is a difference, reported
 * with the passage as evidence.
 */

export type IdentityVerdict = { identical: true } | { identical: false; difference: string };

interface Template {
  words: string[];
  /** slot[i]: a placeholder stood between words i-1 and i. */
  slot: Uint8Array;
  /** The placeholder's own words by position ("warranty" for "[warranty]"). */
  slotText: Map<number, string>;
  /** omit[i]: word i is in a copyright line (COPYRIGHT_LINE) or is a list marker (LIST_MARK); both omittable. */
  omit: Uint8Array;
  /** Words of the title block (the reference's leading lines before its first blank line). */
  titleEnd: number;
  /** Where an omittable appendix starts (words.length when there is none). */
  appendixAt: number;
  titleVocab: Set<string>;
  /** The title block's words, space-padded (" gnu general public license version 2 "), for a title the file repeats. */
  titleText: string;
  /** The words of the license's standard notices (licenseHeaders.ts), for a notice the file puts above the text. */
  noticeWords: string[][];
}

/** Edits beyond this mean "not the same text" without finishing the diff. */
const MAX_EDITS = 600;
/** A placeholder is filled with a name or a short description, not a paragraph. */
const MAX_SLOT_WORDS = 30;
/** Text after the license that may be a note ("This license applies to GeoLib.", credits); it may carry no terms. */
const MAX_TRAILING_WORDS = 200;

/** Words that grant, restrict or condition: text outside the license that holds one may add terms. */
const NORMATIVE = /^(may|must|shall|should|not|no|only|except|excepting|unless|provided|prohibit\w*|forbid\w*|restrict\w*|permit\w*|permission\w*|grant\w*|commercial\w*|noncommercial|condition\w*|requir\w*|terminat\w*|revok\w*|sell\w*|fee|fees|royalt\w*|pay\w*|military|exclusive\w*|solely|warrant\w*|liab\w*|allow\w*|disallow\w*|cannot|cant|never|without|refrain|prior|consent|written|forbidden|limited|limit\w*)$/;
/** Words that say a title names a derivative. */
const DERIVATION = /^(modified|modification|variant|amended|custom|customized|altered|revised|unofficial|fork|forked|adapted|extended|edition)$/;
const GENERIC_TITLE = new Set(['the', 'license', 'version', 'v', 'terms', 'and', 'conditions', 'of', 'software', 'text', 'full', 'a', 'this', 'is', 'under', 'licensed', 'copy', 'public', 'general']);

const LIST_MARKER = /^(?:[a-z]|[ivx]{1,5}|\d{1,2}(?:\.\d{1,2})*)$/;
const OMITTABLE_PHRASE = ['all rights reserved', 'all rights', 'rights reserved', 'reserved', 'all'];

const templates = new WeakMap<LicenseReference, Template>();

function templateOf(ref: LicenseReference): Template {
  let t = templates.get(ref);
  if (t) return t;
  const raw = licenseWords(ref.text, { slots: true, marks: true });
  const words: string[] = [];
  const slot = new Uint8Array(raw.length + 1);
  const omit = new Uint8Array(raw.length + 1);
  const slotText = new Map<number, string>();
  let inSlot: string[] | undefined;
  let omitting = 0;
  for (const w of raw) {
    if (w === OMIT_START || w === MARK_START || w === OMIT_END) omitting = markKind(w);
    else if (w === SLOT_WORD) {
      slot[words.length] = 1;
      inSlot = [];
    } else if (w === SLOT_END) {
      slotText.set(words.length, inSlot!.join(' '));
      inSlot = undefined;
    } else if (inSlot) inSlot.push(w);
    else {
      omit[words.length] = omitting;
      words.push(w);
    }
  }
  // The title block: leading lines up to the first blank line when short enough to be a title,
  // else the first line when it is.
  const prefixOf = (ws: string[]) => ws.length > 0 && words.slice(0, ws.length).join(' ') === ws.join(' ');
  const block = markedWords(licenseWords(/^\s*([\s\S]*?)\n\s*\n/.exec(ref.text)?.[1] ?? '', { marks: true })).words;
  const line = markedWords(licenseWords(/^\s*(.*)/.exec(ref.text)?.[1] ?? '', { marks: true })).words;
  const headWords = block.length <= 20 && prefixOf(block) ? block : line.length <= 12 && prefixOf(line) ? line : [];
  const titleEnd = headWords.length;
  let appendixAt = words.length;
  for (let i = Math.floor(words.length / 3); i < words.length - 2; i++) {
    const three = `${words[i]} ${words[i + 1]} ${words[i + 2]}`;
    if (three === 'end of terms' || three === 'how to apply' || (words[i] === 'appendix' && i > words.length / 2)) {
      appendixAt = i;
      break;
    }
  }
  const titleVocab = new Set([...GENERIC_TITLE, ...headWords, ...licenseWords(ref.name ?? ''), ...licenseWords(ref.license.replace(/[-_]/g, ' '))]);
  t = { words, slot, slotText, omit, titleEnd, appendixAt, titleVocab, titleText: ` ${headWords.join(' ')} `, noticeWords: LICENSE_NOTICES.filter((x) => x.id === ref.license).map((x) => licenseWords(x.text))};
  templates.set(ref, t);
  return t;
}

const COPYRIGHT_LINE = 1;
const LIST_MARK = 2;
const markKind = (w: string) => (w === OMIT_START ? COPYRIGHT_LINE : w === MARK_START ? LIST_MARK : 0);

/** Words without the OMIT marks, and which of them were marked. */
function markedWords(raw: string[]): { words: string[]; omit: Uint8Array } {
  const words: string[] = [];
  const omit = new Uint8Array(raw.length);
  let omitting = 0;
  for (const w of raw) {
    if (w === OMIT_START || w === MARK_START || w === OMIT_END) omitting = markKind(w);
    else {
      omit[words.length] = omitting;
      words.push(w);
    }
  }
  return { words, omit };
}

/**
 * Compares a file's normalised words with a reference text under the rules above. `marked` is
 * `licenseWords(text, { placeholders: 'keep', marks: true })`: copyright lines and list markers
 * stay in the sequence, marked, so that where the file's lines break does not matter.
 */
export function checkIdentity(index: LicenseIndex, ref: LicenseReference, marked: string[]): IdentityVerdict {
  const t = templateOf(ref);
  const { words: fileWords, omit: fileOmit } = markedWords(marked);
  // One integer per distinct word (the index's ids; words it lacks get negative ids).
  const local = new Map<string, number>();
  const idOf = (w: string) => {
    const id = index.words.get(w);
    if (id !== undefined) return id;
    let l = local.get(w);
    if (l === undefined) local.set(w, (l = -1 - local.size));
    return l;
  };
  const a = Int32Array.from(t.words, idOf);
  const b = Int32Array.from(fileWords, idOf);
  const hunks = diffHunks(a, b, MAX_EDITS);
  if (!hunks) return { identical: false, difference: `more than ${MAX_EDITS} words differ from the ${ref.license} text` };
  for (let k = 0; k < hunks.length; k++) {
    const h = hunks[k]!;
    const why = hunkProblem(t, h, fileWords, fileOmit);
    if (!why) continue;
    const slid = slideToPass(t, a, b, hunks, k, fileWords, fileOmit);
    if (slid !== undefined) {
      k = slid;
      continue;
    }
    return { identical: false, difference: describe(t, h, fileWords, why) };
  }
  return { identical: true };
}

/**
 * A pure deletion or insertion can often sit at several places with the same cost ("copyright and
 * permission notice <copyright line> permission to use" against "permission to use": the first
 * "permission" or the second one matched). Any of them is an equally good reading, so the hunk is
 * allowed when, slid to one of them (and merged with a neighbour it then touches), the rules accept
 * it. Returns the index of the last hunk consumed, or undefined when no placement passes.
 */
function slideToPass(t: Template, a: Int32Array, b: Int32Array, hunks: DiffHunk[], k: number, file: string[], fileOmit: Uint8Array): number | undefined {
  const h = hunks[k]!;
  const delOnly = h.bStart === h.bEnd;
  if (!delOnly && h.aStart !== h.aEnd) return undefined;
  const seq = delOnly ? a : b;
  const prev = hunks[k - 1];
  const next = hunks[k + 1];
  for (const dir of [-1, 1]) {
    let s = delOnly ? h.aStart : h.bStart;
    let e = delOnly ? h.aEnd : h.bEnd;
    let other = delOnly ? h.bStart : h.aStart;
    for (let step = 0; step < 40; step++) {
      if (dir < 0 ? !(s > 0 && seq[s - 1] === seq[e - 1]) : !(e < seq.length && seq[s] === seq[e])) break;
      s += dir;
      e += dir;
      other += dir;
      const cand: DiffHunk = delOnly ? { aStart: s, aEnd: e, bStart: other, bEnd: other } : { aStart: other, aEnd: other, bStart: s, bEnd: e };
      const left = prev && prev.aEnd === cand.aStart && prev.bEnd === cand.bStart ? prev : undefined;
      const right = next && next.aStart === cand.aEnd && next.bStart === cand.bEnd ? next : undefined;
      if ((prev && (cand.aStart < prev.aEnd || cand.bStart < prev.bEnd)) || (next && (cand.aEnd > next.aStart || cand.bEnd > next.bStart))) break;
      const merged: DiffHunk = {
        aStart: left ? left.aStart : cand.aStart,
        aEnd: right ? right.aEnd : cand.aEnd,
        bStart: left ? left.bStart : cand.bStart,
        bEnd: right ? right.bEnd : cand.bEnd,
      };
      if (!hunkProblem(t, merged, file, fileOmit)) return right ? k + 1 : k;
    }
  }
  return undefined;
}

function hunkProblem(t: Template, h0: DiffHunk, file: string[], fileOmit: Uint8Array): string | undefined {
  const n = t.words.length;
  {
    const del0 = t.words.slice(h0.aStart, h0.aEnd);
    const ins0 = file.slice(h0.bStart, h0.bEnd);
    // A word joined or split by a hyphen at a line break ("non-\ninfringement" re-wrapped as "non- infringement").
    if (del0.length > 0 && ins0.length > 0 && del0.join('') === ins0.join('')) return undefined;
  }
  // Copyright lines and list markers (marked on either side) may be omitted or differ: a copyright
  // line of the file may carry no terms, and the rest of the hunk is judged without them.
  const insMarked = file.slice(h0.bStart, h0.bEnd).filter((_, k) => fileOmit[h0.bStart + k]);
  if (insMarked.some((w) => NORMATIVE.test(w) && !NAME_WORDS.has(w))) return 'terms in a copyright line';
  const delKept: number[] = [];
  for (let i = h0.aStart; i < h0.aEnd; i++) if (!t.omit[i]) delKept.push(i);
  const insKept: number[] = [];
  for (let j = h0.bStart; j < h0.bEnd; j++) if (!fileOmit[j]) insKept.push(j);
  const del = delKept.map((i) => t.words[i]!);
  const ins = insKept.map((j) => file[j]!);
  if (del.length === 0 && ins.length === 0) return undefined;
  // The reference's notice, replaced by words a re-wrapped file put mid-line: a short statement without terms.
  let delCopyright = false;
  for (let i = h0.aStart; i < h0.aEnd; i++) if (t.omit[i] === COPYRIGHT_LINE) delCopyright = true;
  if (del.length === 0 && delCopyright && ins.length <= MAX_SLOT_WORDS && !ins.some((w) => NORMATIVE.test(w) && !NAME_WORDS.has(w)) && !ins.some((w) => DERIVATION.test(w))) return undefined;
  // The hunk without its marked edges (positions for the rules below).
  const h: DiffHunk = {
    aStart: del.length ? delKept[0]! : h0.aStart,
    aEnd: del.length ? delKept[delKept.length - 1]! + 1 : h0.aStart,
    bStart: ins.length ? insKept[0]! : h0.bStart,
    bEnd: ins.length ? insKept[insKept.length - 1]! + 1 : h0.bStart,
  };
  // Title block (and text before the license).
  if ((del.length > 0 && h.aEnd <= t.titleEnd) || (del.length === 0 && h.aStart <= t.titleEnd && h0.aStart <= t.titleEnd) || (h.aStart === 0 && h.aEnd === 0)) {
    if (ins.some((w) => DERIVATION.test(w) && !t.titleVocab.has(w))) return 'a title naming a derivative';
    if (del.length === 0) return preambleProblem(t, ins);
    const foreign = ins.filter((w) => !t.titleVocab.has(w));
    if (foreign.length === 0) return undefined;
    // A few words in place of the title are another title; a sentence is a note (the title is omittable).
    return ins.length <= 8 ? 'a changed title' : preambleProblem(t, ins);
  }
  // A title the file repeats: the diff may align it a few words into the reference, and some
  // files repeat it above the terms ("GNU GENERAL PUBLIC LICENSE / TERMS AND CONDITIONS").
  if (del.length === 0 && h.aStart <= t.titleEnd + 12 && ins.every((w) => t.titleVocab.has(w))) return undefined;
  if (del.length === 0 && ins.length >= 2 && t.titleText.includes(` ${ins.join(' ')} `)) return undefined;
  // After the license: an appendix left out, or a note added.
  if (h.aStart >= t.appendixAt && h.aEnd === n) return ins.length ? trailingProblem(ins) : undefined;
  if (h.aStart === n) return trailingProblem(ins);
  // Inside the appendix ("how to apply"), filled-in examples: no terms there.
  if (h.aStart >= t.appendixAt) return ins.length > MAX_SLOT_WORDS || ins.some((w) => NORMATIVE.test(w)) ? 'terms added in the appendix' : undefined;
  // A placeholder or the disclaimer's named party, filled in.
  let atSlot = del.length > 0 && del.every((w) => w === 'holder');
  for (let i = h.aStart; i <= h.aEnd && !atSlot; i++) if (t.slot[i]) atSlot = true;
  // The placeholder's own words kept as they are (the diff may split them around a common word).
  if (del.length === 0 && ins.every((w) => nearSlotWords(t, h).has(w))) return undefined;
  // The words around a named party are variable in the SPDX templates too ("Neither the name
  // of <the copyright holder> nor the names of <its> contributors", "THIS <SOFTWARE> IS PROVIDED BY"):
  // a small change within a few words of one, with no terms in it, is not a difference.
  if (!atSlot && del.length <= 3 && ins.length <= 12 && ![...del, ...ins].some((w) => NORMATIVE.test(w)) && nearParty(t, h)) return undefined;
  if (atSlot) {
    if (del.length > 2 && !del.every((w) => w === 'holder')) return 'a removed passage next to a placeholder';
    if (ins.length > MAX_SLOT_WORDS) return 'a long passage where the template has a placeholder';
    if (ins.some((w) => NORMATIVE.test(w))) return 'terms where the template has a placeholder';
    return undefined;
  }
  if (del.length === 1 && ins.length === 1 && spellingVariant(del[0]!, ins[0]!)) return undefined;
  // Numbering and bullets that reflowing moved off the line start, "All rights reserved" (omittable),
  // "www." in a URL (as http and https, not a difference).
  const marks = [...del, ...ins];
  if (marks.length <= 2 && marks.every((w) => LIST_MARKER.test(w))) return undefined;
  if (marks.length === 1 && marks[0] === 'www') return undefined;
  if (del.length === 0 && OMITTABLE_PHRASE.includes(ins.join(' '))) return undefined;
  if (ins.length === 0 && OMITTABLE_PHRASE.includes(del.join(' '))) return undefined;
  if (del.length === 0) return 'an added passage';
  if (ins.length === 0) return 'a removed passage';
  return 'a changed passage';
}

/** Normative-looking words that are ordinary in a holder's name or a copyright line ("Acme Limited", "written by"). */
const NAME_WORDS = new Set(['limited', 'written', 'without', 'allow', 'exclusive']);

/** The own words of the placeholders within a few words of the hunk. */
function nearSlotWords(t: Template, h: DiffHunk): Set<string> {
  const out = new Set<string>();
  for (let i = Math.max(0, h.aStart - 3); i <= Math.min(t.words.length, h.aEnd + 3); i++) {
    const own = t.slotText.get(i);
    if (own) for (const w of own.split(' ')) out.add(w);
  }
  return out;
}

/** True when `ins` is the notice `notice` (at most a tenth of its words missing) plus words that carry no terms. */
function isNoticeOf(ins: string[], notice: string[]): boolean {
  const ids = new Map<string, number>();
  const id = (w: string) => ids.get(w) ?? (ids.set(w, ids.size), ids.size - 1);
  const hunks = diffHunks(Int32Array.from(notice, id), Int32Array.from(ins, id), 60);
  if (!hunks) return false;
  let missing = 0;
  for (const h of hunks) {
    missing += h.aEnd - h.aStart;
    if (ins.slice(h.bStart, h.bEnd).some((w) => NORMATIVE.test(w))) return false;
  }
  return missing <= notice.length / 10;
}

const PARTY_REACH = 6;

function nearParty(t: Template, h: DiffHunk): boolean {
  for (let i = Math.max(0, h.aStart - PARTY_REACH); i < Math.min(t.words.length, h.aEnd + PARTY_REACH); i++) if (t.words[i] === 'holder' || t.slot[i]) return true;
  return t.slot[Math.min(t.words.length, h.aEnd + PARTY_REACH)] === 1;
}

function preambleProblem(t: Template, ins: string[]): string | undefined {
  // The license's own standard notice above its full text ("Licensed under the Apache License,
  // Version 2.0 ... you may not use this file except ..."): its terms are the license's.
  if (t.noticeWords.some((nw) => isNoticeOf(ins, nw))) return undefined;
  if (ins.some((w) => NORMATIVE.test(w) && !t.titleVocab.has(w))) return 'terms added before the license';
  if (ins.some((w) => /^v?\d+(?:\.\d+)*$/.test(w) && !t.titleVocab.has(w))) return 'a title with another version';
  return undefined;
}

function trailingProblem(ins: string[]): string | undefined {
  if (ins.length > MAX_TRAILING_WORDS) return 'a passage added after the license';
  // "END OF TERMS AND CONDITIONS" closes a license; it adds none.
  const note = ins.join(' ').replace(/\bend of terms and conditions\b/g, '').split(' ').filter(Boolean);
  if (note.some((w) => NORMATIVE.test(w))) return 'terms added after the license';
  return undefined;
}

/** Abbreviations in addresses and names ("51 Franklin St" / "51 Franklin Street"). */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([['st', 'street'], ['inc', 'incorporated'], ['ltd', 'limited'], ['co', 'company'], ['corp', 'corporation'], ['ave', 'avenue']]);

/** "licence"/"license" are equal already; this is for plurals and one- or two-letter typos in long words. */
function spellingVariant(x: string, y: string): boolean {
  if (x === `${y}s` || y === `${x}s`) return true;
  if (ABBREVIATIONS.get(x) === y || ABBREVIATIONS.get(y) === x) return true;
  if (Math.min(x.length, y.length) < 6 || /\d/.test(x + y)) return false;
  return editDistanceAtMost2(x, y);
}

function editDistanceAtMost2(x: string, y: string): boolean {
  if (Math.abs(x.length - y.length) > 2) return false;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]! <= 2;
}

/** `a changed passage: "…context… [reference: x y] [file: u v] …context…"`, short enough for a manifest. */
function describe(t: Template, h: DiffHunk, file: string[], why: string): string {
  const clip = (ws: string[], max: number) => (ws.length > max ? `${ws.slice(0, max).join(' ')} …` : ws.join(' '));
  const before = t.words.slice(Math.max(0, h.aStart - 6), h.aStart).join(' ');
  const after = t.words.slice(h.aEnd, h.aEnd + 6).join(' ');
  const ref = clip(t.words.slice(h.aStart, h.aEnd), 25);
  const mine = clip(file.slice(h.bStart, h.bEnd), 25);
  return `${why}: "${before ? `… ${before} ` : ''}[license: ${ref || '(nothing)'}] [file: ${mine || '(nothing)'}]${after ? ` ${after} …` : ''}"`;
}
