/**
 * Jupyter notebook (.ipynb, nbformat 3 and 4) → text: markdown cells as text (the markdown extractor),
 * code cells as fenced code in the kernel's language, in notebook order. Outputs are dropped except
 * short text outputs (stdout, a plain-text result), which follow their cell; images, HTML, errors and
 * raw cells go. A notebook that is not valid JSON or has no cell list throws NotebookError.
 */
import { extractMarkdown } from './markdownText.js';

export class NotebookError extends Error {}

/** Text outputs longer than this (lines or characters) are dropped: logs and dumps, not explanation. */
const MAX_OUTPUT_LINES = 20;
const MAX_OUTPUT_CHARS = 1500;

type Source = string | string[] | undefined;

const joinSource = (s: Source): string => (Array.isArray(s) ? s.join('') : typeof s === 'string' ? s : '');

interface Cell {
  cell_type?: string;
  source?: Source;
  input?: Source;
  outputs?: Array<{ output_type?: string; name?: string; text?: Source; data?: Record<string, Source> }>;
}

function shortOutput(cell: Cell): string {
  const parts: string[] = [];
  for (const o of cell.outputs ?? []) {
    let t = '';
    if (o.output_type === 'stream' && o.name !== 'stderr') t = joinSource(o.text);
    else if ((o.output_type === 'execute_result' || o.output_type === 'pyout') && o.data) t = joinSource(o.data['text/plain']);
    else if (o.output_type === 'pyout') t = joinSource(o.text);
    if (t.trim()) parts.push(t.replace(/\s+$/, ''));
  }
  const out = parts.join('\n');
  if (!out || out.length > MAX_OUTPUT_CHARS || out.split('\n').length > MAX_OUTPUT_LINES) return '';
  return out;
}

/** The kernel's language: kernelspec, then language_info, else python (the default kernel). */
function language(meta: Record<string, unknown> | undefined): string {
  const ks = meta?.kernelspec as { language?: string } | undefined;
  const li = meta?.language_info as { name?: string } | undefined;
  const l = ks?.language ?? li?.name ?? (typeof meta?.language === 'string' ? meta.language : undefined) ?? 'python';
  return String(l).toLowerCase().replace(/[^\w+#-]/g, '') || 'python';
}

/** Parses and validates; returns the cells and the language. */
function parse(src: string): { cells: Cell[]; lang: string } {
  let nb: unknown;
  try {
    nb = JSON.parse(src);
  } catch (e) {
    throw new NotebookError(`not valid JSON: ${(e as Error).message.slice(0, 120)}`);
  }
  if (typeof nb !== 'object' || nb === null || Array.isArray(nb)) throw new NotebookError('not a notebook: the top level is not a JSON object');
  const o = nb as { nbformat?: unknown; cells?: unknown; worksheets?: Array<{ cells?: unknown }>; metadata?: Record<string, unknown> };
  const cells = Array.isArray(o.cells) ? o.cells : Array.isArray(o.worksheets?.[0]?.cells) ? o.worksheets![0]!.cells : undefined;
  if (!Array.isArray(cells)) throw new NotebookError(`not a notebook: no "cells" list (nbformat ${String(o.nbformat ?? 'missing')})`);
  if (typeof o.nbformat === 'number' && o.nbformat < 3) throw new NotebookError(`nbformat ${o.nbformat} is not supported (3 and 4 are)`);
  return { cells: cells as Cell[], lang: language(o.metadata) };
}

/** Text of a notebook. Throws NotebookError on a broken one. */
export function extractNotebook(src: string): string {
  const { cells, lang } = parse(src.replace(/^\ufeff/, ''));
  const blocks: string[] = [];
  for (const cell of cells) {
    if (typeof cell !== 'object' || cell === null) throw new NotebookError('not a notebook: a cell is not an object');
    const type = cell.cell_type;
    if (type === 'markdown' || type === 'heading') {
      const t = extractMarkdown(joinSource(cell.source));
      if (t.trim()) blocks.push(t);
    } else if (type === 'code') {
      const code = joinSource(cell.source ?? cell.input).replace(/\s+$/, '').replace(/^\n+/, '');
      if (code.trim()) blocks.push('```' + lang + '\n' + code + '\n```');
      const out = shortOutput(cell);
      if (out) blocks.push(out);
    }
  }
  return blocks.join('\n\n');
}

/** The notebook's title: its first markdown heading. */
export function notebookTitle(src: string): string {
  try {
    const { cells } = parse(src);
    for (const c of cells) {
      if (c.cell_type !== 'markdown' && c.cell_type !== 'heading') continue;
      const m = /^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$/m.exec(joinSource(c.source));
      if (m) return extractMarkdown(m[1]!);
      if (c.cell_type === 'heading') return joinSource(c.source).trim();
    }
  } catch {
    // The body's extraction reports a broken notebook.
  }
  return '';
}
