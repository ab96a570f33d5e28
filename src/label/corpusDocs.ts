import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { annotate } from '../annotate/annotateDoc.js';
import { qualityPreset } from '../config/qualitySchema.js';
import { CONTENT_TYPES, type ContentType } from '../core/doc.js';
import { readParquet } from '../io/parquetFile.js';
import type { ModelInput } from '../qualityModel/features.js';

/** A document offered for labelling or training: text plus what the annotator measured. */
export interface CorpusDoc extends ModelInput {
  id: string;
  title: string;
  source: string;
  license: string;
  url: string;
  contentType: string;
  programmingLanguage: string;
}

const STAGING_READ = ['id', 'source', 'url', 'text', 'title', 'content_type', 'programming_language', 'license', 'domain', 'quality', 'signals'];

/** Committed staging chunks of a run folder (a chunk is committed when its .stats.json exists), sorted. */
function stagingChunks(outDir: string): string[] {
  const root = join(outDir, 'staging');
  const out: string[] = [];
  for (const src of readdirSync(root, { withFileTypes: true })) {
    if (!src.isDirectory()) continue;
    for (const part of readdirSync(join(root, src.name), { withFileTypes: true })) {
      if (!part.isDirectory()) continue;
      const dir = join(root, src.name, part.name);
      for (const f of readdirSync(dir)) {
        if (f.endsWith('.parquet') && existsSync(join(dir, f.replace(/\.parquet$/, '.stats.json')))) out.push(join(dir, f));
      }
    }
  }
  return out.sort();
}

/**
 * Documents of a run folder (its staging: every document phase 1 kept, before dedup and mix) or
 * of a JSONL corpus (`{"id","text"}` per line, optional title/source/license/domain/content_type;
 * the annotator measures what is missing, with the default quality preset).
 */
export async function loadCorpus(input: string, opts: { maxDocs?: number } = {}): Promise<CorpusDoc[]> {
  if (!existsSync(input)) throw new Error(`${input}: no such file or folder; give a run's output folder (e.g. out/example) or a JSONL corpus`);
  const max = opts.maxDocs ?? Infinity;
  const docs: CorpusDoc[] = [];
  if (statSync(input).isDirectory()) {
    if (!existsSync(join(input, 'staging'))) throw new Error(`${input}: no staging/ folder; run \`curate run <config>\` (or \`curate ingest\`) first`);
    for (const f of stagingChunks(input)) {
      for (const r of await readParquet(f, { columns: STAGING_READ })) {
        if (docs.length >= max) return docs;
        docs.push({
          id: String(r.id),
          text: String(r.text),
          title: String(r.title ?? ''),
          source: String(r.source ?? ''),
          license: String(r.license ?? ''),
          url: String(r.url ?? ''),
          domain: String(r.domain ?? ''),
          quality: Number(r.quality ?? 0),
          signals: typeof r.signals === 'string' ? (JSON.parse(r.signals) as Record<string, number>) : ((r.signals as Record<string, number>) ?? {}),
          contentType: String(r.content_type ?? 'text'),
          programmingLanguage: String(r.programming_language ?? ''),
        });
      }
    }
    return docs;
  }
  const cfg = qualityPreset();
  const rl = createInterface({ input: createReadStream(input), crlfDelay: Infinity });
  let lineNo = 0;
  const seen = new Set<string>();
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    if (docs.length >= max) break;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`${input}:${lineNo}: not valid JSON; each line must be {"id","text",...}`);
    }
    if (typeof rec.id !== 'string' || typeof rec.text !== 'string') throw new Error(`${input}:${lineNo}: expected string fields "id" and "text"`);
    if (seen.has(rec.id)) throw new Error(`${input}:${lineNo}: id "${rec.id}" appears twice; ids must be unique`);
    seen.add(rec.id);
    const ct = (CONTENT_TYPES as readonly string[]).includes(String(rec.content_type)) ? (rec.content_type as ContentType) : rec.domain === 'code' ? 'code' : 'text';
    const a = annotate({ text: rec.text, contentType: ct, title: typeof rec.title === 'string' ? rec.title : undefined }, cfg);
    docs.push({
      id: rec.id,
      text: rec.text,
      title: typeof rec.title === 'string' ? rec.title : '',
      source: typeof rec.source === 'string' ? rec.source : '',
      license: typeof rec.license === 'string' ? rec.license : '',
      url: typeof rec.url === 'string' ? rec.url : '',
      domain: a.domain,
      quality: a.quality,
      signals: a.signals,
      contentType: ct,
      programmingLanguage: '',
    });
  }
  return docs;
}
