/**
 * Finds the element that holds the main content (a Readability-style scorer).
 *
 * Every paragraph-like unit with enough non-link text gives points (1 + punctuation + length) to its
 * container and, decaying, to the ancestors above; containers start from a tag prior and a class/id
 * weight (article-body words up, furniture words down, schema.org articleBody up) and end multiplied
 * by (1 - link density). The best container wins; siblings that score close to it (an article split
 * into several blocks) are returned with it, in document order.
 */
import type { HNode } from './htmlTree.js';
import { FURNITURE_TAGS, classWeight, looksLikeBoilerplate, neverContent } from './boilerplateSignals.js';
import { linkDensity, ownTextLen } from './treeStats.js';
import { tickDeadline, type Deadline } from './deadline.js';

const UNIT_TAGS = new Set(['p', 'pre', 'td', 'dd', 'blockquote']);
/** Inline tags: a container whose text is in these is still a text container. */
const INLINE = new Set(['a', 'b', 'strong', 'i', 'em', 'u', 'span', 'font', 'small', 'big', 'sup', 'sub', 'abbr', 'cite', 'q', 'mark', 'time', 'code', 'kbd', 'tt', 's', 'del', 'ins', 'br']);
/** Minimum non-link characters for a unit to count. */
const MIN_UNIT = 25;
/** Minimum non-link characters for a unit to count as prose ("good" text). */
const GOOD_UNIT = 80;

function tagPrior(tag: string): number {
  switch (tag) {
    case 'div': case 'article': case 'main': case 'section':
      return tag === 'article' || tag === 'main' ? 10 : 5;
    case 'pre': case 'td': case 'blockquote':
      return 3;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form':
      return -3;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th':
      return -5;
    default:
      return 0;
  }
}

/** Non-link text of the direct children that are text or inline elements. */
function inlineTextLen(n: HNode): number {
  let len = ownTextLen(n);
  for (const c of n.children) {
    if (typeof c !== 'string' && INLINE.has(c.tag)) len += c.len - c.linkLen;
  }
  return len;
}

function contains(ancestor: HNode, n: HNode): boolean {
  for (let x: HNode | null = n; x; x = x.parent) if (x === ancestor) return true;
  return false;
}

/** Elements that contain an <h1> (the page title usually sits inside the article's wrappers). */
function titleAncestors(body: HNode): Set<HNode> {
  const out = new Set<HNode>();
  const stack: HNode[] = [body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.tag === 'h1') for (let a = n.parent; a && !out.has(a); a = a.parent) out.add(a);
    for (const c of n.children) if (typeof c !== 'string') stack.push(c);
  }
  return out;
}

export interface ContentChoice {
  /** The chosen elements in document order (one, or the top element plus qualifying siblings). */
  nodes: HNode[];
  top: HNode;
}

/** Scores containers and returns the main-content element(s), or undefined when nothing scores. */
export function findContentRoot(body: HNode, deadline?: Deadline): ContentChoice | undefined {
  const candidates: HNode[] = [];
  const seen = new Set<HNode>();
  const credit = (n: HNode, points: number): void => {
    if (!seen.has(n)) {
      seen.add(n);
      n.score = tagPrior(n.tag) + classWeight(n);
      candidates.push(n);
    }
    n.score += points;
  };

  const titled = titleAncestors(body);
  const stack: HNode[] = [body];
  const bodyPlain = body.len - body.linkLen;
  while (stack.length > 0) {
    const n = stack.pop()!;
    tickDeadline(deadline, 'scoring content');
    // Furniture never holds the article (unless it wraps most of the page, like ASP.NET's <form>).
    if (n !== body && n.len - n.linkLen < bodyPlain * 0.5 && FURNITURE_TAGS.has(n.tag)) continue;
    // Comment sections, sidebars, related boxes: never the article, unless they wrap the page title
    // (`content-sidebar-wrap`, `has-sidebar`); without a title, unless they hold half the page.
    if (n !== body && neverContent(n) && (titled.size > 0 ? !titled.has(n) : n.len - n.linkLen < bodyPlain * 0.5)) continue;
    let unitLen = 0;
    let start: HNode | null = null;
    if (UNIT_TAGS.has(n.tag)) {
      unitLen = n.len - n.linkLen;
      start = n.parent;
    } else if (!INLINE.has(n.tag) && n.tag !== 'li' && !/^h[1-6]$/.test(n.tag)) {
      // Text written straight into a div (old pages, <br>-separated paragraphs) counts for the div itself.
      unitLen = inlineTextLen(n);
      start = n;
    }
    if (start && unitLen >= GOOD_UNIT && linkDensity(n) < 0.25) {
      for (let a: HNode | null = n; a; a = a.parent) a.good += unitLen;
    }
    if (start && unitLen >= MIN_UNIT) {
      const points = 1 + Math.min(n.punct, 30) + Math.min(Math.floor(unitLen / 100), 3);
      let level = 0;
      for (let a: HNode | null = start; a && level < 5; a = a.parent, level++) {
        if (a.tag === '#root') break;
        credit(a, level === 0 ? points : level === 1 ? points / 2 : points / (level * 3));
      }
    }
    if (!UNIT_TAGS.has(n.tag) || n.tag === 'td' || n.tag === 'blockquote') {
      for (let i = n.children.length - 1; i >= 0; i--) {
        const c = n.children[i];
        if (typeof c !== 'string') stack.push(c);
      }
    }
  }
  if (candidates.length === 0) return undefined;

  let top: HNode | undefined;
  for (const c of candidates) {
    c.score *= 1 - linkDensity(c);
    // Class words alone must not crown a snippet: small containers are discounted.
    const plain = c.len - c.linkLen;
    if (plain < 300) c.score *= 0.4 + (0.6 * plain) / 300;
    if (c.tag === 'body' || c.tag === 'html') c.score *= 0.5;
    if (!top || c.score > top.score) top = c;
  }
  if (!top || top.score <= 0) return undefined;

  // Several strong candidates under one ancestor: the article is split, take the ancestor.
  const alternatives = candidates
    .filter((c) => c !== top && c.score >= top!.score * 0.75)
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
  if (alternatives.length >= 2) {
    for (let p = top.parent; p && p.tag !== 'body' && p.tag !== '#root' && p.tag !== 'html'; p = p.parent) {
      let inside = 0;
      for (const alt of alternatives) if (contains(p, alt)) inside++;
      if (inside >= 2) {
        top = p;
        break;
      }
    }
  }
  // A parent that scores higher than the child is the better container.
  {
    let last = top.score;
    const floor = top.score / 3;
    for (let p = top.parent; p && p.tag !== 'body' && p.tag !== '#root' && p.tag !== 'html'; p = p.parent) {
      if (!seen.has(p)) continue;
      if (p.score < floor) break;
      if (p.score > last) {
        top = p;
        break;
      }
      last = p.score;
    }
  }

  // Climb while the parent adds little text of its own beyond the top element (wrappers, article
  // headers with the title): the parent then holds the same article plus its heading.
  for (let p = top.parent; p && p.tag !== 'body' && p.tag !== '#root' && p.tag !== 'html'; p = p.parent) {
    if (looksLikeBoilerplate(p)) break;
    const extraPlain = p.len - p.linkLen - (top.len - top.linkLen);
    const extraGood = p.good - top.good;
    const littleMore = p.len - top.len <= Math.max(200, top.len * 0.15) && linkDensity(p) <= 0.3;
    // The parent's extra text is mostly prose paragraphs: more of the same article.
    const moreProse = extraGood >= 150 && extraGood >= extraPlain * 0.9;
    if (!littleMore && !moreProse) break;
    top = p;
  }

  // Siblings that look like more of the same article.
  const parent = top.parent;
  if (!parent) return { nodes: [top], top };
  const threshold = Math.max(10, top.score * 0.2);
  const nodes: HNode[] = [];
  for (const s of parent.children) {
    if (typeof s === 'string') continue;
    if (s === top) {
      nodes.push(s);
      continue;
    }
    if (looksLikeBoilerplate(s)) continue;
    const ld = linkDensity(s);
    if (seen.has(s) && s.score >= threshold) nodes.push(s);
    else if (s.tag === 'p' || UNIT_TAGS.has(s.tag)) {
      const len = s.len;
      if ((len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld === 0 && s.punct > 0)) nodes.push(s);
    }
  }
  return { nodes, top };
}
