/**
 * HTML main-text extraction: parse into a light tree, find the main-content element(s) by text and
 * link density plus tag/class semantics, serialise them with furniture pruned.
 */
import { buildTree, type HNode } from './htmlTree.js';
import { computeStats } from './treeStats.js';
import { findContentRoot } from './contentRoot.js';
import { nodesToText } from './treeToText.js';
import type { Deadline } from './deadline.js';

export interface ExtractHtmlOptions {
  /** Page URL (reserved for URL-aware rules; the extractor itself uses none). */
  url?: string;
  /** Work budget (deadline.ts); DeadlineError is thrown when it is spent. */
  deadline?: Deadline;
}

/** Below this many visible characters the chosen content is distrusted and the pruned body is tried. */
const MIN_CONTENT = 250;

function findFirst(n: HNode, tag: string): HNode | undefined {
  const stack: HNode[] = [n];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.tag === tag) return x;
    for (let i = x.children.length - 1; i >= 0; i--) {
      const c = x.children[i];
      if (typeof c !== 'string') stack.push(c);
    }
  }
  return undefined;
}

function visibleLen(s: string): number {
  return s.replace(/\s+/g, '').length;
}

/** Main text and title of an HTML page. Throws DeadlineError only when `opts.deadline`'s budget is spent. */
export function extractHtml(html: string, opts: ExtractHtmlOptions = {}): { title: string; text: string } {
  const deadline = opts.deadline;
  const tree = buildTree(html, deadline);
  computeStats(tree.root, false, deadline);
  const body = findFirst(tree.root, 'body') ?? tree.root;
  const choice = findContentRoot(body, deadline);
  let text = '';
  if (choice) {
    const rootPlain = choice.nodes.reduce((s, n) => s + n.len - n.linkLen, 0);
    const rootGood = choice.nodes.reduce((s, n) => s + n.good, 0);
    text = nodesToText(choice.nodes, { rootPlain, rootGood, prune: true, deadline });
  }
  if (visibleLen(text) < MIN_CONTENT) {
    const whole = nodesToText([body], { rootPlain: body.len - body.linkLen, rootGood: body.good, prune: true, deadline });
    if (visibleLen(whole) > visibleLen(text)) text = whole;
  }
  let title = tree.metaTitle || tree.title;
  if (!title) {
    const h1 = findFirst(body, 'h1');
    if (h1) title = nodesToText([h1], { rootPlain: 0, rootGood: 0, prune: false }).replace(/\s+/g, ' ');
  }
  return { title, text };
}
