import { isJsWhitespace } from './jsWhitespace.js';
import type { TextStats } from './textStats.js';

/** Line-level measurements of how code-like a text is, and of its comments. */
export interface CodeStats {
  /** Non-empty lines that look like program statements. */
  codeLines: number;
  /** Lines inside comments (line and block comments, docstrings, POD). */
  commentLines: number;
  commentChars: number;
  /** Interactive-session lines (`>>> `, `$ `, `In [1]:`), as in tutorials. */
  replLines: number;
  /** Characters of `{}[]();=<>_$|&\` over visible characters. */
  symbolDensity: number;
  /** Lines starting with indentation (spaces or tab) among non-empty lines. */
  indentedLines: number;
}

type CommentStyle = 'c' | 'hash' | 'dash' | 'semicolon' | 'percent' | 'mixed';

const STYLE_BY_LANGUAGE: Record<string, CommentStyle> = {
  javascript: 'c', typescript: 'c', c: 'c', cpp: 'c', 'c++': 'c', java: 'c', go: 'c', rust: 'c', csharp: 'c', 'c#': 'c',
  swift: 'c', kotlin: 'c', scala: 'c', php: 'c', css: 'c', scss: 'c', dart: 'c', objc: 'c', 'objective-c': 'c', groovy: 'c',
  python: 'hash', ruby: 'hash', perl: 'hash', shell: 'hash', bash: 'hash', sh: 'hash', r: 'hash', yaml: 'hash', toml: 'hash',
  makefile: 'hash', julia: 'hash', elixir: 'hash', nim: 'hash', cmake: 'hash', powershell: 'hash', tcl: 'hash', awk: 'hash',
  sql: 'dash', lua: 'dash', haskell: 'dash', ada: 'dash', elm: 'dash',
  lisp: 'semicolon', scheme: 'semicolon', clojure: 'semicolon', elisp: 'semicolon', 'emacs-lisp': 'semicolon', asm: 'semicolon', assembly: 'semicolon',
  matlab: 'percent', octave: 'percent', tex: 'percent', latex: 'percent', erlang: 'percent', prolog: 'percent',
};

export function commentStyleOf(programmingLanguage: string | undefined): CommentStyle {
  return (programmingLanguage && STYLE_BY_LANGUAGE[programmingLanguage.toLowerCase()]) || 'mixed';
}

// A line that is a statement in some mainstream language.
const CODE_START =
  /^(?:import\s+[\w{*"'@.]|from\s+[\w.]+\s+import\b|def\s+\w+\s*\(|class\s+\w+[\s:({<]|return\b|if\s*\(|for\s*\(|while\s*\(|switch\s*\(|const\s+[\w{[]|let\s+[\w{[]|var\s+\w|function\b|public\b|private\b|protected\b|static\b|#include\b|#define\b|#if|#endif|package\s+[\w.]+;?$|func\s|fn\s+\w|pub\s|use\s+[\w:]+|my\s+[$@%]|sub\s+\w+|elif\b|else\b|try\s*[:{]|except\b|catch\s*\(|raise\b|throw\b|yield\b|async\s|await\s|export\s|module\.exports|require\s*\(|end$|[}\])];?,?$|@\w+|case\s.+:$|break;|continue;|self\.|this\.|\$\w+\s*=|\w+(?:\.\w+)*\s*\([^)]*\)\s*;$)/;
const ASSIGN = /^[\w.[\]"'$@]+\s*(?:[+\-*/|&]?=|:=)\s*\S/;

// First words that can start a statement (checked before running CODE_START), by a hash of their
// characters so that a line's first word needs no substring to be looked up.
const STATEMENT_WORDS = new Map<number, string>();
for (const w of 'import from def class return if for while switch const let var function public private protected static package func fn pub use my sub elif else try except catch raise throw yield async await export module require end case break continue self this'.split(' ')) {
  let h = 0;
  for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
  if (STATEMENT_WORDS.has(h)) throw new Error(`codeStats: statement words "${w}" and "${STATEMENT_WORDS.get(h)}" hash alike; change the hash`);
  STATEMENT_WORDS.set(h, w);
}

/** Whether text[s, w) is one of STATEMENT_WORDS. */
function isStatementWord(text: string, s: number, w: number): boolean {
  let h = 0;
  for (let i = s; i < w; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  const word = STATEMENT_WORDS.get(h);
  return word !== undefined && word.length === w - s && text.startsWith(word, s);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `s + str.length <= lim` and the text holds `str` at `s`. */
function startsWithin(text: string, s: number, lim: number, str: string): boolean {
  return s + str.length <= lim && text.startsWith(str, s);
}

/** `str` then one or more digits then `close`, all before `lim`. */
function startsWithNumbered(text: string, s: number, lim: number, str: string, close: string): boolean {
  if (!startsWithin(text, s, lim, str)) return false;
  let i = s + str.length;
  const d = i;
  while (i < lim && isDigit(text.charCodeAt(i))) i++;
  return i > d && startsWithin(text, i, lim, close);
}

/**
 * An interactive-session prompt at the start of [s, e): exactly
 * `/^(?:>>>|\$ |In \[\d+\]:|\.\.\. |octave:\d+>|>> )/.test(text.slice(s, Math.min(e, s + 12)))`, without the
 * slice and the regex.
 */
export function startsWithPrompt(text: string, s: number, e: number): boolean {
  const lim = Math.min(e, s + 12);
  switch (text.charCodeAt(s)) {
    case 62: // >
      return startsWithin(text, s, lim, '>>>') || startsWithin(text, s, lim, '>> ');
    case 36: // $
      return startsWithin(text, s, lim, '$ ');
    case 73: // I
      return startsWithNumbered(text, s, lim, 'In [', ']:');
    case 46: // .
      return startsWithin(text, s, lim, '... ');
    case 111: // o
      return startsWithNumbered(text, s, lim, 'octave:', '>');
    default:
      return false;
  }
}

/**
 * Statement ends; a `;` ends prose too (the KJV is full of them), so it needs code punctuation on
 * the line. Exactly `/(?:\{|\)\s*[{:]|=>|[()=[\]$]\S*;|^\S+;)$/.test(text.slice(s, e))`, without
 * the slice and the regex (which tries every position of the line).
 */
export function endsLikeCode(text: string, s: number, e: number): boolean {
  if (e <= s) return false;
  const last = text.charCodeAt(e - 1);
  if (last === 123) return true; // \{$
  if (last === 62) return e - 2 >= s && text.charCodeAt(e - 2) === 61; // =>$
  if (last === 58) {
    // \)\s*:$
    let p = e - 2;
    while (p >= s && isJsWhitespace(text.charCodeAt(p))) p--;
    return p >= s && text.charCodeAt(p) === 41;
  }
  if (last === 59) {
    // [()=[\]$]\S*;$ — one of ()=[]$ in the run of non-spaces before the final ';'
    let p = e - 2;
    for (; p >= s; p--) {
      const c = text.charCodeAt(p);
      if (isJsWhitespace(c)) return false;
      if (c === 40 || c === 41 || c === 61 || c === 91 || c === 93 || c === 36) return true;
    }
    // ^\S+;$ — no space at all, something before the ';'
    return e - s >= 2;
  }
  return false;
}

/**
 * Runs the statement regexes only when cheap character tests say they could match. `hasEq`: the
 * line holds a '='.
 */
function looksLikeStatement(text: string, s: number, e: number, hasEq: boolean): boolean {
  const first = text.charCodeAt(s);
  const last = text.charCodeAt(e - 1);
  let line: string | undefined;
  // Ends: ; { : > (for => and ) {  ): ) and ;
  if ((last === 59 || last === 123 || last === 58 || last === 62) && endsLikeCode(text, s, e)) return true;
  if ((first >= 97 && first <= 122) || first === 95) {
    let w = s;
    while (w < e && w - s < 12) {
      const c = text.charCodeAt(w);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) w++;
      else break;
    }
    if (isStatementWord(text, s, w)) {
      line ??= text.slice(s, e);
      if (CODE_START.test(line)) return true;
    }
  } else if (first === 35 || first === 64 || first === 125 || first === 93 || first === 41 || first === 36) {
    line ??= text.slice(s, e);
    if (CODE_START.test(line)) return true;
  }
  if (last === 59) {
    line ??= text.slice(s, e);
    if (CODE_START.test(line)) return true;
  }
  if (hasEq) {
    line ??= text.slice(s, e);
    if (ASSIGN.test(line)) return true;
  }
  return false;
}

function startsWith2(text: string, i: number, a: number, b: number): boolean {
  return text.charCodeAt(i) === a && text.charCodeAt(i + 1) === b;
}

/** Measures code-likeness and comments line by line. */
export function computeCodeStats(st: TextStats, programmingLanguage?: string): CodeStats {
  const text = st.text;
  const style = commentStyleOf(programmingLanguage);
  const cLike = style === 'c' || style === 'mixed';
  const hashLike = style === 'hash' || style === 'mixed';
  let codeLines = 0;
  let commentLines = 0;
  let commentChars = 0;
  let replLines = 0;
  let indented = 0;
  // Open block: 0 none, 1 /* */, 2 """, 3 ''', 4 POD/=begin
  let block = 0;
  // Next '=' at or after the current line (-1: none left), so lines do not each search to the end.
  let nextEq = -2;
  for (let li = 0; li < st.nLines; li++) {
    const s = st.lineStart[li];
    const e = st.lineEnd[li];
    const len = e - s;
    const prev = s > 0 ? text.charCodeAt(s - 1) : 10;
    if (prev === 32 || prev === 9) indented++;
    const c0 = text.charCodeAt(s);
    if (block !== 0) {
      commentLines++;
      commentChars += len;
      const line = text.slice(s, e);
      if ((block === 1 && line.includes('*/')) || (block === 2 && line.includes('"""')) || (block === 3 && line.includes("'''")) || (block === 4 && /^=(?:cut|end)\b/.test(line))) block = 0;
      continue;
    }
    if (cLike && startsWith2(text, s, 47, 47)) {
      commentLines++;
      commentChars += len;
      continue;
    }
    if (cLike && startsWith2(text, s, 47, 42)) {
      commentLines++;
      commentChars += len;
      if (text.slice(s + 2, e).indexOf('*/') < 0) block = 1;
      continue;
    }
    if (hashLike && c0 === 35) {
      // C preprocessor lines are code, not comments.
      const line = text.slice(s, Math.min(e, s + 9));
      if (!(style === 'mixed' && /^#\s*(?:include|define|if|ifdef|ifndef|endif|else|elif|pragma|undef)\b/.test(line)) && !line.startsWith('#!')) {
        commentLines++;
        commentChars += len;
        continue;
      }
    }
    if (style === 'dash' && startsWith2(text, s, 45, 45)) {
      commentLines++;
      commentChars += len;
      continue;
    }
    if (style === 'semicolon' && c0 === 59) {
      commentLines++;
      commentChars += len;
      continue;
    }
    if (style === 'percent' && c0 === 37) {
      commentLines++;
      commentChars += len;
      continue;
    }
    if ((style === 'hash' || style === 'mixed') && (c0 === 34 || c0 === 39 || c0 === 114 || c0 === 61)) {
      const line = text.slice(s, e);
      const q = line.startsWith('"""') || line.startsWith('r"""') ? '"""' : line.startsWith("'''") ? "'''" : '';
      if (q) {
        commentLines++;
        commentChars += len;
        const rest = line.slice(line.indexOf(q) + 3);
        if (!rest.includes(q)) block = q === '"""' ? 2 : 3;
        continue;
      }
      if (/^=(?:pod|head\d|over|item|begin|encoding)\b/.test(line)) {
        commentLines++;
        commentChars += len;
        block = 4;
        continue;
      }
    }
    if (startsWithPrompt(text, s, e)) {
      replLines++;
      continue;
    }
    if (nextEq !== -1 && nextEq < s) nextEq = text.indexOf('=', s);
    if (looksLikeStatement(text, s, e, nextEq >= 0 && nextEq < e)) codeLines++;
  }
  return {
    codeLines,
    commentLines,
    commentChars,
    replLines,
    symbolDensity: st.visibleChars > 0 ? st.symbolChars / st.visibleChars : 0,
    indentedLines: indented,
  };
}
