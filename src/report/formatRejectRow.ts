import type { Row } from '../io/parquetFile.js';

const TEXT_LINES = 4;
const LINE_WIDTH = 100;

/** One sampled reject for a terminal: id, source, reason and detail, then the first lines of its text head. */
export function formatRejectRow(r: Row, index: number, color: boolean): string {
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[22m` : s);
  const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[22m` : s);
  const header = `${bold(`#${index + 1} ${String(r.id)}`)}  ${dim(`source=${String(r.source)} stage=${String(r.stage)}`)}${r.url ? dim(` url=${String(r.url)}`) : ''}`;
  const reason = `    ${bold(String(r.reason))}  ${String(r.detail)}`;
  const lines = String(r.text_head ?? '')
    .split('\n')
    .map((l) => l.replace(/\s+$/, '').replace(/\t/g, '  '))
    .filter((l) => l.trim() !== '');
  const shown = lines.slice(0, TEXT_LINES).map((l) => dim(`    | ${l.length > LINE_WIDTH ? `${l.slice(0, LINE_WIDTH - 1)}…` : l}`));
  if (lines.length === 0) shown.push(dim('    (no text: rejected before or during extraction)'));
  return [header, reason, ...shown].join('\n');
}
