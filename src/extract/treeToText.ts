/**
 * Serialises chosen elements of the light tree to plain text with structure kept: paragraphs and
 * headings separated by a blank line, list items and table rows on their own lines (cells joined
 * by " | "), `<pre>` blocks verbatim, math as LaTeX ($…$ inline, $$…$$ display). Furniture inside
 * the chosen elements (furniture tags, furniture class/id, link-dense blocks) is pruned on the way.
 */
import type { HNode } from './htmlTree.js';
import { FURNITURE_TAGS, looksLikeBoilerplate } from './boilerplateSignals.js';
import { mathmlToLatex } from './mathmlToLatex.js';
import { tickDeadline, type Deadline } from './deadline.js';

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
  'caption', 'legend', 'td', 'th', 'noframes', 'listing', 'xmp', 'plaintext', 'blockquote',
]);
/** Blocks that end as one line (joined to neighbouring lines by a single newline). */
const LINE_BLOCKS = new Set(['li', 'dt', 'dd', 'tr']);
/** Containers judged by link density. */
const LINK_JUDGED = new Set(['ul', 'ol', 'dl', 'div', 'section', 'table', 'p', 'li', 'span', 'td', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'center', 'font', 'dd', 'header', 'figure']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const RENDERED_MATH = /(?:^|\s)(?:mathjax|mathjax_preview|mathjax_display|mathjax_svg|mathjax_chtml|mathjax_svg_display|mjx-chtml)(?:\s|$)/;

function findTag(n: HNode, tag: string): HNode | undefined {
  for (const c of n.children) {
    if (typeof c === 'string') continue;
    if (c.tag === tag) return c;
    const f = findTag(c, tag);
    if (f) return f;
  }
  return undefined;
}

const CAPTION = /caption|image-?description|img-metadata|(?:^|[\s_-])(?:credits?|photo-?credit|bildunterschrift|bildnachweis|legende?)(?:$|[\s_-])/;

/** "Figure 3:", "Fig. 2.", "Table 1", "Listing 4": captions of documentation and papers, which explain content. */
const NUMBERED_CAPTION = /^\s*(?:fig(?:ure)?|table|tab|listing|chart|diagram|plate|abbildung|abb|tabelle|exhibit)\.?\s*[\dIVXivx]+(?:\.\d+)*[.:)\s]/i;

/** "(Foto: A. Conzett)", "Photo: …", "© …": the caption of a photograph, not of a diagram. */
const PHOTO_CREDIT = /(?:\b(?:foto|photo|photograph|bild|credit|picture)s?\s*:)|©/i;

/**
 * News photo captions and credits are furniture (and the article benchmark counts them so); numbered
 * figure and table captions (Sphinx `caption-number`, papers) are content.
 */
function isNumberedCaption(n: HNode): boolean {
  if (n.len === 0 || n.len > 1000) return false;
  const parts: string[] = [];
  textContent(n, parts);
  const t = parts.join('');
  return NUMBERED_CAPTION.test(t) && !PHOTO_CREDIT.test(t);
}

interface Block {
  text: string;
  line: boolean;
  /** Code, math, list items and table rows are never trimmed as trailing labels. */
  keep: boolean;
}

export interface PruneContext {
  /** Text length of the chosen content: elements holding most of it are never pruned by class. */
  rootPlain: number;
  /** Prose-paragraph text of the chosen content: elements holding half of it are never pruned by name. */
  rootGood: number;
  deadline?: Deadline;
  /** Whether to apply the furniture rules (false when serialising the whole page as a fallback baseline). */
  prune: boolean;
  /**
   * Set while walking inside a kept link (everything there is link text by construction) or a kept
   * definition (`<dd>`: an API item's parameters, whose type annotations are links): link density says nothing there.
   */
  inLink?: boolean;
  /** Set while walking inside code, a definition term and the like: nothing there is furniture but permalinks and gutters. */
  inTerm?: boolean;
}

function hasHeading(n: HNode): boolean {
  for (const c of n.children) {
    if (typeof c === 'string') continue;
    if (c.tag === 'h1' || c.tag === 'h2' || hasHeading(c)) return true;
  }
  return false;
}

const PERMALINK_CLASS = /(?:^|[\s_-])(?:headerlink|permalink|anchorjs-link|heading-anchor|anchor-link|header-anchor|viewcode-link)(?:$|[\s_-])/;
/** Chrome around code on any element: Sphinx's `[source]` links, copy buttons, line-number gutters. */
const CODE_CHROME = /(?:^|\s)(?:viewcode-link|copybtn|copy-button|linenos|lineno|linenodiv|line-numbers?|line-numbers-rows|gutter|hljs-ln-numbers|ln-num|lnt)(?:$|\s)/;
/** Line-number gutters of highlighted code: numbers, not code. */
const GUTTER = /(?:^|\s)(?:linenos|lineno|linenodiv|line-numbers?|line-numbers-rows|gutter|hljs-ln-numbers|ln-num|lnt)(?:$|\s)/;
const PERMALINK_TEXT = new Set(['¶', '§', '#', '🔗', '⚓', '¶¶']);

/** Heading permalinks ("Errors and Exceptions¶"): a link whose class says so, or whose whole text is a pilcrow-like mark. */
function isPermalink(n: HNode): boolean {
  if (PERMALINK_CLASS.test(n.cls)) return true;
  if (n.len > 2) return false;
  const text = n.children.map((c) => (typeof c === 'string' ? c : '')).join('').trim();
  return PERMALINK_TEXT.has(text);
}

/**
 * Inline semantic elements and definition terms: identifiers, keys, signatures, glossary terms. Their
 * class words (`py-meth`, `std-ref`, an id like `requests.cookies`) never name furniture, and inside a
 * kept block they are content whatever their link density.
 */
const NEVER_PRUNED_INLINE = new Set(['code', 'kbd', 'var', 'samp', 'abbr', 'acronym', 'dfn', 'tt', 'dt', 'cite', 'q', 'sub', 'sup', 'mark']);

function alnum(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A section whose id is the slug of its own heading (`<section id="cookies"><h2>Cookies</h2>`, what
 * Sphinx, MkDocs and rustdoc emit): the id names the topic, not furniture, so only the class is judged.
 */
function idIsHeadingSlug(n: HNode): boolean {
  if (!n.id) return false;
  for (const c of n.children) {
    if (typeof c === 'string') {
      if (c.trim()) return false;
      continue;
    }
    if (c.len === 0 && !HEADINGS.has(c.tag)) continue; // empty anchors (`<span id="api-cookies"></span>`)
    if (!HEADINGS.has(c.tag)) return false;
    const parts: string[] = [];
    textContent(c, parts);
    const id = alnum(n.id);
    return id !== '' && alnum(parts.join('')) === id;
  }
  return false;
}

function looksLikeBoilerplateByName(n: HNode): boolean {
  if (!looksLikeBoilerplate(n)) return false;
  if (!idIsHeadingSlug(n)) return true;
  const cls = n.cls.slice(0, n.cls.length - n.id.length).trim();
  return looksLikeBoilerplate({ ...n, cls });
}

/** Whether an element inside the chosen content is furniture to skip. */
export function isPruned(n: HNode, ctx: PruneContext): boolean {
  if (!ctx.prune) return false;
  // Elements holding most of the chosen content's own (non-link) text are the content, whatever their names.
  const big = (n.len > 0 && n.len - n.linkLen >= ctx.rootPlain * 0.6) || (ctx.rootGood > 0 && n.good >= ctx.rootGood * 0.5);
  if (FURNITURE_TAGS.has(n.tag)) return !(big && n.tag === 'form');
  if (n.tag === 'a' && isPermalink(n)) return true;
  if (n.cls !== '' && CODE_CHROME.test(n.cls)) return true;
  if (NEVER_PRUNED_INLINE.has(n.tag) || ctx.inTerm) return false;
  if (n.tag === 'header') return !hasHeading(n);
  if ((n.tag === 'figcaption' || CAPTION.test(n.cls))) return !isNumberedCaption(n);
  if (!big && looksLikeBoilerplateByName(n)) return true;
  if (n.len > 0 && LINK_JUDGED.has(n.tag) && !big && !ctx.inLink) {
    const ld = n.linkLen / n.len;
    if (ld > 0.5) return true;
    if ((n.tag === 'ul' || n.tag === 'ol') && ld > 0.35 && n.punct < 3) return true;
  }
  return false;
}

function textContent(n: HNode | string, out: string[]): void {
  if (typeof n === 'string') {
    out.push(n);
    return;
  }
  if (n.tag === 'br') out.push('\n');
  if (n.cls !== '' && GUTTER.test(n.cls)) return;
  for (const c of n.children) textContent(c, out);
  if (BLOCK.has(n.tag) && n.tag !== 'pre') out.push('\n');
}

class TextSink {
  readonly blocks: Block[] = [];
  /** Inline text of the current block, as parts (string concatenation plus trimming would be quadratic). */
  private parts: string[] = [];
  private last = '';

  private push(s: string): void {
    if (!s) return;
    this.parts.push(s);
    this.last = s;
  }

  private atBoundary(): boolean {
    return this.parts.length === 0 || this.last.endsWith(' ') || this.last.endsWith('\n');
  }

  text(s: string): void {
    const collapsed = s.replace(/\s+/g, ' ');
    if (collapsed === ' ') {
      if (!this.atBoundary()) this.push(' ');
      return;
    }
    this.push(collapsed.startsWith(' ') && this.atBoundary() ? collapsed.slice(1) : collapsed);
  }

  raw(s: string): void {
    this.push(s);
  }

  lineBreak(): void {
    const n = this.parts.length;
    if (n > 0 && this.last.endsWith(' ')) {
      this.parts[n - 1] = this.last.trimEnd();
    }
    this.push('\n');
  }

  flush(line = false, keep = line): void {
    if (this.parts.length === 0) return;
    // Two or more <br> in a row separate paragraphs.
    const t = this.parts.join('').replace(/ *\n */g, '\n').replace(/\n{2,}/g, '\n\n').trim();
    this.parts = [];
    this.last = '';
    if (!t) return;
    if (t.includes('\n\n') && !line) {
      for (const part of t.split('\n\n')) if (part.trim()) this.blocks.push({ text: part.trim(), line: false, keep });
    } else this.blocks.push({ text: t, line, keep });
  }

  verbatim(t: string): void {
    this.flush();
    const v = t.replace(/^\n+|\s+$/g, '');
    if (v.trim()) this.blocks.push({ text: v, line: false, keep: true });
  }

  result(trimTail = false): string {
    this.flush();
    if (trimTail) {
      // Short unpunctuated blocks at the very end are labels of pruned furniture ("Tags", "Share:").
      let k = 0;
      while (k < 3 && this.blocks.length > 1) {
        const last = this.blocks[this.blocks.length - 1];
        if (last.keep || last.text.length > 40 || SENTENCE_END.test(last.text)) break;
        this.blocks.pop();
        k++;
      }
    }
    let out = '';
    for (let i = 0; i < this.blocks.length; i++) {
      const b = this.blocks[i];
      if (i > 0) out += b.line && this.blocks[i - 1].line ? '\n' : '\n\n';
      out += b.text;
    }
    return out;
  }
}

function cellText(n: HNode, ctx: PruneContext): string {
  const sink = new TextSink();
  walk(n, sink, ctx);
  return sink.blocks.length === 0 ? sink.result() : sink.result().replace(/\s*\n+\s*/g, ' ');
}

function walkRow(tr: HNode, sink: TextSink, ctx: PruneContext): void {
  const kept: HNode[] = [];
  for (const c of tr.children) {
    if (typeof c === 'string' || (c.tag !== 'td' && c.tag !== 'th')) continue;
    if (isPruned(c, ctx)) continue;
    kept.push(c);
  }
  if (kept.length === 1 && kept[0]!.len > 0) {
    // A one-cell row (highlighted code beside its pruned line-number gutter, a layout table): its blocks, unflattened.
    sink.flush();
    walk(kept[0]!, sink, ctx);
    sink.flush(true);
    return;
  }
  const cells = kept.map((c) => cellText(c, ctx).trim());
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  if (cells.some((c) => c !== '')) {
    sink.flush();
    sink.raw(cells.join(' | '));
    sink.flush(true);
  }
}

const SENTENCE_END = /[.!?。！？"”»)]\s*$/;

/**
 * A heading whose section (the siblings up to the next heading) is all furniture labels that
 * furniture ("Related articles", "Share this"): drop it with its section.
 */
function labelsPrunedSection(c: HNode, children: Array<HNode | string>, i: number, ctx: PruneContext): boolean {
  if (!ctx.prune || !HEADINGS.has(c.tag) || c.len === 0 || c.len > 80) return false;
  let sawPruned = false;
  for (let j = i + 1; j < children.length; j++) {
    const s = children[j];
    if (typeof s === 'string') {
      if (s.trim()) return false;
      continue;
    }
    if (HEADINGS.has(s.tag)) break;
    if (s.len === 0) continue;
    if (!isPruned(s, ctx)) return false;
    sawPruned = true;
  }
  return sawPruned;
}

function walk(n: HNode, sink: TextSink, ctx: PruneContext): void {
  tickDeadline(ctx.deadline, 'serialising text');
  const children = n.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (typeof c === 'string') {
      sink.text(c);
      continue;
    }
    const tag = c.tag;
    if (tag === 'br') {
      sink.lineBreak();
      continue;
    }
    if (isPruned(c, ctx)) continue;
    if (labelsPrunedSection(c, children, i, ctx)) continue;
    if (tag === 'pre' || tag === 'xmp' || tag === 'listing' || tag === 'plaintext') {
      const parts: string[] = [];
      textContent(c, parts);
      sink.verbatim(parts.join(''));
      continue;
    }
    if (tag === 'mjx-container' || RENDERED_MATH.test(c.cls)) {
      // Rendered MathJax glyphs; the TeX source is the sibling <script type="math/tex"> (v2) or the
      // assistive MathML inside (v3).
      const math = findTag(c, 'math');
      if (math) walk({ ...c, tag: '#wrap', children: [math] }, sink, ctx);
      continue;
    }
    if (tag === 'math') {
      const tex = mathmlToLatex(c);
      if (tex) {
        if (c.attr.startsWith('block')) {
          sink.flush();
          sink.raw(`$$${tex}$$`);
          sink.flush(false, true);
        } else sink.text(` $${tex}$ `);
      }
      continue;
    }
    if (tag === 'x-tex') {
      const tex = c.children.join('').trim();
      if (tex) {
        if (c.attr === 'display') {
          sink.flush();
          sink.raw(`$$${tex}$$`);
          sink.flush(false, true);
        } else sink.text(` $${tex}$ `);
      }
      continue;
    }
    if (tag === 'tr') {
      walkRow(c, sink, ctx);
      continue;
    }
    if (tag === 'hr') {
      sink.flush();
      continue;
    }
    if ((NEVER_PRUNED_INLINE.has(tag) || tag === 'figcaption' || CAPTION.test(c.cls)) && !ctx.inTerm && ctx.prune) {
      // API signatures (`<dt><span class="n"><a>str</a></span>…`) and kept captions keep every part.
      ctx.inTerm = true;
      if (BLOCK.has(tag)) {
        sink.flush();
        walk(c, sink, ctx);
        sink.flush(LINE_BLOCKS.has(tag));
      } else walk(c, sink, ctx);
      ctx.inTerm = false;
      continue;
    }
    if ((tag === 'a' || tag === 'dd') && !ctx.inLink) {
      // Cross-references (`<a><code><span>len()</span></code></a>`) are content once the link is kept.
      ctx.inLink = true;
      if (tag === 'dd') {
        sink.flush();
        walk(c, sink, ctx);
        sink.flush(true);
      } else walk(c, sink, ctx);
      ctx.inLink = false;
      continue;
    }
    if (BLOCK.has(tag)) {
      sink.flush();
      walk(c, sink, ctx);
      sink.flush(LINE_BLOCKS.has(tag));
      continue;
    }
    walk(c, sink, ctx);
  }
}

/** Text of the given elements, in order, pruning furniture. */
export function nodesToText(nodes: HNode[], ctx: PruneContext): string {
  const sink = new TextSink();
  for (const n of nodes) {
    if (n.tag === 'pre' || n.tag === 'tr' || HEADINGS.has(n.tag) || n.tag === 'p') {
      // Serialise the element itself, not only its children, so its own block rules apply.
      const wrapper: HNode = { ...n, tag: '#wrap', children: [n] };
      walk(wrapper, sink, ctx);
    } else {
      sink.flush();
      walk(n, sink, ctx);
      sink.flush();
    }
  }
  return sink.result(ctx.prune);
}
