/**
 * PDF → text with pdfjs-dist (legacy build for Node, fake worker in this thread, nothing fetched:
 * fonts and CMaps come from the package's own folders, system fonts and eval are off).
 *
 * Layout is undone from the text items' positions: items become lines (same baseline), lines are
 * split at wide gaps into segments, and a page whose segments fall on both sides of a gutter near
 * its middle is read column by column (full-width lines such as titles cut the page into bands
 * read in order). Running headers and footers (the same text, digits aside, in the top or bottom
 * band of most pages) and page numbers are removed; words hyphenated across line ends are joined;
 * ligatures (ﬁ, ﬂ, …) become letters; lines are joined into paragraphs at vertical gaps.
 *
 * Async (pdfjs is): the pipeline calls it before the synchronous extraction (src/extract/preExtract.ts).
 * Deterministic: the same bytes give the same text; caps are on bytes and pages, never on time.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PdfOptions {
  /** Largest PDF accepted, in bytes. */
  maxBytes: number;
  /** Pages read at most; the rest of a longer document is left out (and said so in `truncated`). */
  maxPages: number;
  /** Characters of text kept at most. */
  maxChars: number;
}

export const DEFAULT_PDF_OPTIONS: PdfOptions = { maxBytes: 50_000_000, maxPages: 2000, maxChars: 5_000_000 };

export type PdfResult =
  | { ok: true; text: string; title: string; pages: number; truncated: boolean }
  | { ok: false; reason: 'extract.pdf_encrypted' | 'extract.pdf_no_text' | 'extract.pdf_corrupt' | 'extract.pdf_too_large'; detail: string };

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Line {
  x0: number;
  x1: number;
  y: number;
  h: number;
  text: string;
}

const LIGATURES: Record<string, string> = { 'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'st', 'ﬆ': 'st', '\u00ad': '' };

/** Ligatures to letters, soft hyphens and control characters out. */
export function normaliseChars(s: string): string {
  return s.replace(/[ﬀ-ﬆ\u00ad]/g, (c) => LIGATURES[c] ?? c).replace(/[\u0000-\u0008\u000b-\u001f]/g, '');
}

let pdfjsPromise: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined;
let assetUrls: { standardFontDataUrl: string; cMapUrl: string } | undefined;

function pdfjs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  if (!pdfjsPromise) {
    const require = createRequire(import.meta.url);
    const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
    // Local folders as file URLs with a trailing slash: pdfjs reads them through fs, never the network.
    assetUrls = {
      standardFontDataUrl: pathToFileURL(path.join(root, 'standard_fonts') + path.sep).href,
      cMapUrl: pathToFileURL(path.join(root, 'cmaps') + path.sep).href,
    };
    pdfjsPromise = import('pdfjs-dist/legacy/build/pdf.mjs');
  }
  return pdfjsPromise;
}

/** Items → lines: same baseline (within a third of the font size), sorted left to right, gaps become spaces. */
function toLines(items: Item[]): Line[] {
  const sorted = items.filter((it) => it.str !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; h: number; items: Item[] }[] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - it.y) <= Math.max(1, Math.min(last.h, it.h) * 0.35)) last.items.push(it);
    else lines.push({ y: it.y, h: it.h, items: [it] });
  }
  const out: Line[] = [];
  for (const l of lines) {
    l.items.sort((a, b) => a.x - b.x);
    // Split at gaps wider than three font sizes: the gutter between two columns.
    let seg: Item[] = [];
    const flush = (): void => {
      if (seg.length === 0) return;
      let text = '';
      let end = -Infinity;
      for (const it of seg) {
        if (text && it.x - end > it.h * 0.15 && !/\s$/.test(text) && !/^\s/.test(it.str)) text += ' ';
        text += it.str;
        end = Math.max(end, it.x + it.w);
      }
      const t = text.replace(/\s+/g, ' ').trim();
      if (t) out.push({ x0: seg[0]!.x, x1: end, y: l.y, h: Math.max(...seg.map((s) => s.h)), text: t });
      seg = [];
    };
    let end = -Infinity;
    for (const it of l.items) {
      if (seg.length > 0 && it.x - end > Math.max(it.h, 4) * 3 && it.str.trim() !== '') flush();
      seg.push(it);
      end = Math.max(end, it.x + it.w);
    }
    flush();
  }
  return out;
}

/** Reading order: full-width lines cut the page into bands; in a band, a left column is read before a right one. */
function readingOrder(lines: Line[], width: number): Line[] {
  const mid = width / 2;
  const isLeft = (l: Line): boolean => l.x1 <= mid + width * 0.02;
  const isRight = (l: Line): boolean => l.x0 >= mid - width * 0.02;
  const lefts = lines.filter((l) => isLeft(l) && !isRight(l)).length;
  const rights = lines.filter((l) => isRight(l) && !isLeft(l)).length;
  // Two columns only when both sides carry a fair share of the lines.
  if (lefts < 3 || rights < 3 || Math.min(lefts, rights) < lines.length * 0.2) return lines;
  const out: Line[] = [];
  let band: Line[] = [];
  const flushBand = (): void => {
    out.push(...band.filter((l) => !isRight(l) || isLeft(l)), ...band.filter((l) => isRight(l) && !isLeft(l)));
    band = [];
  };
  for (const l of lines) {
    if (!isLeft(l) && !isRight(l)) {
      flushBand();
      out.push(l);
    } else band.push(l);
  }
  flushBand();
  return out;
}

const PAGE_NUMBER = /^(?:(?:page|seite|p\.)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:\/|of|von)\s*\d{1,4})?$/i;

/** Key under which a running header/footer repeats: digits (page numbers, dates) do not count. */
const runningKey = (s: string): string => s.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

interface PageLines {
  lines: Line[];
  height: number;
}

/** Removes page numbers and lines that repeat in the top or bottom band of at least half the pages (and ≥ 2). */
function dropRunning(pages: PageLines[]): void {
  const band = (p: PageLines, l: Line): 'top' | 'bottom' | null => (l.y > p.height * 0.9 ? 'top' : l.y < p.height * 0.1 ? 'bottom' : null);
  const counts = new Map<string, number>();
  for (const p of pages) {
    const seen = new Set<string>();
    for (const l of p.lines) {
      const b = band(p, l);
      if (b) seen.add(b + ':' + runningKey(l.text));
    }
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const minPages = Math.max(2, Math.ceil(pages.length / 2));
  for (const p of pages) {
    p.lines = p.lines.filter((l) => {
      const b = band(p, l);
      if (!b) return true;
      if (PAGE_NUMBER.test(l.text.trim())) return false;
      return pages.length < 2 || (counts.get(b + ':' + runningKey(l.text)) ?? 0) < minPages;
    });
  }
}

/** Lines → paragraphs: a vertical gap wider than 1.6 × the line's height, or a change of font size, starts a new one. */
function toText(pages: PageLines[]): string {
  const paras: string[] = [];
  let cur = '';
  let prev: Line | undefined;
  const push = (): void => {
    if (cur.trim()) paras.push(cur.trim());
    cur = '';
  };
  for (const p of pages) {
    for (const l of p.lines) {
      const gap = prev ? prev.y - l.y : 0;
      const newPara = !prev || gap < 0 || gap > Math.max(prev.h, l.h) * 1.75 || Math.abs(prev.h - l.h) > Math.max(prev.h, l.h) * 0.2;
      if (newPara) push();
      if (cur && /[A-Za-zÀ-ɏ]-$/.test(cur) && /^[a-zà-ÿ]/.test(l.text)) cur = cur.slice(0, -1) + l.text;
      else cur = cur ? `${cur} ${l.text}` : l.text;
      prev = l;
    }
    // A page break keeps a paragraph open (sentences run across pages) unless it ended one.
    prev = undefined;
    if (/[.!?:]["”)]?$/.test(cur)) push();
  }
  push();
  return paras.join('\n\n');
}

function errorReason(e: unknown): PdfResult {
  const err = e as { name?: string; message?: string };
  const msg = String(err?.message ?? e).slice(0, 200);
  if (err?.name === 'PasswordException') return { ok: false, reason: 'extract.pdf_encrypted', detail: `encrypted (a password is needed to open it): ${msg}` };
  return { ok: false, reason: 'extract.pdf_corrupt', detail: `${err?.name ?? 'Error'}: ${msg}` };
}

/** Text of a PDF. Never throws. */
export async function pdfToText(bytes: Uint8Array, opts: Partial<PdfOptions> = {}): Promise<PdfResult> {
  const o = { ...DEFAULT_PDF_OPTIONS, ...opts };
  if (bytes.length > o.maxBytes) return { ok: false, reason: 'extract.pdf_too_large', detail: `${bytes.length} bytes > max ${o.maxBytes}` };
  let lib: typeof import('pdfjs-dist/legacy/build/pdf.mjs');
  try {
    lib = await pdfjs();
  } catch (e) {
    return { ok: false, reason: 'extract.pdf_corrupt', detail: `pdfjs-dist could not be loaded: ${(e as Error).message}` };
  }
  let doc: Awaited<ReturnType<typeof lib.getDocument>['promise']> | undefined;
  // pdfjs takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    verbosity: 0,
    ...assetUrls,
  });
  try {
    doc = await task.promise;
    const pages: PageLines[] = [];
    const n = Math.min(doc.numPages, o.maxPages);
    let chars = 0;
    let truncated = doc.numPages > n;
    for (let k = 1; k <= n; k++) {
      const page = await doc.getPage(k);
      const vp = page.getViewport({ scale: 1 });
      const tc = await page.getTextContent();
      const items: Item[] = [];
      for (const it of tc.items) {
        if (!('str' in it)) continue;
        const [a, b, , d, e, f] = it.transform as number[];
        const h = Math.hypot(b!, d!) || Math.abs(a!) || 1;
        items.push({ str: normaliseChars(it.str), x: e!, y: f!, w: it.width, h });
      }
      const lines = readingOrder(toLines(items), vp.width);
      pages.push({ lines, height: vp.height });
      page.cleanup();
      chars += lines.reduce((s, l) => s + l.text.length, 0);
      if (chars > o.maxChars) {
        truncated = true;
        break;
      }
    }
    if (pages.every((p) => p.lines.length === 0)) {
      return { ok: false, reason: 'extract.pdf_no_text', detail: `no text on ${pages.length} page(s): scanned or image-only (OCR is out of scope)` };
    }
    dropRunning(pages);
    const text = toText(pages).slice(0, o.maxChars);
    let title = '';
    try {
      const meta = await doc.getMetadata();
      const t = (meta.info as { Title?: unknown } | undefined)?.Title;
      if (typeof t === 'string') title = normaliseChars(t).trim();
    } catch {
      // A broken info dictionary leaves the title empty.
    }
    return { ok: true, text, title, pages: pages.length, truncated };
  } catch (e) {
    return errorReason(e);
  } finally {
    await task.destroy().catch(() => {});
  }
}
