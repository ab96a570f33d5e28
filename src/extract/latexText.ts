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
const DROP_WITH_ARG = /^(?:label|ref|eqref|autoref|cref|Cref|pageref|cite|citep|citet|citealp|citeauthor|citeyear|nocite|includegraphics|bibliography|bibliographystyle|input|include|vspace|hspace|vskip|hskip|url|footnotemark|thanks|pagestyle|thispagestyle|setlength|addtolength|newcommand|renewcommand|usepackage)\*?$/;

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
      out += c === '~' ? ' ' : c;
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
    // Any other command: drop its name, keep its brace arguments' text (\textbf{x} → x).
    i = j;
  }
  return out;
}

/** Text (with math) of a LaTeX source file. */
export function extractLatex(src: string): string {
  let s = stripLatexComments(src.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'));
  const begin = s.indexOf('\\begin{document}');
  if (begin >= 0) {
    const end = s.indexOf('\\end{document}', begin);
    s = s.slice(begin + '\\begin{document}'.length, end < 0 ? undefined : end);
  }
  s = s.replace(/\\maketitle\b/g, '');
  return convertBody(s)
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
