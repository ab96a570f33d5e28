import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { readParquet } from '../io/parquetFile.js';
import { OptOutMatcher, optOutDetail, parseOptOutList, type OptOutList } from './optOutList.js';

export interface OptOutFinding {
  shard: string;
  id: string;
  detail: string;
}

/** The shard files of a finished run: those its manifest lists, else every shards/*.parquet. */
export function runShardFiles(outDir: string): string[] {
  const manifest = join(outDir, 'manifest.json');
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as { shards?: { file: string }[] };
    if (m.shards) return m.shards.map((s) => s.file);
  }
  const dir = join(outDir, 'shards');
  if (!existsSync(dir)) throw new Error(`${outDir} has no manifest.json and no shards/ folder: is it the output folder of a run?`);
  return readdirSync(dir).filter((f) => f.endsWith('.parquet')).sort().map((f) => `shards/${f}`);
}

/** Every shard row an opt-out list names (by id, URL prefix, domain or sha256 of the row's text). */
export async function checkOptOuts(outDir: string, lists: OptOutList[]): Promise<OptOutFinding[]> {
  const matcher = new OptOutMatcher(lists);
  const out: OptOutFinding[] = [];
  if (matcher.empty) return out;
  for (const file of runShardFiles(outDir)) {
    const path = join(outDir, file);
    if (!existsSync(path)) continue; // verify reports missing shards itself
    for (const r of await readParquet(path, { columns: ['id', 'doc_id', 'url', 'text'] })) {
      const hit = matcher.match({ id: (r.doc_id as string) || (r.id as string), url: r.url as string, text: r.text as string });
      if (hit) out.push({ shard: file, id: r.id as string, detail: optOutDetail(hit) });
    }
  }
  return out;
}

/** Reads a list file (path resolved against baseDir), keeping the name as given. */
export function readOptOutList(file: string, baseDir: string): OptOutList {
  const path = isAbsolute(file) ? file : resolve(baseDir, file);
  if (!existsSync(path)) throw new Error(`opt-out list ${path} not found`);
  return parseOptOutList(file, readFileSync(path));
}
