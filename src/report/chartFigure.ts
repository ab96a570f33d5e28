import { escapeHtml } from './escapeHtml.js';

/** A rendered chart with its caption; `id` lets the page's links and tests find it. */
export function chartFigure(id: string, svg: string, caption: string): string {
  return `<figure class="chart" id="${escapeHtml(id)}">${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}
