/**
 * A light DOM built straight from htmlparser2's streaming callbacks.
 *
 * Measured on this machine (DEPENDENCIES.md, and bench/extractBench.ts): cheerio's default parse5
 * loader parses ~6.7 MB/s, `cheerio/slim` ~16.5 MB/s, a bare htmlparser2 handler ~41 MB/s. The
 * extractor needs only tag names, a few attributes and text, so it builds its own minimal nodes
 * from the handler, and drops at parse time what can never be main text (scripts, styles, forms
 * controls, svg, hidden elements), which keeps the tree small.
 *
 * Robustness: nesting deeper than MAX_DEPTH is flattened into the deepest kept element (100k nested
 * divs parse in linear time and every later walk can recurse safely); input is fed in slices so the
 * time budget is checked while parsing.
 */
import { Parser } from 'htmlparser2';
import { PARSE_CHARS_PER_STEP, checkDeadline, type Deadline } from './deadline.js';
import { capNesting } from './nestingGuard.js';

export interface HNode {
  tag: string;
  /** Lower-cased `class` and `id` joined by a space: what the boilerplate patterns look at. */
  cls: string;
  /** Lower-cased `id` alone (also inside `cls`): documentation generators derive it from the heading. */
  id: string;
  role: string;
  itemprop: string;
  /** A few attributes kept for special elements (math annotation encoding, script mode, th/td...). */
  attr: string;
  children: Array<HNode | string>;
  parent: HNode | null;
  /** Non-whitespace characters of text in the subtree (filled by computeStats). */
  len: number;
  /** Of which inside links. */
  linkLen: number;
  /** Commas and sentence ends in the subtree's text: a cheap "is this prose" signal. */
  punct: number;
  /** Content score (filled by the content-root scorer). */
  score: number;
  /** Text of prose paragraphs (long, few links) in the subtree (filled by the content-root scorer). */
  good: number;
}

export interface HtmlTree {
  root: HNode;
  /** `<title>` text. */
  title: string;
  /** `og:title` / `twitter:title` meta value. */
  metaTitle: string;
  /** Number of elements created (for stats and sanity). */
  elements: number;
}

/** Nesting beyond this is flattened. Real pages stay under ~60. */
export const MAX_DEPTH = 300;
/** Nesting the parser is allowed to see (its stack work per tag grows with depth). */
const PARSER_DEPTH_CAP = 1000;
/** Characters parsed between two deadline checks. */
const SLICE = 65_536;

/** Elements whose whole subtree never holds main text. */
const DROP_SUBTREE = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'canvas', 'select',
  'option', 'button', 'textarea', 'map', 'audio', 'video', 'applet', 'frameset', 'frame', 'title',
  'dialog', 'datalist', 'menu',
]);
/** Void or content-free elements that add nothing to the tree. */
const SKIP_ELEMENT = new Set(['input', 'link', 'meta', 'base', 'source', 'track', 'param', 'col', 'colgroup', 'area', 'wbr', 'img', 'picture']);

const HIDDEN_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

function newNode(tag: string, parent: HNode | null): HNode {
  return { tag, cls: '', id: '', role: '', itemprop: '', attr: '', children: [], parent, len: 0, linkLen: 0, punct: 0, score: 0, good: 0 };
}

/** Parses HTML into the light tree. Throws DeadlineError when the work budget is spent (ExtractionHang past the hang guard). */
export function buildTree(html: string, deadline?: Deadline): HtmlTree {
  const root = newNode('#root', null);
  let cur = root;
  let depth = 0;
  /** One entry per open element outside dropped subtrees: whether it created a node (false when skipped or flattened). */
  const open: boolean[] = [];
  /** > 0 while inside a dropped subtree: counts nested opens. */
  let skip = 0;
  let inTitle = false;
  let title = '';
  let metaTitle = '';
  let elements = 0;
  /** Text of a `<script type="math/tex">` being read, or null. */
  let texScript: HNode | null = null;

  // Attributes arrive one by one (onattribute) and only the few the signals use are kept: this
  // avoids htmlparser2 building an attribute object per element (measurably faster). The open tag
  // is processed at the next event, when its attributes are complete.
  let pending: string | null = null;
  let aClass = '';
  let aId = '';
  let aRole = '';
  let aItemprop = '';
  let aItemtype = '';
  let aStyle = '';
  let aHidden = false;
  let aType = '';
  let aEncoding = '';
  let aDisplay = '';
  let aAlttext = '';
  let aProperty = '';
  let aContent = '';

  const openPending = (): void => {
    const name = pending!;
    pending = null;
    if (skip > 0) {
      skip++;
      return;
    }
    if (name === 'title') inTitle = !title;
    if (name === 'meta') {
      if (!metaTitle && (aProperty === 'og:title' || aProperty === 'twitter:title') && aContent) metaTitle = aContent.trim();
    }
    if (name === 'script') {
      const type = aType.toLowerCase();
      if (type.startsWith('math/tex')) {
        const n = newNode('x-tex', cur);
        n.attr = type.includes('mode=display') ? 'display' : '';
        cur.children.push(n);
        texScript = n;
      }
      skip = 1;
      return;
    }
    // Hidden tab panels (`role="tabpanel"`: the zsh/fish/bash variants of one example) are content a click away.
    if (DROP_SUBTREE.has(name) || (aHidden && aRole !== 'tabpanel') || (aStyle !== '' && HIDDEN_STYLE.test(aStyle))) {
      skip = 1;
      return;
    }
    if (SKIP_ELEMENT.has(name) || depth >= MAX_DEPTH) {
      open.push(false);
      return;
    }
    open.push(true);
    const n = newNode(name, cur);
    if (aClass || aId) n.cls = (aClass + ' ' + aId).toLowerCase();
    if (aId) n.id = aId.toLowerCase();
    if (aRole) n.role = aRole.toLowerCase();
    if (aItemprop) n.itemprop = aItemprop.toLowerCase();
    else if (aItemtype && /(Article|BlogPosting|NewsArticle)$/.test(aItemtype)) n.itemprop = 'article';
    if (name === 'annotation') n.attr = aEncoding.toLowerCase();
    else if (name === 'math') n.attr = aDisplay + '|' + aAlttext;
    cur.children.push(n);
    cur = n;
    depth++;
    elements++;
  };

  const parser = new Parser(
    {
      onopentagname(name) {
        if (pending !== null) openPending();
        pending = name;
        aClass = aId = aRole = aItemprop = aItemtype = aStyle = aType = aEncoding = aDisplay = aAlttext = aProperty = aContent = '';
        aHidden = false;
      },
      onattribute(name, value) {
        switch (name) {
          case 'class': aClass = value; break;
          case 'id': aId = value; break;
          case 'role': aRole = value; break;
          case 'itemprop': aItemprop = value; break;
          case 'itemtype': aItemtype = value; break;
          case 'style': aStyle = value; break;
          case 'hidden': aHidden = true; break;
          case 'aria-hidden': if (value === 'true') aHidden = true; break;
          case 'type': aType = value; break;
          case 'encoding': aEncoding = value; break;
          case 'display': aDisplay = value; break;
          case 'alttext': aAlttext = value; break;
          case 'property': case 'name': if (!aProperty) aProperty = value; break;
          case 'content': aContent = value; break;
        }
      },
      ontext(text) {
        if (pending !== null) openPending();
        if (skip > 0) {
          if (texScript) texScript.children.push(text);
          else if (inTitle) title += text;
          return;
        }
        const ch = cur.children;
        const last = ch.length > 0 ? ch[ch.length - 1] : undefined;
        if (typeof last === 'string') ch[ch.length - 1] = last + text;
        else ch.push(text);
      },
      onclosetag() {
        if (pending !== null) openPending();
        if (skip > 0) {
          skip--;
          if (skip === 0) {
            texScript = null;
            inTitle = false;
          }
          return;
        }
        if (open.pop() === true && cur.parent) {
          cur = cur.parent;
          depth--;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  // Bound htmlparser2's O(depth)-per-tag stack work; MAX_DEPTH flattening below is the second line.
  html = capNesting(html, PARSER_DEPTH_CAP);
  for (let i = 0; i < html.length; i += SLICE) {
    const slice = html.length <= SLICE ? html : html.slice(i, i + SLICE);
    parser.write(slice);
    if (deadline) checkDeadline(deadline, 'parsing', Math.ceil(slice.length / PARSE_CHARS_PER_STEP));
  }
  parser.end();
  if (pending !== null) openPending();
  return { root, title: title.replace(/\s+/g, ' ').trim(), metaTitle, elements };
}
