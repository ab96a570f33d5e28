/**
 * Normalises a license text to a word sequence so that a real LICENSE file and the SPDX
 * reference text of the same license become (nearly) the same sequence. Follows the spirit of
 * the SPDX matching guidelines: case, punctuation, bullets and numbering, markdown, copyright
 * lines, template placeholders (`<year> <copyright holders>`, `[yyyy]`, `${year}`) and a few
 * spelling variants do not matter.
 */

/** Words after "copyright" that mean the line is license prose, not a copyright notice. */
const PROSE_AFTER_COPYRIGHT = new Set([
  'notice', 'notices', 'holder', 'holders', 'owner', 'owners', 'and', 'law', 'laws', 'license', 'licenses', 'statement',
  'statements', 'protection', 'interest', 'interests', 'or', 'to', 'in', 'of', 'is', 'permission', 'act', 'rights',
  'disclaimer', 'ownership', 'infringement', 'the', 'that', 'for', 'on', 'as',
  // prose that a re-wrapped paragraph can put after "copyright" at a line start
  'andor', 'these', 'this', 'such', 'may', 'shall', 'will', 'are', 'is', 'be', 'has', 'have', 'owned', 'it', 'with', 'under', 'within',
]);

/** Words after a line-initial "(c)" that make it a list item ("(c) You must retain ..."), not a copyright sign. */
const LIST_ITEM_AFTER_C = new Set(['you', 'if', 'any', 'each', 'this', 'such', 'a', 'an', 'it', 'in', 'to', 'we', 'licensee', 'licensor', 'the', 'all', 'no', 'nothing', 'where', 'when', 'with', 'for', 'subject', 'notwithstanding']);

const EQUIVALENT_WORDS: ReadonlyMap<string, string> = new Map(Object.entries({
  licence: 'license',
  licences: 'licenses',
  licenced: 'licensed',
  licencing: 'licensing',
  acknowledgment: 'acknowledgement',
  acknowledgments: 'acknowledgements',
  analogue: 'analog',
  authorisation: 'authorization',
  centre: 'center',
  favour: 'favor',
  organisation: 'organization',
  organisations: 'organizations',
  practise: 'practice',
  utilisation: 'utilization',
  whilst: 'while',
  wilful: 'willful',
  noncommercial: 'non commercial',
}));

const MAY_BE_COPYRIGHT = /copyright|\(c\)|©/i;

/** "Original code Copyright Julian Gruber", "Port to TypeScript Copyright 2023 Jo": a short line naming a holder. */
function shortCopyrightLine(line: string): RegExpExecArray | null {
  if (line.trim().split(/\s+/).length > 12) return null;
  // Capitalised "Copyright" followed by a sign, a year or a name: prose says "the above copyright".
  const m = /\bCopyright\s+((?:\(c\)|©|\d{4}|[A-Z])\S*)/.exec(line);
  return m && /^[a-z]/i.test(m[1]!) && PROSE_AFTER_COPYRIGHT.has(m[1]!.toLowerCase().replace(/[^a-z]/g, '')) ? null : m;
}

function isCopyrightLine(line: string): boolean {
  if (!MAY_BE_COPYRIGHT.test(line)) return false;
  const l = line
    .replace(/^[\s#>*\-•|/;!]+/, '')
    .trim()
    .toLowerCase();
  if (l.startsWith('©')) return true;
  if (l.startsWith('(c)')) return !LIST_ITEM_AFTER_C.has(/^\(c\)\s*([a-z]*)/.exec(l)![1]!);
  const m = /^(?:portions\s+)?copyright\b\s*(\S*)/.exec(l) ?? shortCopyrightLine(line);
  if (!m) return false;
  const next = m[1]!.replace(/[^a-z0-9(©<[{$]/g, '');
  if (next === '') return true;
  return !PROSE_AFTER_COPYRIGHT.has(next);
}

/**
 * Stands for a template placeholder in `licenseWords(text, { slots: true })`: where a reference
 * text had `<year> <owner>` or `[name of author]`, a real file has its own words.
 */
export const SLOT_WORD = 'zzslotzz';
/** Ends the placeholder's own words (kept after SLOT_WORD: a file may keep "[warranty]" as it is). */
export const SLOT_END = 'zzslotendzz';
/**
 * With `marks`, the words of a copyright line or a list marker stay, between these two: what the
 * SPDX matching guidelines let a file omit or change, kept so that the identity check does not
 * depend on where the lines break (a re-wrapped paragraph puts a copyright notice and the terms
 * that follow it on one line; dropping that line would drop terms).
 */
export const OMIT_START = 'zzomitzz';
/** Like OMIT_START, for a list marker. */
export const MARK_START = 'zzmarkzz';
export const OMIT_END = 'zzomitendzz';
/** Control characters that carry OMIT_START/OMIT_END through the text rewrites (never word characters, never \s). */
const OMIT_OPEN = '\u0002';
const OMIT_CLOSE = '\u0003';
const MARK_OPEN = '\u0004';

/**
 * Lower-cased words of the text with the noise above removed. Placeholders are dropped; with
 * `slots` they become SLOT_WORD (reference templates), with `placeholders: 'keep'` their words stay
 * (a real file, whose bracketed words may be terms). With `marks`, copyright lines and list markers
 * are kept between OMIT_START and OMIT_END instead of dropped (for licenseIdentity.ts).
 */
export function licenseWords(text: string, opts: { slots?: boolean; placeholders?: 'strip' | 'keep'; marks?: boolean } = {}): string[] {
  // A URL or an e-mail address in <> is not a placeholder: it is dropped, not filled in.
  const slot = opts.slots ? (m: string) => (/:\/\/|@/.test(m) ? ' ' : ` ${SLOT_WORD} ${m.replace(/^\$?[[<{]|[\]>}]$/g, '')} ${SLOT_END} `) : opts.placeholders === 'keep' ? (m: string) => (/:\/\/|@/.test(m) ? ' ' : ` ${m.slice(1, -1)} `) : () => ' ';
  // NFKC only when needed: most license texts are ASCII, and this runs over 6 MB at index build.
  const src = (/[^\x00-\x7f]/.test(text) ? text.normalize('NFKC') : text).replace(/[\u0002-\u0004]/g, ' '); // a file cannot forge the marks
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    if (isCopyrightLine(line)) {
      if (opts.marks) kept.push(`${OMIT_OPEN} ${line} ${OMIT_CLOSE}`);
      continue;
    }
    kept.push(line);
  }
  let t = kept.join('\n').toLowerCase();
  t = t
    // markdown links and images: keep the link text
    .replace(/!?\[([^\]\n]*(?:\n[^\]\n]*)?)\]\([^)\s]*\)/g, '$1')
    // template placeholders (a few words inside <>, [], ${}, {})
    .replace(/\$\{[^}\n]{0,60}\}/g, slot)
    .replace(/<[^<>\n]{1,60}>/g, slot)
    .replace(/\[[^[\]\n]{1,60}\]/g, slot)
    .replace(/\{[^{}\n]{1,40}\}/g, slot)
    .replace(/\ball rights reserved\b/g, ' ')
    // URLs: the scheme does not matter
    .replace(/https?:\/\//g, ' ')
    // list markers at line start: "1.", "(a)", "a)", "iv.", "-", "*", "•"
    .replace(/^[ \t]*(?:[-*•+>#]+|\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\)|[ivx]{1,4}\.)[ \t]+/gm, (m) => (opts.marks ? ` ${MARK_OPEN} ${m} ${OMIT_CLOSE} ` : ' '))
    .replace(/\bsub[- ]?licen/g, 'sublicen')
    .replace(/licenc/g, 'licens')
    .replace(/&/g, ' and ')
    // Who is named in a disclaimer is variable text (SPDX matching guidelines): one token for all.
    .replace(/\b(?:the\s+)?(?:copyright\s+(?:holders?|owners?)(?:\s+and\s+contributors)?|regents(?:\s+and\s+contributors)?|authors?(?:\s+and\s+contributors)?|author\(s\))(?=[\s,.;:)"'`]|$)/g, ' holder ')
    .replace(/[‘’`´]/g, "'")
    .replace(/(\w)'s\b/g, '$1s')
    // hyphenated and line-broken words join ("sub-license", "non-commercial" handled below)
    .replace(/(\w)-\s*\n\s*(\w)/g, '$1$2');
  return splitWords(t);
}

/** Words of [a-z0-9], keeping a dot between digits ("2.0"); one pass, no regex (hot at index build). */
function splitWords(t: string): string[] {
  const words: string[] = [];
  let start = -1;
  const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  const isDigit = (c: number) => c >= 48 && c <= 57;
  const push = (end: number) => {
    const w = t.slice(start, end);
    const eq = EQUIVALENT_WORDS.get(w);
    if (eq) words.push(...eq.split(' '));
    else words.push(w);
    start = -1;
  };
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isWordChar(c)) {
      if (start < 0) start = i;
    } else if (c >= 2 && c <= 4) {
      if (start >= 0) push(i);
      words.push(c === 2 ? OMIT_START : c === 3 ? OMIT_END : MARK_START);
    } else if (c === 46 && start >= 0 && isDigit(t.charCodeAt(i - 1)) && isDigit(t.charCodeAt(i + 1))) {
      // "2.0" stays one word
    } else if (start >= 0) push(i);
  }
  if (start >= 0) push(t.length);
  return words;
}
