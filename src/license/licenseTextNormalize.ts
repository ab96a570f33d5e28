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
]);

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

function isCopyrightLine(line: string): boolean {
  if (!MAY_BE_COPYRIGHT.test(line)) return false;
  const l = line
    .replace(/^[\s#>*\-•|/;!]+/, '')
    .trim()
    .toLowerCase();
  if (l.startsWith('(c)') || l.startsWith('©')) return true;
  const m = /^(?:portions\s+)?copyright\b\s*(\S*)/.exec(l);
  if (!m) return false;
  const next = m[1]!.replace(/[^a-z0-9(©<[{$]/g, '');
  if (next === '') return true;
  return !PROSE_AFTER_COPYRIGHT.has(next);
}

/** Lower-cased words of the text with the noise above removed. */
export function licenseWords(text: string): string[] {
  // NFKC only when needed: most license texts are ASCII, and this runs over 6 MB at index build.
  const src = /[^\x00-\x7f]/.test(text) ? text.normalize('NFKC') : text;
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    if (isCopyrightLine(line)) continue;
    kept.push(line);
  }
  let t = kept.join('\n').toLowerCase();
  t = t
    // markdown links and images: keep the link text
    .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    // template placeholders (a few words inside <>, [], ${}, {})
    .replace(/\$\{[^}\n]{0,60}\}/g, ' ')
    .replace(/<[^<>\n]{1,60}>/g, ' ')
    .replace(/\[[^[\]\n]{1,60}\]/g, ' ')
    .replace(/\{[^{}\n]{1,40}\}/g, ' ')
    .replace(/\ball rights reserved\b/g, ' ')
    // URLs: the scheme does not matter
    .replace(/https?:\/\//g, ' ')
    // list markers at line start: "1.", "(a)", "a)", "iv.", "-", "*", "•"
    .replace(/^[ \t]*(?:[-*•+>#]+|\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\)|[ivx]{1,4}\.)[ \t]+/gm, ' ')
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
    } else if (c === 46 && start >= 0 && isDigit(t.charCodeAt(i - 1)) && isDigit(t.charCodeAt(i + 1))) {
      // "2.0" stays one word
    } else if (start >= 0) push(i);
  }
  if (start >= 0) push(t.length);
  return words;
}
