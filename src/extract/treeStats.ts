/**
 * Bottom-up text statistics on the light tree: visible characters, characters inside links,
 * punctuation. Link density (linkLen / len) and text length are the main boilerplate signals.
 */
import type { HNode } from './htmlTree.js';
import { tickDeadline, type Deadline } from './deadline.js';

let textLen = 0;
let textPunct = 0;

/** Counts non-whitespace characters and punctuation of one text run into textLen/textPunct. */
function countText(s: string): void {
  let len = 0;
  let punct = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 0xa0) continue;
    len++;
    // , . ! ? ; and their CJK forms
    if (c === 44 || c === 46 || c === 33 || c === 63 || c === 59 || c === 0x3001 || c === 0x3002 || c === 0xff0c || c === 0x060c) punct++;
  }
  textLen = len;
  textPunct = punct;
}

/** Fills len, linkLen and punct of every node (recursion is bounded by MAX_DEPTH). */
export function computeStats(n: HNode, inLink: boolean, deadline?: Deadline): void {
  tickDeadline(deadline, 'measuring text');
  let len = 0;
  let link = 0;
  let punct = 0;
  for (const c of n.children) {
    if (typeof c === 'string') {
      countText(c);
      len += textLen;
      punct += textPunct;
      if (inLink) link += textLen;
    } else {
      // Linked identifiers (`<a><code>len()</code></a>`, every cross-reference of generated docs) are
      // content, not navigation: code inside a link does not count as link text.
      computeStats(c, c.tag === 'code' ? false : inLink || c.tag === 'a', deadline);
      len += c.len;
      link += c.linkLen;
      punct += c.punct;
    }
  }
  n.len = len;
  n.linkLen = link;
  n.punct = punct;
}

/** Share of the element's text that sits inside links (0 for empty elements). */
export function linkDensity(n: HNode): number {
  return n.len === 0 ? 0 : n.linkLen / n.len;
}

/** Length of the text directly inside the element (string children only). */
export function ownTextLen(n: HNode): number {
  let len = 0;
  for (const c of n.children) {
    if (typeof c === 'string') {
      countText(c);
      len += textLen;
    }
  }
  return len;
}
