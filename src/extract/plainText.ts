/**
 * Plain text and source code: normalise line endings, drop control characters, and for prose
 * collapse runs of blank lines. Code keeps every space and tab (indentation is meaning).
 */

// Control characters other than tab, newline and form feed (kept as page breaks in code).
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

function normaliseNewlines(s: string): string {
  return s.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
}

/** Text for a plain-text record: paragraphs kept, trailing spaces and excess blank lines removed. */
export function extractPlainText(s: string): string {
  return normaliseNewlines(s)
    .replace(CONTROL, '')
    .replace(/\f/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text for a source-code record: verbatim but for line endings, control bytes and trailing blank lines. */
export function extractCode(s: string): string {
  return normaliseNewlines(s)
    .replace(CONTROL, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/^\n+|\s+$/g, '');
}
