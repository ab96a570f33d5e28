import { closeSync, existsSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ConfigError } from '../config/configError.js';
import { decontamSchema, type DecontamConfig } from '../config/decontamSchema.js';
import { readParquet } from '../io/parquetFile.js';
import { byteLines, MAX_LINE_BYTES } from './byteLines.js';
import { decontaminate } from './decontaminate.js';
import { buildDecontamIndex, type DecontamIndexInfo } from './decontamIndex.js';

export interface DecontamCorpusOptions {
  /** Evaluation files (.jsonl, .parquet or plain text); each is one set named after the file. */
  evals: string[];
  /** Fields holding an item's text (default `text`). */
  fields?: string[];
  ngram?: number;
  minItemWords?: number;
  minCoverage?: number;
  /** A JSONL corpus ({"id","text"} per line) or a finished run's output folder (its shards). */
  input: string;
  out: string;
  baseDir?: string;
}

export interface DecontamCorpusResult {
  documents: number;
  contaminated: number;
  /** Lines of a JSONL corpus that were not a JSON object with a string text (counted, skipped). */
  invalid: number;
  info: DecontamIndexInfo;
  /** Per set: distinct items found and documents hit. */
  sets: { id: string; items: number; items_found: number; documents_hit: number }[];
}

/** Set ids for the files: their base name without suffix, made unique. */
function setIds(files: string[]): string[] {
  const seen = new Map<string, number>();
  return files.map((f) => {
    const base = basename(f).replace(/\.(jsonl|parquet|txt)$/i, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'set';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

async function* corpusDocs(input: string, onInvalid: () => void): AsyncGenerator<{ id: string; text: string }> {
  if (statSync(input).isDirectory()) {
    const dir = join(input, 'shards');
    if (!existsSync(dir)) throw new Error(`${input}: no shards/ folder; pass a JSONL corpus or the output folder of a finished run`);
    const seen = new Set<string>();
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.parquet')).sort()) {
      for (const r of await readParquet(join(dir, f), { columns: ['doc_id', 'text'] })) {
        const id = r.doc_id as string;
        if (seen.has(id)) continue; // an upsampled repeat is the same document
        seen.add(id);
        yield { id, text: r.text as string };
      }
    }
    return;
  }
  const dec = new TextDecoder('utf-8', { fatal: true });
  let ln = 0;
  for await (const raw of byteLines(input, () => new Error(`${input}: a line is over ${MAX_LINE_BYTES >> 20} MB`))) {
    ln++;
    let row: unknown;
    try {
      const line = dec.decode(raw);
      if (line.trim() === '') continue;
      row = JSON.parse(line);
    } catch {
      onInvalid();
      continue;
    }
    const r = row as { id?: unknown; text?: unknown } | null;
    if (!r || typeof r !== 'object' || typeof r.text !== 'string') {
      onInvalid();
      continue;
    }
    yield { id: r.id === undefined || r.id === null ? `${basename(input)}:${ln}` : String(r.id), text: r.text };
  }
}

/**
 * `curate decontam`: checks every document of a corpus against the evaluation files with the
 * pipeline's own stage (same index, normalisation and matching) and writes one line per
 * contaminated document: {"id","eval_ids","ngrams","coverage","sets"}. `coverage` is the highest
 * share of one item's n-grams found in the document.
 */
export async function decontamCorpus(o: DecontamCorpusOptions): Promise<DecontamCorpusResult> {
  const baseDir = o.baseDir ?? process.cwd();
  const ids = setIds(o.evals);
  const raw = {
    sets: o.evals.map((path, i) => ({ id: ids[i], path, fields: o.fields?.length ? o.fields : ['text'] })),
    ngram: o.ngram,
    min_item_words: o.minItemWords,
    min_coverage: o.minCoverage,
    action: 'report',
  };
  const parsed = decontamSchema.safeParse(JSON.parse(JSON.stringify(raw)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`decontam option ${issue.path.join('.') || '(options)'}: ${issue.message}`);
  }
  const cfg: DecontamConfig = parsed.data;
  if (!existsSync(o.input)) throw new ConfigError(`--in: not found: ${o.input}`);
  const { index, info } = await buildDecontamIndex(cfg, baseDir);
  const perSet = new Map(info.sets.map((s) => [s.id, { id: s.id, items: s.items, found: new Set<string>(), documents_hit: 0 }]));
  const fd = openSync(o.out, 'w');
  let documents = 0;
  let contaminated = 0;
  let invalid = 0;
  try {
    for await (const d of corpusDocs(o.input, () => invalid++)) {
      documents++;
      const r = decontaminate({ id: d.id, source: '', text: d.text }, index);
      if (r.kind === 'clean') continue;
      contaminated++;
      const h = r.hit;
      for (const s of h.sets) {
        const ps = perSet.get(s.set)!;
        ps.documents_hit++;
        for (const i of s.items) ps.found.add(i);
      }
      writeSync(fd, `${JSON.stringify({ id: h.id, eval_ids: h.sets.flatMap((s) => s.items), ngrams: h.ngrams, coverage: h.coverage, sets: h.sets.map((s) => s.set) })}\n`);
    }
  } finally {
    closeSync(fd);
  }
  return {
    documents,
    contaminated,
    invalid,
    info,
    sets: [...perSet.values()].map((s) => ({ id: s.id, items: s.items, items_found: s.found.size, documents_hit: s.documents_hit })),
  };
}
