import type { TextStats } from './textStats.js';

/**
 * The textbook score's code measurements over the head of a text, equal to the counts of the
 * global regexes below (they stay the definition, and the fallback). Instead of letting each regex
 * try every position, one pass over the tokens' characters measures identifiers and notes where
 * an example can start (word starts, `if `, `@e`), `=>` locates `# =>` / `// =>`, and TextStats'
 * line starts stand in for `^\s*`; the sticky regexes then run only there.
 */
export const CODE_EXAMPLE = /^\s*(?:>>>|\$ |In \[\d+\]:)|@example\b|if __name__ == ['"]__main__['"]|\bExamples?\s*[:\n-]|\bUsage\s*[:\n]|^\s*(?:describe|it|test)\s*\(|\bdef test_|#\s*=>|\/\/\s*=>|\bassert\b/gim;
export const DEFS = /^\s*(?:(?:export\s+)?(?:async\s+)?function\s*\*?\s*\w|def \w|class \w|(?:pub\s+)?fn \w|func \w|sub \w|(?:public|private|protected|static)\s[\w<>[\], ]*\(|(?:const|let|var)\s+\w+\s*=\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*=>)/gm;
/** Identifiers are matches of [A-Za-z_$][A-Za-z0-9_$]*, the first MAX_IDENTIFIERS of them. */
export const MAX_IDENTIFIERS = 1000;

// CODE_EXAMPLE / DEFS from the first non-space character of a line (`^\s*` dropped: every body
// starts with a non-space, so `^\s*` matches exactly up to that character), or from elsewhere
// (anchored alternatives dropped). At one position at most one alternative can match (their
// first characters differ), so splitting them keeps the counts.
const EXAMPLE_AT_LINE = /(?:>>>|\$ |In \[\d+\]:)|@example\b|if __name__ == ['"]__main__['"]|\bExamples?\s*[:\n-]|\bUsage\s*[:\n]|(?:describe|it|test)\s*\(|\bdef test_|#\s*=>|\/\/\s*=>|\bassert\b/iy;
const EXAMPLE_INLINE = /@example\b|if __name__ == ['"]__main__['"]|\bExamples?\s*[:\n-]|\bUsage\s*[:\n]|\bdef test_|#\s*=>|\/\/\s*=>|\bassert\b/iy;
const DEF_AT_LINE = /(?:(?:export\s+)?(?:async\s+)?function\s*\*?\s*\w|def \w|class \w|(?:pub\s+)?fn \w|func \w|sub \w|(?:public|private|protected|static)\s[\w<>[\], ]*\(|(?:const|let|var)\s+\w+\s*=\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*=>)/y;
/**
 * Where TextStats' lines differ from the regexes' view: a line break other than \n or \r\n, or a
 * character that only one of them counts as space. Such heads take the regexes' own scan.
 */
const LINE_MISMATCH = /\r(?!\n)|[\u2028\u2029\u200b\u1680\u202f\u205f\ufeff]/;

/** Character classes: 1 letter, 2 `_`, 3 `$`, 4 digit, 0 anything else (all of non-ASCII). */
const CLS = new Uint8Array(65536);
for (let c = 65; c <= 90; c++) CLS[c] = 1;
for (let c = 97; c <= 122; c++) CLS[c] = 1;
CLS[95] = 2;
CLS[36] = 3;
for (let c = 48; c <= 57; c++) CLS[c] = 4;

export interface CodeHeadCounts {
  /** CODE_EXAMPLE matches. */
  examples: number;
  /** DEFS matches. */
  definitions: number;
  /** Identifiers read (at most MAX_IDENTIFIERS), their characters, and those one character long. */
  identifiers: number;
  identifierChars: number;
  singleCharIdentifiers: number;
}

/** Candidate starts: position * 2 + 1 for a line's first non-space character, position * 2 otherwise. */
let cands = new Int32Array(1024);
let nCands = 0;
function push(v: number): void {
  if (nCands === cands.length) {
    const bigger = new Int32Array(cands.length * 2);
    bigger.set(cands);
    cands = bigger;
  }
  cands[nCands++] = v;
}

/** A letter at `j` after a non-word character: \bExample, \bUsage, \bassert or \bdef test_ can start here. */
function wordStart(text: string, j: number): void {
  const lc = text.charCodeAt(j) | 32;
  const c1 = text.charCodeAt(j + 1) | 32;
  if ((lc === 101 && c1 === 120) || ((lc === 117 || lc === 97) && c1 === 115) || (lc === 100 && c1 === 101 && (text.charCodeAt(j + 2) | 32) === 102)) push(j * 2);
}

/** JavaScript's \s. */
function isRegexSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function countAll(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.test(text)) n++;
  return n;
}

/** `head` must be a prefix of `st.text`. */
export function scanCodeHead(st: TextStats, head: string): CodeHeadCounts {
  const L = head.length;
  nCands = 0;
  let ids = 0;
  let idChars = 0;
  let single = 0;
  // Characters are read from the flat text (head may be a slice of it); reads past the head only
  // add candidates, which the sticky regexes, run on the head, then reject.
  const text = st.text;
  for (let ti = 0; ti < st.nTokens; ti++) {
    const s = st.tokStart[ti];
    if (s >= L) break;
    const e = Math.min(st.tokEnd[ti], L);
    // A token follows whitespace: a word boundary. Outside identifiers only a digit is a word character.
    let afterDigit = false;
    let j = s;
    while (j < e) {
      const c = text.charCodeAt(j);
      const k = CLS[c];
      if (k === 0) {
        if (c === 64 && (text.charCodeAt(j + 1) | 32) === 101) push(j * 2); // @example
        afterDigit = false;
        j++;
      } else if (k === 4) {
        afterDigit = true;
        j++;
      } else {
        // An identifier: letters, digits, `_` and `$` from here. Word starts inside it follow a `$`.
        const idStart = j;
        if (k === 1 ? !afterDigit : k === 3) wordStart(text, k === 1 ? j : j + 1);
        j++;
        while (j < e) {
          const kk = CLS[text.charCodeAt(j)];
          if (kk === 0) break;
          if (kk === 3) wordStart(text, j + 1);
          j++;
        }
        if (ids < MAX_IDENTIFIERS) {
          ids++;
          idChars += j - idStart;
          if (j - idStart === 1) single++;
        }
        afterDigit = false;
      }
    }
  }
  // `if __name__` needs no word boundary: found from its `__`.
  let u = head.indexOf('__');
  while (u !== -1) {
    if (u >= 3 && head.charCodeAt(u - 1) === 32 && (head.charCodeAt(u - 2) | 32) === 102 && (head.charCodeAt(u - 3) | 32) === 105) push((u - 3) * 2);
    u = head.indexOf('__', u + 1);
  }
  const res: CodeHeadCounts = { examples: 0, definitions: 0, identifiers: ids, identifierChars: idChars, singleCharIdentifiers: single };
  if (LINE_MISMATCH.test(head)) {
    res.examples = countAll(CODE_EXAMPLE, head);
    res.definitions = countAll(DEFS, head);
    return res;
  }
  // `# =>` and `// =>`: from each `=>`, back over spaces to the `#` or `//`.
  let i = head.indexOf('=>');
  while (i !== -1) {
    let q = i;
    while (q > 0 && isRegexSpace(head.charCodeAt(q - 1))) q--;
    // No charCodeAt before the start: its NaN would make V8 drop this function's optimised code.
    const p = q > 0 ? head.charCodeAt(q - 1) : 0;
    if (p === 35) push((q - 1) * 2);
    else if (p === 47 && q > 1 && head.charCodeAt(q - 2) === 47) push((q - 2) * 2);
    i = head.indexOf('=>', i + 1);
  }
  let defs = 0;
  let defEnd = 0;
  for (let li = 0; li < st.nLines; li++) {
    const r = st.lineStart[li];
    if (r >= L) break;
    const c = head.charCodeAt(r);
    // >>> $ In describe it test
    if (c === 62 || c === 36 || c === 73 || c === 105 || c === 68 || c === 100 || c === 84 || c === 116) push(r * 2 + 1);
    // export async function def class pub fn func sub public private protected static const let var
    if (r >= defEnd && (c === 101 || c === 97 || c === 102 || c === 100 || c === 99 || c === 112 || c === 115 || c === 108 || c === 118)) {
      DEF_AT_LINE.lastIndex = r;
      if (DEF_AT_LINE.test(head)) {
        defs++;
        defEnd = DEF_AT_LINE.lastIndex;
      }
    }
  }
  const list = cands.subarray(0, nCands).sort();
  let examples = 0;
  let end = 0;
  for (let k = 0; k < list.length; k++) {
    const v = list[k];
    const pos = v >> 1;
    if (pos < end) continue;
    const re = (v & 1) === 1 ? EXAMPLE_AT_LINE : EXAMPLE_INLINE;
    re.lastIndex = pos;
    if (re.test(head)) {
      examples++;
      end = re.lastIndex;
    }
  }
  res.examples = examples;
  res.definitions = defs;
  return res;
}
