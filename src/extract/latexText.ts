/**
 * LaTeX source → text with math kept: comments and the preamble go, the document body stays with
 * sectioning turned into paragraphs, formatting commands unwrapped, references/labels/citations
 * dropped, figures and other float furniture dropped, math ($…$, \[…\], \(…\) and the display
 * environments) kept verbatim as LaTeX.
 */

const MATH_ENVS = new Set([
  'equation', 'equation*', 'align', 'align*', 'gather', 'gather*', 'multline', 'multline*', 'eqnarray', 'eqnarray*',
  'displaymath', 'math', 'flalign', 'flalign*', 'alignat', 'alignat*',
]);
/** Environments whose content is not prose. */
const DROP_ENVS = new Set(['figure', 'figure*', 'tikzpicture', 'comment', 'thebibliography', 'wrapfigure', 'picture', 'pgfpicture']);
const SECTION = /\\(?:part|chapter|section|subsection|subsubsection|paragraph|subparagraph)\*?\s*(?:\[[^\]]*\])?\s*\{/y;
/** Commands dropped together with their argument. */
const DROP_WITH_ARG = /^(?:label|ref|eqref|autoref|cref|Cref|pageref|cite|citep|citet|citealp|citeauthor|citeyear|nocite|includegraphics|bibliography|bibliographystyle|input|include|vspace|hspace|vskip|hskip|footnotemark|thanks|pagestyle|thispagestyle|setlength|addtolength|newcommand|renewcommand|providecommand|usepackage|setcounter|addtocounter|newlength|newcounter|newenvironment|renewenvironment|hypertarget|phantomsection|pdfbookmark|bibitem|hypersetup|graphicspath|DeclareMathOperator|newtheorem|numberwithin|dropped|date|affiliation|altaffiliation|collaboration|nocollaboration|email|correspondingauthor|shorttitle|shortauthors|submitjournal|received|revised|accepted|published|orcid|keywords|subjectclass|address|curraddr|urladdr|dedicatory)\*?$/;
/** Commands whose first argument is a target, length or colour and whose last argument is the text: `\href{url}{text}`. */
const DROP_FIRST_ARG = /^(?:href|hyperlink|raisebox|textcolor|colorbox|foreignlanguage|parbox|makebox|framebox)\*?$/;
/** Table environments: their column specification (and width) arguments are no text. */
/** TeX logos: commands whose whole output is a word. */
const LOGOS: Record<string, string> = { TeX: 'TeX', LaTeX: 'LaTeX', LaTeXe: 'LaTeX2e', BibTeX: 'BibTeX', AmS: 'AMS', AmSTeX: 'AMS-TeX', XeTeX: 'XeTeX', XeLaTeX: 'XeLaTeX', LuaTeX: 'LuaTeX', LuaLaTeX: 'LuaLaTeX', pdfTeX: 'pdfTeX', pdfLaTeX: 'pdfLaTeX', ConTeXt: 'ConTeXt', METAFONT: 'METAFONT', MF: 'METAFONT' };

const TABLE_ENVS = new Set(['tabular', 'tabular*', 'tabularx', 'longtable', 'tabulary', 'array', 'supertabular', 'xtabular']);

/** Removes `%` comments (not `\%`); a line holding only a comment disappears entirely. */
export function stripLatexComments(s: string): string {
  return s
    .split('\n')
    .map((line) => {
      for (let i = 0; i < line.length; i++) {
        if (line[i] === '\\') {
          i++;
          continue;
        }
        if (line[i] === '%') return i === 0 || line.slice(0, i).trim() === '' ? null : line.slice(0, i);
      }
      return line;
    })
    .filter((l): l is string => l !== null)
    .join('\n');
}

/** Index just after the brace group starting at `open` (which must be `{`). */
function groupEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return s.length;
}

/** The document title from `\title{…}`, if any. */
export function latexTitle(src: string): string {
  src = stripLatexComments(src.replace(/\r\n?/g, '\n'));
  const i = src.search(/\\title\s*(?:\[[^\]]*\])?\s*\{/);
  if (i < 0) return '';
  const open = src.indexOf('{', i);
  return convertBody(src.slice(open + 1, groupEnd(src, open) - 1)).replace(/\s+/g, ' ').trim();
}

function convertBody(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '$') {
      // Inline or display math: copy verbatim up to the matching delimiter.
      const dbl = s[i + 1] === '$';
      const delim = dbl ? '$$' : '$';
      let j = i + delim.length;
      while (j < s.length && !(s.startsWith(delim, j) && s[j - 1] !== '\\')) j++;
      out += s.slice(i, j + delim.length);
      i = j + delim.length;
      continue;
    }
    if (c === '{' || c === '}') {
      // Grouping braces in text carry no text.
      i++;
      continue;
    }
    if (c === '\n') {
      // A single newline is a space in TeX; a blank line ends the paragraph.
      let j = i + 1;
      while (s[j] === ' ' || s[j] === '\t') j++;
      if (s[j] === '\n') {
        out += '\n\n';
        while (s[j] === '\n' || s[j] === ' ' || s[j] === '\t') j++;
        i = j;
      } else {
        out += ' ';
        i++;
      }
      continue;
    }
    if (c !== '\\') {
      out += c === '~' ? ' ' : c === '&' ? ' | ' : c;
      i++;
      continue;
    }
    // \[ \] \( \) math
    if (s[i + 1] === '[' || s[i + 1] === '(') {
      const close = s[i + 1] === '[' ? '\\]' : '\\)';
      const j = s.indexOf(close, i + 2);
      const end = j < 0 ? s.length : j + 2;
      out += s.slice(i, end);
      i = end;
      continue;
    }
    if (s[i + 1] === '\\') {
      out += '\n';
      i += 2;
      continue;
    }
    const m = /^\\([a-zA-Z]+\*?|.)/.exec(s.slice(i, i + 40));
    if (!m) {
      i++;
      continue;
    }
    const name = m[1];
    let j = i + m[0].length;
    if (name === 'string') {
      // `{\tt\string\listofchanges}`: the next token printed as it is written.
      let k = j;
      while (s[k] === ' ') k++;
      const t = /^\\(?:[a-zA-Z]+|.)|^./s.exec(s.slice(k, k + 40));
      out += t ? t[0] : '';
      i = k + (t ? t[0].length : 0);
      continue;
    }
    if ((name === 'verb' || name === 'verb*') && j < s.length) {
      // `\verb|x|`: the text between the delimiters, verbatim.
      const close = s.indexOf(s[j]!, j + 1);
      const end = close < 0 || s.slice(j + 1, close).includes('\n') ? j + 1 : close;
      out += s.slice(j + 1, end);
      i = end + 1;
      continue;
    }
    const logo = LOGOS[name];
    if (logo !== undefined) {
      // `\LaTeX\ is`, `\LaTeX{} is`: the control space or empty group after a logo is its word space.
      out += logo;
      if (s.startsWith('{}', j)) j += 2;
      i = j;
      continue;
    }
    if (name === 'begin' || name === 'end') {
      const env = /^\s*\{([^}]*)\}/.exec(s.slice(j, j + 60));
      const envName = env ? env[1] : '';
      const after = j + (env ? env[0].length : 0);
      if (name === 'begin' && MATH_ENVS.has(envName)) {
        const endTag = `\\end{${envName}}`;
        const k = s.indexOf(endTag, after);
        const end = k < 0 ? s.length : k + endTag.length;
        out += '\n\n' + s.slice(i, end) + '\n\n';
        i = end;
        continue;
      }
      if (name === 'begin' && DROP_ENVS.has(envName)) {
        const endTag = `\\end{${envName}}`;
        const k = s.indexOf(endTag, after);
        i = k < 0 ? s.length : k + endTag.length;
        continue;
      }
      // Other environments (itemize, abstract, quote, theorem…): keep the content, mark a paragraph.
      out += '\n\n';
      i = after;
      if (name === 'begin' && TABLE_ENVS.has(envName)) {
        // `{width}{lX}` / `[t]{|l|c|}`: column specifications.
        for (let k = 0; k < 3; k++) {
          while (s[i] === ' ') i++;
          if (s[i] === '[') i = s.indexOf(']', i) + 1 || s.length;
          else if (s[i] === '{') i = groupEnd(s, i);
          else break;
        }
      }
      continue;
    }
    SECTION.lastIndex = i;
    if (SECTION.test(s)) {
      const open = SECTION.lastIndex - 1;
      const end = groupEnd(s, open);
      out += '\n\n' + convertBody(s.slice(open + 1, end - 1)).trim() + '\n\n';
      i = end;
      continue;
    }
    if (name === 'item') {
      out = out.replace(/[ \t]+$/, '') + '\n';
      i = j;
      if (s[i] === '[') {
        const k = s.indexOf(']', i);
        if (k > 0) {
          out += s.slice(i + 1, k) + ' ';
          i = k + 1;
        }
      }
      continue;
    }
    if (name === 'par') {
      out += '\n\n';
      i = j;
      continue;
    }
    if (DROP_WITH_ARG.test(name)) {
      while (s[j] === ' ') j++;
      while (s[j] === '[') j = s.indexOf(']', j) + 1 || s.length;
      while (s[j] === '{') j = groupEnd(s, j);
      if (name.startsWith('newcommand') || name.startsWith('renewcommand')) while (s[j] === '{' || s[j] === '[') j = s[j] === '{' ? groupEnd(s, j) : s.indexOf(']', j) + 1 || s.length;
      // "holds~\cite{x}." → "holds."
      if (/[.,;:!?)]/.test(s[j] ?? '')) out = out.replace(/[ \t]+$/, '');
      i = j;
      continue;
    }
    if (DROP_FIRST_ARG.test(name)) {
      while (s[j] === ' ') j++;
      while (s[j] === '[') j = s.indexOf(']', j) + 1 || s.length;
      if (s[j] === '{') j = groupEnd(s, j);
      while (s[j] === ' ') j++;
      if (name === 'raisebox' || name === 'parbox' || name === 'makebox' || name === 'framebox') while (s[j] === '[') j = s.indexOf(']', j) + 1 || s.length;
      i = j;
      continue;
    }
    if (name === 'footnote') {
      // Footnote text is prose: keep it inline, in parentheses.
      if (s[j] === '{') {
        const end = groupEnd(s, j);
        out += ' (' + convertBody(s.slice(j + 1, end - 1)).trim() + ')';
        i = end;
      } else i = j;
      continue;
    }
    if (name.length === 1 && /[%&#_{}$ ,;:!]/.test(name)) {
      // Escaped characters and spacing commands.
      out += /[,;:! ]/.test(name) ? ' ' : name;
      i = j;
      continue;
    }
    // Any other command: drop its name and an optional argument glued to it (`\hyperref[label]{text}`),
    // keep its brace arguments' text (\textbf{x} → x).
    if (s[j] === '[' && /^[a-zA-Z]/.test(name)) {
      const k = s.indexOf(']', j);
      if (k > 0 && k - j < 200) j = k + 1;
    }
    i = j;
  }
  return out;
}

interface Macro {
  args: number;
  /** Default of the first argument when it is optional (`\newcommand{\x}[2][d]{…}`). */
  optional?: string;
  body: string;
}

/** Simple macro definitions: `\newcommand`/`\renewcommand`/`\providecommand{\name}[n][default]{body}` and `\def\name#1#2{body}`. */
export function collectMacros(s: string): Map<string, Macro> {
  const macros = new Map<string, Macro>();
  const re = /\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand)\*?\s*(?:\{\s*\\([a-zA-Z]+)\s*\}|\\([a-zA-Z]+))\s*(?:\[(\d)\])?\s*(?:\[([^\]]*)\])?\s*\{|\\def\s*\\([a-zA-Z]+)((?:#\d)*)\s*\{/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const open = re.lastIndex - 1;
    const end = groupEnd(s, open);
    const name = m[1] ?? m[2] ?? m[5]!;
    const args = m[5] ? (m[6] ?? '').length / 2 : Number(m[3] ?? 0);
    const body = s.slice(open + 1, end - 1);
    // Definitions that define or test things are not text macros.
    if (!/\\(?:def|if[a-z]*|else|fi|expandafter|csname|let|edef|gdef|xdef)\b/.test(body) && !(macros.has(name) && /provide/.test(m[0]))) {
      macros.set(name, m[4] !== undefined ? { args, optional: m[4], body } : { args, body });
    }
    re.lastIndex = end;
  }
  return macros;
}

/** One argument at `i`: a brace group's content or a single token. */
function readArg(s: string, i: number): { arg: string; end: number } {
  while (s[i] === ' ' || s[i] === '\n') i++;
  if (s[i] === '{') {
    const end = groupEnd(s, i);
    return { arg: s.slice(i + 1, end - 1), end };
  }
  if (s[i] === '\\') {
    const m = /^\\(?:[a-zA-Z]+|.)/.exec(s.slice(i, i + 40));
    const len = m ? m[0].length : 1;
    return { arg: s.slice(i, i + len), end: i + len };
  }
  return { arg: s[i] ?? '', end: Math.min(i + 1, s.length) };
}

/** Expands the given macros in `s` (a few passes for macros using macros; output bounded to 4× the input). */
export function expandMacros(s: string, macros: Map<string, Macro>): string {
  if (macros.size === 0) return s;
  const names = [...macros.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`\\\\(${names.join('|')})(?![a-zA-Z])`, 'g');
  const cap = Math.max(s.length * 4, 10_000);
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    let out = '';
    let last = 0;
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const mac = macros.get(m[1]!)!;
      let i = re.lastIndex;
      const args: string[] = [];
      if (mac.optional !== undefined) {
        let k = i;
        while (s[k] === ' ') k++;
        if (s[k] === '[') {
          const close = s.indexOf(']', k);
          args.push(s.slice(k + 1, close < 0 ? s.length : close));
          i = close < 0 ? s.length : close + 1;
        } else args.push(mac.optional);
      }
      while (args.length < mac.args) {
        const a = readArg(s, i);
        args.push(a.arg);
        i = a.end;
      }
      const body = mac.body.replace(/##/g, '\u0000').replace(/#(\d)/g, (_, d: string) => args[Number(d) - 1] ?? '').replace(/\u0000/g, '#');
      out += s.slice(last, m.index) + body + (/^[a-zA-Z]/.test(s[i] ?? '') && /\\[a-zA-Z]+$/.test(body) ? ' ' : '');
      last = i;
      re.lastIndex = i;
      changed = true;
      if (out.length > cap) return s;
    }
    if (!changed) break;
    s = out + s.slice(last);
  }
  return s;
}

/**
 * The authors as one line: `\author{A \and B}`, or one `\author{…}` per author as AASTeX, REVTeX
 * and amsart write them (an optional argument such as an ORCID is left out).
 */
function latexAuthor(src: string): string {
  const names: string[] = [];
  const re = /\\author\s*(?:\[[^\]]*\])?\s*\{/g;
  for (let m = re.exec(src); m && names.length < 200; m = re.exec(src)) {
    const open = re.lastIndex - 1;
    const end = groupEnd(src, open);
    const body = src.slice(open + 1, end - 1).replace(/\\and\b/g, ', ').replace(/\\\\(?:\[[^\]]*\])?/g, ', ');
    const name = convertBody(body).replace(/\s+/g, ' ').replace(/\s*,(?:\s*,)+/g, ',').replace(/^[\s,]+|[\s,]+$/g, '').trim();
    if (name) names.push(name);
    re.lastIndex = end;
  }
  return names.join(', ');
}

/** Text (with math) of a LaTeX source file. */
export function extractLatex(src: string): string {
  let s = stripLatexComments(src.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'));
  const macros = collectMacros(s);
  const begin = s.indexOf('\\begin{document}');
  const preamble = begin >= 0 ? s.slice(0, begin) : '';
  if (begin >= 0) {
    const end = s.indexOf('\\end{document}', begin);
    s = s.slice(begin + '\\begin{document}'.length, end < 0 ? undefined : end);
  }
  // Title and author lead the text, where \maketitle puts them.
  const expandedHead = expandMacros(preamble + s, macros);
  const head = [latexTitle(expandedHead), latexAuthor(expandedHead)].filter((x) => x !== '');
  s = s.replace(/\\maketitle\b/g, '').replace(/\\(?:title|author|date)\s*(?:\[[^\]]*\])?\s*(?=\{)/g, '\\dropped');
  s = expandMacros(s, macros);
  const body = convertBody(s)
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return head.length > 0 ? `${head.join('\n\n')}\n\n${body}` : body;
}
