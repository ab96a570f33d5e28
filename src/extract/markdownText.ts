/**
 * Markdown → plain text: front matter, link targets, image syntax, HTML comments and tags and
 * emphasis markers go; headings become their own paragraphs, list items stay one per line, table
 * rows become "a | b", fenced and indented code is kept verbatim, math ($…$) is left as written.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function inline(s: string): string {
  return (
    s
      // images first (their alt text is usually not prose), then links of every form
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
      .replace(/<\/?[a-zA-Z][^>]*>/g, '')
      // emphasis: ** __ ~~ then single * and _ only when they wrap a word
      .replace(/(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)/g, '$1$2')
      .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1$2')
      .replace(/`([^`]+)`/g, '$1')
      // CommonMark escapes; LaTeX spacing and symbols (`\,` `\;` `\%` `\$`) are left to math.
      .replace(/\\([\\`*_{}[\]()#+\-.!|>@<"'\/?~=])/g, '$1')
  );
}

/** Plain text of a Markdown document. */
export function extractMarkdown(src: string): string {
  let s = src.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  s = s.replace(/^(?:---\n[\s\S]*?\n(?:---|\.\.\.)|\+\+\+\n[\s\S]*?\n\+\+\+)\n/, '');
  s = s.replace(/<!--[\s\S]*?-->/g, '');
  const lines = s.split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fence !== null) {
      if (line.trimStart().startsWith(fence)) {
        fence = null;
        out.push('');
      } else out.push(line);
      continue;
    }
    const f = FENCE.exec(line);
    if (f) {
      fence = f[1];
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    // Link reference definitions and table separator rows carry no text.
    if (/^ {0,3}\[[^\]]+\]:\s*\S/.test(line)) continue;
    if (/^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/.test(line) && line.includes('|')) continue;
    // Setext underline: the previous line was a heading.
    if (/^ {0,3}(?:=+|-+)\s*$/.test(line) && out.length > 0 && out[out.length - 1].trim() !== '') {
      out.push('');
      continue;
    }
    if (/^ {0,3}(?:[-*_]\s*){3,}$/.test(line)) {
      out.push('');
      continue;
    }
    const h = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      out.push(inline(h[1]));
      out.push('');
      continue;
    }
    let l = line.replace(/^ {0,3}(?:>\s?)+/, '');
    l = l.replace(/^(\s*)[-*+]\s+(?:\[[ xX]\]\s+)?/, '$1');
    if (/^\s*\|.*\|\s*$/.test(l)) {
      l = l
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => inline(c.trim()))
        .join(' | ');
      out.push(l);
      continue;
    }
    out.push(/^( {4}|\t)/.test(line) ? line : inline(l).replace(/[ \t]+$/, ''));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
