import { escapeHtml } from './escapeHtml.js';

export interface TableColumn<T> {
  header: string;
  /** Cell text (escaped here) for a row. */
  cell: (row: T) => string;
  /** Right-align (numbers). */
  numeric?: boolean;
}

/**
 * A plain HTML table: readable without JavaScript or CSS, numbers right-aligned. `id` names the
 * table so the page's links (and tests) can find it.
 */
export function htmlTable<T>(id: string, columns: TableColumn<T>[], rows: T[], footer?: T): string {
  const cls = (c: TableColumn<T>) => (c.numeric ? ' class="num"' : '');
  const head = `<thead><tr>${columns.map((c) => `<th scope="col"${cls(c)}>${escapeHtml(c.header)}</th>`).join('')}</tr></thead>`;
  const tr = (r: T, cell: 'td' | 'th') => `<tr>${columns.map((c, i) => (i === 0 && cell === 'th' ? `<th scope="row">${escapeHtml(c.cell(r))}</th>` : `<td${cls(c)}>${escapeHtml(c.cell(r))}</td>`)).join('')}</tr>`;
  const body = `<tbody>${rows.map((r) => tr(r, 'th')).join('\n')}</tbody>`;
  const foot = footer === undefined ? '' : `<tfoot>${tr(footer, 'th')}</tfoot>`;
  return `<table id="${escapeHtml(id)}">${head}\n${body}${foot}</table>`;
}
