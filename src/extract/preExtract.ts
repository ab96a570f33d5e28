/**
 * Asynchronous pre-extraction, for formats whose library is async (PDF with pdfjs-dist) while the
 * per-record stage (processRecord → extractRecord) is synchronous. Phase 1's batch runner
 * (src/pipeline/processRecordBatch.ts, on the worker threads and the main thread's share alike), the
 * `curate extract` and `curate score` commands await `preExtract` on each record before handing it
 * on: a PDF record leaves with its text as the body (or its reject reason) in `preExtracted`, and
 * extractRecord then only normalises that text. Other records pass through untouched. The outcome
 * depends only on the bytes (caps on bytes and pages, never on time), so runs stay deterministic.
 */
import type { RawRecord } from '../core/doc.js';
import { contentTypeFromMime, contentTypeFromName } from './sniffContentType.js';
import { pdfToText, type PdfOptions } from './pdfText.js';

/** `%PDF-` within the first 1 KB (the spec allows leading junk). */
function hasPdfMagic(body: Uint8Array | string): boolean {
  if (typeof body === 'string') return false;
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

/** Whether the record is a PDF: declared, by MIME type, by name, or by its signature. */
export function isPdfRecord(rec: RawRecord): boolean {
  if (rec.preExtracted) return false;
  if (rec.contentType === 'pdf' || contentTypeFromMime(rec.mime) === 'pdf') return true;
  if (contentTypeFromName(rec.key || rec.url) === 'pdf') return true;
  return (rec.contentType === undefined || rec.contentType === 'text') && hasPdfMagic(rec.body);
}

/** The record ready for the synchronous stage: PDFs converted to text (or to a reasoned reject). */
export async function preExtract(rec: RawRecord, opts: Partial<PdfOptions> = {}): Promise<RawRecord> {
  if (!isPdfRecord(rec)) return rec;
  if (typeof rec.body === 'string') {
    return { ...rec, contentType: 'pdf', body: '', preExtracted: { ok: false, reason: 'extract.pdf_corrupt', detail: 'a PDF arrived as decoded text (its bytes were lost); read it as a file' } };
  }
  const r = await pdfToText(rec.body, opts);
  if (!r.ok) return { ...rec, contentType: 'pdf', body: '', preExtracted: { ok: false, reason: r.reason, detail: r.detail } };
  return { ...rec, contentType: 'pdf', body: r.text, preExtracted: { ok: true, title: r.title } };
}
