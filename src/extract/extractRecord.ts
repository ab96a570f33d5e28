/**
 * The extraction stage's entry point: one RawRecord in, text or a reasoned reject out. Chooses the
 * extractor by content type (declared, or sniffed from MIME, name and bytes), decodes bytes with
 * charset detection, and enforces a size cap and a deterministic work budget (deadline.ts). Never
 * throws, except ExtractionHang: a wall-clock hang guard that must stop the run, not drop a document.
 */
import { gunzipSync } from 'node:zlib';
import type { ContentType, RawRecord } from '../core/doc.js';
import { decodeBytes } from './charset.js';
import { binaryReason } from './binarySniff.js';
import { sniffContentType } from './sniffContentType.js';
import { extractHtml } from './htmlMainText.js';
import { extractCode, extractPlainText } from './plainText.js';
import { extractMarkdown } from './markdownText.js';
import { extractLatex, latexTitle } from './latexText.js';
import { extractRst, rstTitle } from './rstText.js';
import { NotebookError, extractNotebook, notebookTitle } from './notebookText.js';
import { DeadlineError, ExtractionHang, checkDeadline, deadlineIn, type Deadline } from './deadline.js';

export interface ExtractOptions {
  /** Largest payload accepted, in bytes (after gunzip). Default 5_000_000. */
  maxBytes: number;
  /**
   * Hang guard per record, wall clock. Passing it throws ExtractionHang (never a reject: what
   * is kept must not depend on the machine's load). Default 60000. The deciding budget is the
   * deterministic step budget of deadline.ts.
   */
  timeoutMs: number;
}

export type ExtractResult =
  | { ok: true; text: string; title: string; contentType: ContentType; charset?: string }
  | { ok: false; reason: string; detail: string };

export const DEFAULT_EXTRACT_OPTIONS: ExtractOptions = { maxBytes: 5_000_000, timeoutMs: 60_000 };

/** Reason codes this stage emits. */
export const EXTRACT_REASONS = [
  'extract.too_large', 'extract.too_complex', 'extract.empty', 'extract.binary', 'extract.failed',
  'extract.ipynb_invalid', 'extract.pdf_encrypted', 'extract.pdf_no_text', 'extract.pdf_corrupt', 'extract.pdf_too_large',
] as const;

function reject(reason: (typeof EXTRACT_REASONS)[number], detail: string): ExtractResult {
  return { ok: false, reason, detail };
}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** Chooses the extractor from rec.contentType (or sniffs it), decodes, extracts. Never throws. */
export function extractRecord(rec: RawRecord, opts: Partial<ExtractOptions> = {}): ExtractResult {
  const o = { ...DEFAULT_EXTRACT_OPTIONS, ...opts };
  const started = deadlineIn(o.timeoutMs);
  let deadline: Deadline = started;
  if (rec.preExtracted) {
    // PDF text from the asynchronous pre-extraction step (preExtract.ts): only normalised here.
    if (!rec.preExtracted.ok) return { ok: false, reason: rec.preExtracted.reason, detail: rec.preExtracted.detail };
    const text = extractPlainText(typeof rec.body === 'string' ? rec.body : Buffer.from(rec.body).toString('utf8'));
    if (text.trim() === '') return reject('extract.empty', 'no pdf text left after extraction');
    return { ok: true, text, title: rec.preExtracted.title, contentType: 'pdf' };
  }
  try {
    let text: string;
    let charset: string | undefined;
    if (typeof rec.body === 'string') {
      // Characters, not bytes: a lower bound of the UTF-8 size, exact for ASCII.
      if (rec.body.length > o.maxBytes) return reject('extract.too_large', `${rec.body.length} characters > max ${o.maxBytes} bytes`);
      text = rec.body;
    } else {
      let bytes = rec.body;
      if (bytes.length > o.maxBytes) return reject('extract.too_large', `${bytes.length} bytes > max ${o.maxBytes}`);
      if (isGzip(bytes)) {
        try {
          bytes = gunzipSync(bytes, { maxOutputLength: o.maxBytes });
        } catch (err) {
          const e = err as NodeJS.ErrnoException;
          if (e.code === 'ERR_BUFFER_TOO_LARGE' || /too large|maxOutputLength/i.test(e.message)) {
            return reject('extract.too_large', `gzip payload inflates beyond max ${o.maxBytes} bytes`);
          }
          return reject('extract.binary', `corrupt gzip payload: ${e.message}`);
        }
      }
      const why = binaryReason(bytes);
      if (why) return reject('extract.binary', why);
      const decoded = decodeBytes(bytes, rec.mime);
      text = decoded.text;
      charset = decoded.charset;
    }
    // The step budget follows the decoded size; the hang guard keeps its start time.
    deadline = { ...deadlineIn(o.timeoutMs, text.length), hangAt: started.hangAt };
    checkDeadline(deadline, 'decoding');
    const contentType = rec.contentType ?? sniffContentType(rec.mime, rec.key || rec.url, text.slice(0, 2048));
    let out = '';
    let title = '';
    switch (contentType) {
      case 'html': {
        const r = extractHtml(text, { url: rec.url, deadline });
        out = r.text;
        title = r.title;
        break;
      }
      case 'markdown':
        out = extractMarkdown(text);
        // The first ATX heading, with its markup removed the same way as the body's.
        title = extractMarkdown(/^ {0,3}#\s+(.+)$/m.exec(text)?.[1] ?? '');
        break;
      case 'latex':
        out = extractLatex(text);
        title = latexTitle(text);
        break;
      case 'code':
        out = extractCode(text);
        break;
      case 'rst':
        out = extractRst(text);
        title = rstTitle(text);
        break;
      case 'ipynb':
        out = extractNotebook(text);
        title = notebookTitle(text);
        break;
      default:
        out = extractPlainText(text);
    }
    checkDeadline(deadline, 'extracting');
    if (out.trim() === '') return reject('extract.empty', `no ${contentType} text left after extraction`);
    return charset === undefined ? { ok: true, text: out, title, contentType } : { ok: true, text: out, title, contentType, charset };
  } catch (err) {
    if (err instanceof ExtractionHang) throw err;
    if (err instanceof DeadlineError) return reject('extract.too_complex', err.message);
    if (err instanceof NotebookError) return reject('extract.ipynb_invalid', err.message);
    if (err instanceof RangeError) return reject('extract.failed', `${err.message} (page too deeply structured)`);
    return reject('extract.failed', (err as Error).message ?? String(err));
  }
}
