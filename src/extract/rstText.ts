/**
 * reStructuredText → plain text with no markup left: section adornments, comments, targets and
 * directive options go; directives are handled by kind (code kept verbatim, admonitions and
 * version notes keep their text, toctree/index/module/autodoc dropped, math kept as LaTeX);
 * roles become their text (`:func:`~a.b.len`` → `len`, `:ref:`text <label>`` → `text`);
 * substitutions are replaced; field lists become "Name: value" lines; tables become "a | b" rows.
 *
 * Line based: a block is its first line plus the lines indented under it, converted recursively.
 */

/** Directives whose content is code, kept verbatim. */
const CODE_DIRECTIVES = new Set([
  'code', 'code-block', 'sourcecode', 'ipython', 'doctest', 'testcode', 'testoutput', 'jupyter-execute', 'plot',
  'literal', 'parsed-literal', 'productionlist', 'prompt', 'jupyter-input', 'jupyter-output',
]);
/** Directives dropped with their content: navigation, indexes, generated API, hidden test setup, media. */
const DROP_DIRECTIVES = new Set([
  'toctree', 'index', 'module', 'currentmodule', 'automodule', 'autoclass', 'autofunction', 'automethod', 'autoattribute',
  'autodata', 'autoexception', 'autosummary', 'autoprogram', 'automodapi', 'automodsumm', 'autodecorator', 'include',
  'literalinclude', 'raw', 'image', 'highlight', 'default-role', 'role', 'contents', 'sectnum', 'meta', 'title',
  'tabularcolumns', 'testsetup', 'testcleanup', 'only-latex', 'inheritance-diagram', 'graphviz', 'digraph', 'graph',
  'py:module', 'py:currentmodule', 'c:namespace', 'cpp:namespace', 'default-domain', 'target-notes', 'header', 'footer',
  'moduleauthor', 'sectionauthor', 'codeauthor', 'footbibliography', 'bibliography', 'ifconfig-hidden', 'cssclass',
  'class', 'rst-class',
]);
/** Admonitions whose directive line is the first line of their body. */
const ADMONITIONS = new Set(['note', 'warning', 'tip', 'important', 'caution', 'danger', 'error', 'hint', 'attention', 'seealso', 'todo', 'versionadded-body']);
/** Version notes, rendered the way Sphinx renders them. */
const VERSION_NOTES: Record<string, string> = {
  versionadded: 'New in version',
  versionchanged: 'Changed in version',
  deprecated: 'Deprecated since version',
  versionremoved: 'Removed in version',
};
/** Object descriptions (`.. function:: f(x)`): the signature is content, a line of its own. */
const DESCRIPTION = /^(?:(?:py|c|cpp|js|rst|std|math|f|mat|rb|php|go|java):)?(?:function|class|method|attribute|data|exception|decorator|decoratormethod|classmethod|staticmethod|property|member|macro|type|var|struct|union|enum|enumerator|option|envvar|describe|object|cmdoption|program|directive|role|confval|event|setting|opcode|pdbcommand|2to3fixer|fixture)$/;

const ADORNMENT = /^([!-/:-@[-`{-~])\1{2,}\s*$/;
const BULLET = /^([-*+•‣⁃])( +)(?=\S)/;
const ENUM = /^(\(?(?:\d+|#|[a-zA-Z]|[ivxlcdm]+|[IVXLCDM]+)[.)])( +)(?=\S)/;
const FIELD = /^:((?:[^:\\`]|\\.)+):(?: +|$)/;
const EXPLICIT = /^\.\.(?: |$)/;

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  return i;
}

const isBlank = (l: string): boolean => l.trim() === '';

/** Removes the common indentation of non-blank lines. */
function dedent(lines: string[]): string[] {
  let min = Infinity;
  for (const l of lines) if (!isBlank(l)) min = Math.min(min, indentOf(l));
  if (!Number.isFinite(min) || min === 0) return lines;
  return lines.map((l) => (isBlank(l) ? '' : l.slice(min)));
}

/** Index after the block of lines that are blank or indented by more than `base`, starting at `from`. */
function indentedEnd(lines: string[], from: number, base: number): number {
  let j = from;
  let lastText = from;
  while (j < lines.length && (isBlank(lines[j]!) || indentOf(lines[j]!) > base)) {
    if (!isBlank(lines[j]!)) lastText = j + 1;
    j++;
  }
  return Math.max(lastText, from);
}

/** Target of a role or reference: `title <target>` → `title`; `~a.b.c` → `c`; `!a.b` → `a.b`. */
function roleText(role: string, body: string): string {
  let t = body.replace(/\\(.)/g, '$1');
  const angle = /^([\s\S]*?)\s*<[^<>]*>$/.exec(t);
  if (angle && angle[1]!.trim() !== '') t = angle[1]!;
  else if (angle) t = t.replace(/^<|>$/g, '');
  if (t.startsWith('!')) t = t.slice(1);
  if (t.startsWith('~')) t = t.slice(1).split('.').pop()!;
  const r = role.replace(/^[\w-]+:/, '');
  if (r === 'math') return `$${body}$`;
  if (r === 'menuselection') return t.replace(/\s*-->\s*/g, ' > ');
  if (r === 'guilabel') return t.replace(/&(?=\S)/g, '');
  if (r === 'samp' || r === 'file') return t.replace(/\{([^{}]*)\}/g, '$1');
  return t;
}

export interface RstContext {
  /** Substitution definitions (`.. |name| replace:: text`). */
  subs: Map<string, string>;
}

/** Inline markup → text. */
export function rstInline(s: string, ctx: RstContext = { subs: new Map() }): string {
  const out: string[] = [];
  const literals: string[] = [];
  // Protect inline literals and role bodies first: their content is verbatim.
  let t = s.replace(/``(\S(?:.*?\S)?)``(?=$|[\s.,;:!?)'"\]}>/\\-])/g, (_, lit: string) => {
    literals.push(lit);
    return `\u0000${literals.length - 1}\u0000`;
  });
  t = t.replace(/(?<![\w`]):((?:[\w-]+:)*[\w-]+):`((?:[^`\\]|\\.)+)`_{0,2}/g, (_, role: string, body: string) => {
    literals.push(roleText(role, body));
    return `\u0000${literals.length - 1}\u0000`;
  });
  t = t.replace(/`((?:[^`\\]|\\.)+)`:((?:[\w-]+:)*[\w-]+):/g, (_, body: string, role: string) => {
    literals.push(roleText(role, body));
    return `\u0000${literals.length - 1}\u0000`;
  });
  // Hyperlink references: `text <url>`_, `text`_, `text`__, word_, word__; footnote/citation references.
  t = t.replace(/`((?:[^`\\]|\\.)+)`_{1,2}(?!\w)/g, (_, body: string) => roleText('ref', body));
  t = t.replace(/\s*\[(?:\d+|#[\w-]*|\*|[A-Za-z][\w.-]*)\]_(?!\w)/g, '');
  t = t.replace(/\b([\w.-]*\w)_{1,2}(?![\w])/g, '$1');
  // Substitution references.
  // An undefined one (defined in the project's conf.py `rst_epilog`) is usually named after its text: |SkyCoord|.
  t = t.replace(/(^|[\s(["'/-])\|([^|\s](?:[^|]*[^|\s])?)\|(?:_{1,2})?(?=$|[\s)\]"'.,;:!?-])/g, (_, pre: string, name: string) => pre + (ctx.subs.get(name.toLowerCase()) ?? name));
  // Emphasis, strong, interpreted text (default role).
  t = t.replace(/(^|[\s(["'<{/:-])\*\*(?=\S)((?:[^*\\]|\\.)+?)(?<=\S)\*\*(?=$|[\s)\]"'>}/:.,;!?-])/g, '$1$2');
  t = t.replace(/(^|[\s(["'<{/:-])\*(?=\S)((?:[^*\\]|\\.)+?)(?<=\S)\*(?=$|[\s)\]"'>}/:.,;!?-])/g, '$1$2');
  t = t.replace(/`((?:[^`\\]|\\.)+)`/g, (_, body: string) => roleText('', body));
  // Escapes: backslash-space joins, backslash-char is the char.
  t = t.replace(/\\ /g, '').replace(/\\(.)/g, '$1');
  out.push(t.replace(/\u0000(\d+)\u0000/g, (_, k: string) => literals[Number(k)]!));
  return out.join('');
}

interface Out {
  blocks: string[];
}

function para(o: Out, text: string): void {
  const t = text.trim();
  if (t) o.blocks.push(t);
}

/** Rows of a grid table (`+---+` borders, `|` cell separators) as "a | b" lines. */
function gridTable(lines: string[], ctx: RstContext): string {
  const rows: string[] = [];
  for (const l of lines) {
    const s = l.trim();
    if (/^\+[-=+:]+\+$/.test(s)) continue;
    const cells = s.replace(/^\||\|$/g, '').split('|').map((c) => rstInline(c.trim(), ctx));
    if (cells.some((c) => c !== '')) rows.push(cells.join(' | '));
  }
  return rows.join('\n');
}

/** Rows of a simple table (`=====  =====` borders) as "a | b" lines, cells cut at the border's column starts. */
function simpleTable(lines: string[], ctx: RstContext): string {
  const border = lines[0]!;
  const starts: number[] = [];
  for (let i = 0; i < border.length; i++) if (border[i] === '=' && (i === 0 || border[i - 1] === ' ')) starts.push(i);
  const rows: string[] = [];
  for (const l of lines) {
    if (/^[=\s]+$/.test(l) || /^[-\s]+$/.test(l)) continue;
    const cells = starts.map((s, k) => l.slice(s, k + 1 < starts.length ? starts[k + 1] : undefined).trim());
    if (cells.some((c) => c !== '')) rows.push(cells.map((c) => rstInline(c, ctx)).join(' | '));
  }
  return rows.join('\n');
}

/** A directive block `.. name:: args` with its option lines and content. */
function directive(name: string, args: string, body: string[], o: Out, ctx: RstContext): void {
  const n = name.toLowerCase();
  // Options (`:linenos:`, `:maxdepth: 2`) open the body; the content follows.
  let k = 0;
  while (k < body.length && FIELD.test(body[k]!.trimStart()) && !isBlank(body[k]!)) {
    const ind = indentOf(body[k]!);
    k++;
    while (k < body.length && !isBlank(body[k]!) && indentOf(body[k]!) > ind) k++;
  }
  const content = dedent(body.slice(k));
  if (DROP_DIRECTIVES.has(n) || n.startsWith('auto') || n.endsWith(':module') || n.endsWith(':currentmodule')) return;
  if (CODE_DIRECTIVES.has(n) || n.endsWith(':code-block')) {
    const code = content.join('\n').replace(/^\n+|\s+$/g, '');
    if (code) o.blocks.push(code);
    return;
  }
  if (n === 'math' || n === 'eqnarray') {
    const tex = [args, ...content].join('\n').trim();
    if (tex) o.blocks.push(`$$${tex}$$`);
    return;
  }
  if (n in VERSION_NOTES) {
    const m = /^(\S+)\s*(.*)$/.exec(args.trim());
    const head = `${VERSION_NOTES[n]} ${m ? m[1] : args.trim()}`.trim();
    const sub: Out = { blocks: [] };
    convert([...(m && m[2] ? [m[2]] : []), ...content], sub, ctx);
    if (sub.blocks.length > 0) {
      sub.blocks[0] = `${head}: ${sub.blocks[0]}`;
      o.blocks.push(...sub.blocks);
    } else para(o, head + '.');
    return;
  }
  if (n === 'figure') {
    // The image path is no text; the caption and legend are.
    convert(content, o, ctx);
    return;
  }
  if (n === 'csv-table') {
    const rows = content.filter((l) => !isBlank(l)).map((l) => l.split(',').map((c) => rstInline(c.trim().replace(/^"|"$/g, ''), ctx)).join(' | '));
    if (args.trim()) para(o, rstInline(args, ctx));
    if (rows.length) o.blocks.push(rows.join('\n'));
    return;
  }
  if (DESCRIPTION.test(n)) {
    // Signatures may continue on following lines (one per overload).
    if (args.trim()) o.blocks.push(rstInline(args.trim(), ctx));
    convert(content, o, ctx);
    return;
  }
  if (ADMONITIONS.has(n)) {
    // `.. note:: Text` — the text on the directive line starts the body.
    convert(args.trim() ? [args.trim(), ...content] : content, o, ctx);
    return;
  }
  // Titled admonitions, topics, containers, tabs, only, topic, rubric, glossary, list-table,
  // table and unknown directives: their title argument and their content are text.
  if (args.trim() && n !== 'only' && n !== 'ifconfig' && n !== 'tab-set' && n !== 'list-table') para(o, rstInline(args, ctx));
  convert(content, o, ctx);
}

/** Converts a run of lines (already dedented to column 0 for their block) into text blocks. */
function convert(lines: string[], o: Out, ctx: RstContext): void {
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const ind = indentOf(line);
    if (ind > 0) {
      // Block quote: its own indented block.
      const end = indentedEnd(lines, i, ind - 1);
      convert(dedent(lines.slice(i, end)), o, ctx);
      i = end;
      continue;
    }
    // Explicit markup: directives, comments, targets, substitution definitions, footnotes.
    if (EXPLICIT.test(line)) {
      const end = indentedEnd(lines, i + 1, 0);
      const body = lines.slice(i + 1, end);
      const rest = line.slice(2).trim();
      i = end;
      const sub = /^\|([^|]+)\|\s+([\w:-]+)::\s*(.*)$/.exec(rest);
      if (sub) {
        const kind = sub[2]!.toLowerCase();
        const text = [sub[3]!, ...body.map((l) => l.trim())].join(' ').trim();
        if (kind === 'replace') ctx.subs.set(sub[1]!.toLowerCase(), rstInline(text, ctx));
        else if (kind === 'unicode') {
          const chars = text.replace(/\s\.\.\s.*$/, '').split(/\s+/).map((c) => {
            const m = /^(?:0x|x|\\x|U\+|u|\\u)?([0-9a-f]+)$/i.exec(c);
            return m && /^(?:0x|x|\\x|U\+|u|\\u)/i.test(c) ? String.fromCodePoint(parseInt(m[1]!, 16)) : /^\d+$/.test(c) ? String.fromCodePoint(Number(c)) : c;
          });
          ctx.subs.set(sub[1]!.toLowerCase(), chars.join(''));
        } else ctx.subs.set(sub[1]!.toLowerCase(), '');
        continue;
      }
      const dir = /^([\w:+-]+)::(?:\s+(.*))?$/.exec(rest);
      if (dir) {
        // Arguments may continue on indented lines before the options/content.
        let args = dir[2] ?? '';
        let k = 0;
        const bodyD = dedent(body);
        while (k < bodyD.length && !isBlank(bodyD[k]!) && !FIELD.test(bodyD[k]!) && DESCRIPTION.test(dir[1]!.toLowerCase())) args += '\n' + bodyD[k++]!;
        if (DESCRIPTION.test(dir[1]!.toLowerCase())) {
          for (const sig of args.split('\n').filter((s) => s.trim())) o.blocks.push(rstInline(sig.trim(), ctx));
          directive('describe-body', '', bodyD.slice(k), o, ctx);
        } else directive(dir[1]!, args, body, o, ctx);
        continue;
      }
      const fn = /^\[([^\]]+)\]\s*(.*)$/.exec(rest);
      if (fn) {
        // Footnotes and citations: their text is content.
        const sub2: Out = { blocks: [] };
        convert([fn[2]!, ...dedent(body)], sub2, ctx);
        if (sub2.blocks.length > 0) sub2.blocks[0] = `[${fn[1]}] ${sub2.blocks[0]}`;
        o.blocks.push(...sub2.blocks);
        continue;
      }
      // `.. _label:` targets and comments: nothing.
      continue;
    }
    // Anonymous targets `__ url`.
    if (/^__ /.test(line)) {
      i = indentedEnd(lines, i + 1, 0);
      continue;
    }
    // Overlined title or transition.
    if (ADORNMENT.test(line)) {
      const next = lines[i + 1];
      const after = lines[i + 2];
      if (next !== undefined && !isBlank(next) && after !== undefined && ADORNMENT.test(after) && after.trim()[0] === line.trim()[0]) {
        para(o, rstInline(next.trim(), ctx));
        i += 3;
      } else i++;
      continue;
    }
    // Underlined title.
    const next = lines[i + 1];
    if (next !== undefined && ADORNMENT.test(next) && next.trim().length >= Math.min(line.trim().length, 3) && indentOf(next) === 0) {
      para(o, rstInline(line.trim(), ctx));
      i += 2;
      continue;
    }
    // Tables.
    if (/^\+[-=]+\+/.test(line)) {
      let j = i;
      while (j < lines.length && /^[+|]/.test(lines[j]!)) j++;
      o.blocks.push(gridTable(lines.slice(i, j), ctx));
      i = j;
      continue;
    }
    if (/^=+(?: +=+)+\s*$/.test(line)) {
      // Simple table: border, rows (a header border between), border followed by a blank line.
      let j = i + 1;
      while (j < lines.length) {
        const isBorder = /^=+(?: +=+)*\s*$/.test(lines[j]!);
        j++;
        if (isBorder && (j >= lines.length || isBlank(lines[j]!))) break;
      }
      const t = simpleTable(lines.slice(i, j), ctx);
      if (t) o.blocks.push(t);
      i = j;
      continue;
    }
    // Doctest blocks.
    if (line.startsWith('>>>')) {
      let j = i;
      while (j < lines.length && !isBlank(lines[j]!)) j++;
      o.blocks.push(lines.slice(i, j).join('\n'));
      i = j;
      continue;
    }
    // Line blocks.
    if (/^\|(?: |$)/.test(line)) {
      let j = i;
      const ls: string[] = [];
      while (j < lines.length && (/^\|(?: |$)/.test(lines[j]!) || (!isBlank(lines[j]!) && indentOf(lines[j]!) > 0))) ls.push(rstInline(lines[j++]!.replace(/^\|\s?/, '').trim(), ctx));
      o.blocks.push(ls.join('\n').trim());
      i = j;
      continue;
    }
    // Lists and field lists: the marker, then the item's body (first line and indented continuation).
    const bullet = BULLET.exec(line) ?? ENUM.exec(line);
    const field = bullet ? null : FIELD.exec(line);
    if (bullet || field) {
      const marker = bullet ? (BULLET.test(line) ? '- ' : bullet[1]! + ' ') : '';
      const first = bullet ? line.slice(bullet[0].length) : line.slice(field![0].length);
      const end = indentedEnd(lines, i + 1, 0);
      const sub: Out = { blocks: [] };
      convert([first, ...dedent(lines.slice(i + 1, end))], sub, ctx);
      const head = field ? rstInline(field[1]!, ctx) + ':' : marker.trimEnd();
      const firstBlock = sub.blocks[0];
      if (firstBlock === undefined) para(o, head);
      else {
        // "Author: Jane", "- item"; a multi-line first block (code, a table) goes under its label.
        o.blocks.push(firstBlock.includes('\n') && field ? `${head}\n${firstBlock}` : `${head} ${firstBlock}`);
        o.blocks.push(...sub.blocks.slice(1));
      }
      i = end;
      continue;
    }
    // Paragraph (or a definition list item: a term line directly followed by an indented definition).
    let j = i;
    const ls: string[] = [];
    while (j < lines.length && !isBlank(lines[j]!) && indentOf(lines[j]!) === 0) {
      if (j > i && (EXPLICIT.test(lines[j]!) || (ADORNMENT.test(lines[j]!) && j === i + 1))) break;
      ls.push(lines[j]!);
      j++;
    }
    if (j < lines.length && !isBlank(lines[j]!) && indentOf(lines[j]!) > 0) {
      // Definition list: the last paragraph line is the term (with its classifiers after " : ").
      const term = ls.pop()!;
      if (ls.length > 0) para(o, rstInline(ls.join(' '), ctx));
      para(o, rstInline(term.replace(/ : .*$/, ''), ctx));
      const end = indentedEnd(lines, j, 0);
      convert(dedent(lines.slice(j, end)), o, ctx);
      i = end;
      continue;
    }
    let text = ls.join('\n');
    let literal = false;
    if (/::\s*$/.test(text)) {
      literal = true;
      // "Example::" → "Example:"; "text ::" and a lone "::" → nothing.
      text = text.replace(/(\s*)::\s*$/, (_, sp: string) => (sp.length > 0 || /^\s*$/.test(text.replace(/::\s*$/, '')) ? '' : ':'));
    }
    para(o, rstInline(text.replace(/\s*\n\s*/g, ' '), ctx));
    i = j;
    if (literal) {
      // The literal block: the next indented block, verbatim.
      let k = i;
      while (k < lines.length && isBlank(lines[k]!)) k++;
      if (k < lines.length && indentOf(lines[k]!) > 0) {
        const end = indentedEnd(lines, k, 0);
        const code = dedent(lines.slice(k, end)).join('\n').replace(/\s+$/, '');
        if (code.trim()) o.blocks.push(code);
        i = end;
      }
    }
  }
}

/** Plain text of a reStructuredText document. */
export function extractRst(src: string): string {
  const lines = src.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').replace(/\t/g, '        ').split('\n').map((l) => l.replace(/\s+$/, ''));
  const ctx: RstContext = { subs: new Map() };
  // Substitution definitions may come after their use: collect them first.
  const pre: Out = { blocks: [] };
  convert(lines.filter((l, k) => /^\.\. \|[^|]+\|/.test(l) || (k > 0 && /^\.\. \|[^|]+\|/.test(lines[k - 1]!) && indentOf(l) > 0)), pre, ctx);
  const o: Out = { blocks: [] };
  convert(lines, o, ctx);
  return o.blocks.filter((b) => b.trim() !== '').join('\n\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The document title: the first section title. */
export function rstTitle(src: string): string {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const l = lines[i]!;
    if (isBlank(l) || ADORNMENT.test(l) || EXPLICIT.test(l) || indentOf(l) > 0) continue;
    const n = lines[i + 1]!;
    if (ADORNMENT.test(n) && n.trim().length >= Math.min(l.trim().length, 3)) return rstInline(l.trim());
  }
  return '';
}
