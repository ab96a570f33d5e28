/**
 * `curate extract <file...>`: the data engineer's tool for debugging extraction on single pages,
 * and a batch converter with --out-dir (one process for thousands of pages; files are handled one
 * at a time, so memory does not grow with their number).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { refuseOutputOverInput } from './outputOverInput.js';
import type { RawRecord } from '../core/doc.js';
import { extractRecord, DEFAULT_EXTRACT_OPTIONS, type ExtractResult } from '../extract/extractRecord.js';
import { contentTypeFromName } from '../extract/sniffContentType.js';
import { ExtractionHang } from '../extract/deadline.js';
import { preExtract } from '../extract/preExtract.js';

interface ExtractCommandOptions {
  url?: string;
  json?: boolean;
  outDir?: string;
  maxBytes?: string;
  timeoutMs?: string;
  mime?: string;
}

/** An input decided without reading it (its result rides along). */
class SkipInput extends Error {
  constructor(readonly result: ExtractResult) {
    super(result.ok ? 'ok' : result.detail);
  }
}

/** `page.html.gz` → `page`, `notes.md` → `notes`. */
export function outputName(file: string): string {
  let base = path.basename(file);
  if (base.toLowerCase().endsWith('.gz')) base = base.slice(0, -3);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

function positiveInt(flag: string, v: string | undefined, dflt: number): number | undefined {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) {
    process.stderr.write(`curate extract: ${flag} expects a positive integer, got "${v}"\n`);
    return undefined;
  }
  return n;
}

export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description('print the extracted main text of pages or files (.html, .html.gz, .md, .rst, .tex, .ipynb, .pdf, .txt, code); with --out-dir write one .txt per input')
    .argument('<file...>', 'input files; .gz inputs are decompressed; the content type comes from the extension (HTML when unknown and it looks like HTML)')
    .option('--url <url>', 'the page URL, recorded in --json output (extraction itself uses no per-site rules)')
    .option('--json', 'print one JSON object per input: {file, ok, title, contentType, charset, chars, text} or {file, ok:false, reason, detail}')
    .option('--out-dir <dir>', 'write DIR/<input name without extension>.txt for each input instead of printing the text; rejects go to stderr')
    .option('--mime <type>', 'Content-Type header to assume, e.g. "text/html; charset=shift_jis" (overrides <meta> charset detection)')
    .option('--max-bytes <n>', `reject inputs larger than this many bytes as extract.too_large (default ${DEFAULT_EXTRACT_OPTIONS.maxBytes})`)
    .option('--timeout-ms <n>', `hang guard per input, wall clock: an input still running after it is reported as extract.hang (default ${DEFAULT_EXTRACT_OPTIONS.timeoutMs}); what is kept is decided by a deterministic work budget (extract.too_complex), never by time`)
    .addHelpText('after', '\nExit code: 0 when every input gave text, 1 when any input was rejected or unreadable, 2 on a usage error.')
    .action(async (files: string[], opts: ExtractCommandOptions) => {
      const maxBytes = positiveInt('--max-bytes', opts.maxBytes, DEFAULT_EXTRACT_OPTIONS.maxBytes);
      const timeoutMs = positiveInt('--timeout-ms', opts.timeoutMs, DEFAULT_EXTRACT_OPTIONS.timeoutMs);
      if (maxBytes === undefined || timeoutMs === undefined) {
        process.exitCode = 2;
        return;
      }
      if (opts.outDir) for (const file of files) refuseOutputOverInput('extract', path.join(opts.outDir, `${outputName(file)}.txt`), files);
      if (opts.outDir) mkdirSync(opts.outDir, { recursive: true });
      let failed = 0;
      let written = 0;
      const many = files.length > 1;
      for (const file of files) {
        let result: ExtractResult;
        try {
          // Sized before it is read: an oversized input is rejected without filling memory.
          const size = statSync(file).size;
          if (size > maxBytes) {
            throw new SkipInput({ ok: false, reason: 'extract.too_large', detail: `${size} bytes > max ${maxBytes}` });
          }
          const body = readFileSync(file);
          // Unknown extensions fall back to sniffing inside extractRecord.
          const rec: RawRecord = {
            source: 'cli',
            key: file,
            url: opts.url ?? '',
            body,
            contentType: contentTypeFromName(file),
            mime: opts.mime,
            bytes: body.length,
          };
          result = extractRecord(await preExtract(rec), { maxBytes, timeoutMs });
        } catch (err) {
          result =
            err instanceof SkipInput
              ? err.result
              : err instanceof ExtractionHang
                ? { ok: false, reason: 'extract.hang', detail: err.message }
                : { ok: false, reason: 'extract.unreadable', detail: `cannot read ${file}: ${(err as Error).message}` };
        }
        if (!result.ok) failed++;
        if (opts.json) {
          const obj = result.ok
            ? { file, url: opts.url, ok: true, title: result.title, contentType: result.contentType, charset: result.charset, chars: result.text.length, text: opts.outDir ? undefined : result.text }
            : { file, url: opts.url, ok: false, reason: result.reason, detail: result.detail };
          if (!opts.outDir) process.stdout.write(JSON.stringify(obj) + '\n');
          else if (!result.ok) process.stderr.write(JSON.stringify(obj) + '\n');
        } else if (!result.ok) {
          process.stderr.write(`${file}: ${result.reason}: ${result.detail}\n`);
        }
        if (result.ok && opts.outDir) {
          writeFileSync(path.join(opts.outDir, `${outputName(file)}.txt`), result.text + '\n');
          written++;
        } else if (result.ok && !opts.json) {
          if (many) process.stdout.write(`==> ${file} <==\n`);
          process.stdout.write(result.text + '\n');
          if (many) process.stdout.write('\n');
        }
      }
      if (opts.outDir) process.stdout.write(`extract: ${written} written to ${opts.outDir}, ${failed} rejected of ${files.length}\n`);
      process.exitCode = failed > 0 ? 1 : 0;
    });
}
