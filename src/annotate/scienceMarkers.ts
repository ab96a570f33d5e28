/**
 * Counts of science markup in a text sample: LaTeX math commands and math symbols, LaTeX
 * structure commands, and citations. Each count equals a global-regex match count (the patterns
 * are kept below as the definition) but is found from rare anchor characters with indexOf, running
 * a sticky regex only where a match can start: a whole-text regex scan tries every position.
 */

/** LaTeX math commands (a prefix match: `\int` also counts in `\integral`, as in the definition). */
const MATH_COMMAND = /\\(?:frac|sum|int|iint|prod|alpha|beta|gamma|delta|epsilon|sigma|mu|lambda|theta|partial|sqrt|mathbf|mathrm|mathcal|hat|bar|infty|cdot|leq|geq|approx|nabla|begin\{(?:equation|align|eqnarray|theorem|lemma|proof))/y;
/** Math symbols, each a single UTF-16 unit. */
export const MATH_SYMBOLS = '∑∫∂√≤≥±×∞≈≠∈∀∃αβγδεθλμσπΩωΔΣχ²';
const MATH_SYMBOL_RANGES = /[\xb1\xb2\xd7\u0391-\u03c9\u2200-\u2265]/g;
const IS_MATH_SYMBOL = new Uint8Array(65536);
for (let k = 0; k < MATH_SYMBOLS.length; k++) IS_MATH_SYMBOL[MATH_SYMBOLS.charCodeAt(k)] = 1;
/** LaTeX structure commands. */
const LATEX_COMMAND = /\\(?:documentclass|section|subsection|begin|end|usepackage|label|ref|emph|textbf|item)\b/y;
/** Author-year citations: "(Smith, 2019)", "(Smith et al. 2019a)", "(Smith and Jones, (2019))". */
const AUTHOR_YEAR = /\([A-Z][A-Za-z-]+(?: et al\.| and [A-Z][A-Za-z-]+)?,? \(?(?:1[89]|20)\d\d[a-z]?\)/y;

/**
 * Math notation count: matches of /\\(?:frac|…)|[∑∫…²]/g. A command starts at a backslash and
 * holds none, and a symbol is one character, so the two are counted apart.
 */
export function countMath(sample: string): number {
  let n = countMathCommands(sample);
  // A narrow class of ranges holding every symbol (one scan), then the exact set by table.
  MATH_SYMBOL_RANGES.lastIndex = 0;
  while (MATH_SYMBOL_RANGES.test(sample)) n += IS_MATH_SYMBOL[sample.charCodeAt(MATH_SYMBOL_RANGES.lastIndex - 1)];
  return n;
}

function countMathCommands(sample: string): number {
  let n = 0;
  let i = sample.indexOf('\\');
  while (i !== -1) {
    const c = sample.charCodeAt(i + 1);
    // Every command name starts with a lowercase letter.
    if (c >= 97 && c <= 122) {
      MATH_COMMAND.lastIndex = i;
      if (MATH_COMMAND.test(sample)) n++;
    }
    i = sample.indexOf('\\', i + 1);
  }
  return n;
}

/** LaTeX structure commands: matches of /\\(?:documentclass|section|…)\b/g. */
export function countLatexCommands(sample: string): number {
  let n = 0;
  let i = sample.indexOf('\\');
  while (i !== -1) {
    const c = sample.charCodeAt(i + 1);
    if (c >= 97 && c <= 122) {
      LATEX_COMMAND.lastIndex = i;
      if (LATEX_COMMAND.test(sample)) n++;
    }
    i = sample.indexOf('\\', i + 1);
  }
  return n;
}

/**
 * Citations: non-overlapping occurrences of `\cite`, `et al.`, `doi:`, `doi.org`, `arXiv` (none
 * can overlap itself), plus author-year matches. Each literal is found through its rarest
 * character: `.` for "et al." and "doi.org", `:` for "doi:", `X` for "arXiv".
 */
export function countCitations(text: string): number {
  let n = 0;
  // Author-year: only a "(" followed by a capital can start one; matches do not overlap.
  let end = 0;
  let i = text.indexOf('(');
  while (i !== -1) {
    const c = text.charCodeAt(i + 1);
    if (c >= 65 && c <= 90 && i >= end) {
      AUTHOR_YEAR.lastIndex = i;
      if (AUTHOR_YEAR.test(text)) {
        n++;
        end = AUTHOR_YEAR.lastIndex;
      }
    }
    i = text.indexOf('(', i + 1);
  }
  i = text.indexOf('\\cite');
  while (i !== -1) {
    n++;
    i = text.indexOf('\\cite', i + 5);
  }
  i = text.indexOf('.');
  while (i !== -1) {
    const prev = text.charCodeAt(i - 1);
    if (prev === 108 /* l */ && i >= 5 && text.startsWith('et al', i - 5)) n++;
    else if (prev === 105 /* i */ && i >= 3 && text.startsWith('doi.org', i - 3)) n++;
    i = text.indexOf('.', i + 1);
  }
  i = text.indexOf(':');
  while (i !== -1) {
    if (i >= 3 && text.charCodeAt(i - 1) === 105 && text.startsWith('doi', i - 3)) n++;
    i = text.indexOf(':', i + 1);
  }
  i = text.indexOf('X');
  while (i !== -1) {
    if (i >= 2 && text.startsWith('arXiv', i - 2)) n++;
    i = text.indexOf('X', i + 1);
  }
  return n;
}
