import type { Row } from '../io/parquetFile.js';

/** How many lines of text the terminal view shows under each row's header. */
const TEXT_LINES = 4;
const LINE_WIDTH = 100;

/**
 * One sampled row for a terminal: a header line (id, source, license, domain, quality, tokens) and
 * the first non-blank lines of the text, indented and cut to the width, so a page of rows scans.
 */
export function formatSampleRow(r: Row, index: number, color: boolean): string {
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[22m` : s);
  const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[22m` : s);
  const quality = typeof r.quality === 'number' ? r.quality.toFixed(2) : String(r.quality);
  const header = `${bold(`#${index + 1} ${String(r.id)}`)}  ${dim(`source=${String(r.source)} license=${String(r.license)} domain=${String(r.domain)} quality=${quality} tokens=${String(r.tokens)}`)}`;
  const lines = String(r.text ?? '')
    .split('\n')
    .map((l) => l.replace(/\s+$/, '').replace(/\t/g, '  '))
    .filter((l) => l.trim() !== '');
  const shown = lines.slice(0, TEXT_LINES).map((l) => `    ${l.length > LINE_WIDTH ? `${l.slice(0, LINE_WIDTH - 1)}…` : l}`);
  if (lines.length > TEXT_LINES) shown.push(dim(`    … ${lines.length - TEXT_LINES} more line${lines.length - TEXT_LINES === 1 ? '' : 's'}`));
  return [header, ...shown].join('\n');
}
