import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { commitTempFile, tempPathFor } from '../io/atomicFile.js';
import type { PiiConfig } from '../config/piiSchema.js';
import { redactPii } from './redactPii.js';

export interface RedactFileResult {
  lines: number;
  /** Lines written with their text field redacted or tagged (found something or not). */
  written: number;
  /** Lines dropped by a `reject` action, per type. */
  rejected: Record<string, number>;
  /** Findings per type over all lines (including rejected ones). */
  found: Record<string, number>;
  /** Lines copied unchanged because they are not a JSON object with a string text field (by reason). */
  passedThrough: Record<string, number>;
}

export interface RedactFileOptions {
  /** The field holding the text (default "text"). */
  field?: string;
  /** Add a "pii" field with the spans [{type, start, end}] in the written text. */
  spans?: boolean;
}

/**
 * `curate pii`: every line of a JSONL corpus with its text field redacted, all other fields kept
 * as they were, in input order. Written to a temporary name and renamed when complete.
 */
export async function redactJsonlFile(inPath: string, outPath: string, cfg: PiiConfig, opts: RedactFileOptions = {}): Promise<RedactFileResult> {
  const field = opts.field ?? 'text';
  const r: RedactFileResult = { lines: 0, written: 0, rejected: {}, found: {}, passedThrough: {} };
  const add = (m: Record<string, number>, k: string, n = 1) => (m[k] = (m[k] ?? 0) + n);
  const tmp = tempPathFor(outPath);
  const out = createWriteStream(tmp, { encoding: 'utf8' });
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  try {
    const lines = createInterface({ input: createReadStream(inPath, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      r.lines++;
      let obj: unknown;
      try {
        obj = line.trim() === '' ? undefined : JSON.parse(line);
      } catch {
        obj = undefined;
      }
      const text = obj && typeof obj === 'object' && !Array.isArray(obj) ? (obj as Record<string, unknown>)[field] : undefined;
      if (typeof text !== 'string') {
        add(r.passedThrough, line.trim() === '' ? 'empty_line' : obj === undefined ? 'not_json' : `no_string_${field}`);
        await write(`${line}\n`);
        continue;
      }
      const o = redactPii(text, cfg);
      for (const [t, n] of Object.entries(o.counts)) add(r.found, t, n);
      if (o.rejectType) {
        add(r.rejected, o.rejectType);
        continue;
      }
      const rec = obj as Record<string, unknown>;
      rec[field] = o.text;
      if (opts.spans) rec.pii = o.spans;
      r.written++;
      await write(`${JSON.stringify(rec)}\n`);
    }
    out.end();
    await once(out, 'finish');
    commitTempFile(tmp, outPath);
  } catch (e) {
    out.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
  return r;
}
