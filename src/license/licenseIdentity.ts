import type { LicenseIndex, LicenseReference } from './licenseIndex.js';
import { SLOT_END, SLOT_WORD, licenseWords } from './licenseTextNormalize.js';
import { diffHunks, type DiffHunk } from './wordDiff.js';

/**
 * Is a text *the* license, or a variant of it? Similarity is not identity: a "Modified Apache
 * License" with one changed clause scores 0.97 against Apache-2.0. Following the SPDX matching
 * guidelines, the normalised words of the file must equal the reference's except where the
 * guidelines let them differ. spdx-license-list ships plain texts, not SPDX's XML templates, so
 * the replaceable and omittable parts are approximated from the text:
 *  - replaceable: the template placeholders (`<year> <owner>`, `[name of author]`), and the
 *    party named in a disclaimer ("the copyright holders", "the regents", a name in its place);
 *  - omittable: the title block (the reference's leading lines before the first blank line),
 *    an appendix after "END OF TERMS AND CONDITIONS" / "How to apply", copyright lines;
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
  /** Words of the title block (the reference's leading lines before its first blank line). */
  titleEnd: number;
  /** Where an omittable appendix starts (words.length when there is none). */
  appendixAt: number;
  titleVocab: Set<string>;
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
  const raw = licenseWords(ref.text, { slots: true });
  const words: string[] = [];
  const slot = new Uint8Array(raw.length + 1);
  const slotText = new Map<number, string>();
  let inSlot: string[] | undefined;
  for (const w of raw) {
    if (w === SLOT_WORD) {
      slot[words.length] = 1;
      inSlot = [];
    } else if (w === SLOT_END) {
      slotText.set(words.length, inSlot!.join(' '));
      inSlot = undefined;
    } else if (inSlot) inSlot.push(w);
    else words.push(w);
  }
  // The title block: leading lines up to the first blank line when short enough to be a title,
  // else the first line when it is.
  const prefixOf = (ws: string[]) => ws.length > 0 && words.slice(0, ws.length).join(' ') === ws.join(' ');
  const block = licenseWords(/^\s*([\s\S]*?)\n\s*\n/.exec(ref.text)?.[1] ?? '');
  const line = licenseWords(/^\s*(.*)/.exec(ref.text)?.[1] ?? '');
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
  t = { words, slot, slotText, titleEnd, appendixAt, titleVocab };
  templates.set(ref, t);
  return t;
}

/** Compares a file's normalised words with a reference text under the rules above. */
export function checkIdentity(index: LicenseIndex, ref: LicenseReference, fileWords: string[]): IdentityVerdict {
  const t = templateOf(ref);
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
  for (const h of hunks) {
    const why = hunkProblem(t, h, fileWords);
    if (why) return { identical: false, difference: describe(t, h, fileWords, why) };
  }
  return { identical: true };
}

function hunkProblem(t: Template, h: DiffHunk, file: string[]): string | undefined {
  const del = t.words.slice(h.aStart, h.aEnd);
  const ins = file.slice(h.bStart, h.bEnd);
  const n = t.words.length;
  // Title block (and text before the license).
  if (h.aEnd <= t.titleEnd || (h.aStart === 0 && h.aEnd === 0)) {
    if (ins.some((w) => DERIVATION.test(w) && !t.titleVocab.has(w))) return 'a title naming a derivative';
    if (del.length === 0) return preambleProblem(t, ins);
    const foreign = ins.filter((w) => !t.titleVocab.has(w));
    if (foreign.length === 0) return undefined;
    // A few words in place of the title are another title; a sentence is a note (the title is omittable).
    return ins.length <= 8 ? 'a changed title' : preambleProblem(t, ins);
  }
  // A title the file repeats: the diff may align it a few words into the reference.
  if (del.length === 0 && h.aStart <= t.titleEnd + 12 && ins.every((w) => t.titleVocab.has(w))) return undefined;
  // After the license: an appendix left out, or a note added.
  if (h.aStart >= t.appendixAt && h.aEnd === n) return ins.length ? trailingProblem(ins) : undefined;
  if (h.aStart === n) return trailingProblem(ins);
  // Inside the appendix ("how to apply"), filled-in examples: no terms there.
  if (h.aStart >= t.appendixAt) return ins.length > MAX_SLOT_WORDS || ins.some((w) => NORMATIVE.test(w)) ? 'terms added in the appendix' : undefined;
  // A placeholder or the disclaimer's named party, filled in.
  let atSlot = del.length > 0 && del.every((w) => w === 'holder');
  for (let i = h.aStart; i <= h.aEnd && !atSlot; i++) if (t.slot[i]) atSlot = true;
  // The words around a named party are variable in the SPDX templates too ("Neither the name
  // of <the copyright holder> nor the names of <its> contributors", "THIS <SOFTWARE> IS PROVIDED BY"):
  // a small change within a few words of one, with no terms in it, is not a difference.
  if (!atSlot && del.length <= 3 && ins.length <= 12 && ![...del, ...ins].some((w) => NORMATIVE.test(w)) && nearParty(t, h)) return undefined;
  if (atSlot) {
    if (del.length > 2 && !del.every((w) => w === 'holder')) return 'a removed passage next to a placeholder';
    // The placeholder's own words kept as they are (the diff may split them around a common word).
    const own = new Set((t.slotText.get(h.aStart) ?? t.slotText.get(h.aEnd) ?? '').split(' '));
    if (del.length === 0 && ins.every((w) => own.has(w))) return undefined;
    if (ins.length > MAX_SLOT_WORDS) return 'a long passage where the template has a placeholder';
    if (ins.some((w) => NORMATIVE.test(w))) return 'terms where the template has a placeholder';
    return undefined;
  }
  if (del.length === 1 && ins.length === 1 && spellingVariant(del[0]!, ins[0]!)) return undefined;
  // Numbering and bullets that reflowing moved off the line start, and "All rights reserved" (omittable).
  const marks = [...del, ...ins];
  if (marks.length <= 2 && marks.every((w) => LIST_MARKER.test(w))) return undefined;
  if (del.length === 0 && OMITTABLE_PHRASE.includes(ins.join(' '))) return undefined;
  if (ins.length === 0 && OMITTABLE_PHRASE.includes(del.join(' '))) return undefined;
  if (del.length === 0) return 'an added passage';
  if (ins.length === 0) return 'a removed passage';
  return 'a changed passage';
}

const PARTY_REACH = 6;

function nearParty(t: Template, h: DiffHunk): boolean {
  for (let i = Math.max(0, h.aStart - PARTY_REACH); i < Math.min(t.words.length, h.aEnd + PARTY_REACH); i++) if (t.words[i] === 'holder' || t.slot[i]) return true;
  return t.slot[Math.min(t.words.length, h.aEnd + PARTY_REACH)] === 1;
}

function preambleProblem(t: Template, ins: string[]): string | undefined {
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

/** "licence"/"license" are equal already; this is for plurals and one- or two-letter typos in long words. */
function spellingVariant(x: string, y: string): boolean {
  if (x === `${y}s` || y === `${x}s`) return true;
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
