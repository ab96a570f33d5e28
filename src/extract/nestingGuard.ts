/**
 * Caps tag nesting before the HTML parser sees it. htmlparser2 keeps its open-element stack with
 * Array.unshift/shift, so each tag costs O(depth): 100k nested <div>s take ~18 s to parse (measured
 * here). One linear pre-scan estimates the depth; only when it exceeds the cap are the tags beyond
 * it removed (their text stays), which bounds the parser's work. Pages real people read nest < 100.
 */

/** Elements that never nest (void) or are closed implicitly by their next sibling. */
const NON_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen',
  'p', 'li', 'td', 'th', 'tr', 'dt', 'dd', 'option', 'optgroup', 'rt', 'rp', '!doctype',
]);

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function tagName(html: string, start: number): string {
  let end = start;
  while (end < html.length && end - start < 12) {
    const c = html.charCodeAt(end);
    if (!(isLetter(c) || (c >= 48 && c <= 57) || c === 45)) break;
    end++;
  }
  return html.slice(start, end).toLowerCase();
}

/** Estimated maximum nesting depth of the markup (a tag-balance count, linear time). */
export function estimateNesting(html: string): number {
  let depth = 0;
  let max = 0;
  for (let i = html.indexOf('<'); i >= 0 && i < html.length - 1; i = html.indexOf('<', i + 1)) {
    const c = html.charCodeAt(i + 1);
    if (c === 47) {
      if (depth > 0) depth--;
    } else if (isLetter(c)) {
      if (NON_NESTING.has(tagName(html, i + 1))) continue;
      const gt = html.indexOf('>', i);
      if (gt > 0 && html.charCodeAt(gt - 1) === 47) continue;
      if (++depth > max) max = depth;
    }
  }
  return max;
}

/** The markup with open/close tags beyond `limit` nesting levels removed, or the input when within it. */
export function capNesting(html: string, limit: number): string {
  if (estimateNesting(html) <= limit) return html;
  const parts: string[] = [];
  let depth = 0;
  /** Tags dropped above the limit that still await their close tag. */
  let dropped = 0;
  let last = 0;
  for (let i = html.indexOf('<'); i >= 0 && i < html.length - 1; i = html.indexOf('<', i + 1)) {
    const c = html.charCodeAt(i + 1);
    const closing = c === 47;
    if (!closing && !isLetter(c)) continue;
    const gt = html.indexOf('>', i);
    if (gt < 0) break;
    let drop = false;
    if (closing) {
      if (dropped > 0) {
        dropped--;
        drop = true;
      } else if (depth > 0) depth--;
    } else if (!NON_NESTING.has(tagName(html, i + 1)) && html.charCodeAt(gt - 1) !== 47) {
      if (depth >= limit) {
        dropped++;
        drop = true;
      } else depth++;
    }
    if (drop) {
      parts.push(html.slice(last, i));
      last = gt + 1;
    }
    i = gt;
  }
  parts.push(html.slice(last));
  return parts.join('');
}
