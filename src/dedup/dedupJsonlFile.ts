import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { DedupConfig } from '../config/dedupSchema.js';
import { dedupItems, type DedupAlarm, type DedupItem } from './dedupItems.js';
import { exactHash } from './exactHash.js';
import { minhashSignature } from './minhash.js';

export interface DedupFileResult {
  docs: number;
  removed: number;
  clusters: number;
  alarms: DedupAlarm[];
  stats: Record<string, number>;
}

function field<T>(obj: Record<string, unknown>, name: string, type: 'string' | 'number', fallback: T | undefined, where: string): T {
  const v = obj[name];
  if (v === undefined || v === null) {
    if (fallback === undefined) throw new Error(`${where}: missing "${name}" (expected a ${type}); each line must be {"id": ..., "text": ...}`);
    return fallback;
  }
  if (typeof v !== type) throw new Error(`${where}: "${name}" must be a ${type}, got ${typeof v}`);
  return v as T;
}

/**
 * Standalone dedup of a JSONL corpus: each input line is {"id","text"} plus optional "source",
 * "license_rank" (lower = more permissive) and "quality" for the survivor policy. Writes one line
 * per document, in input order: {"id","cluster","survivor","survivor_id","similarity","kind"}.
 * Texts are not kept in memory: only ids, hashes and signatures.
 */
export async function dedupJsonlFile(inPath: string, outPath: string, cfg: DedupConfig): Promise<DedupFileResult> {
  const items: DedupItem[] = [];
  const lines = createInterface({ input: createReadStream(inPath, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    const where = `${inPath}:${lineNo}`;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new Error(`${where}: invalid JSON (${(e as Error).message}); expected one {"id","text"} object per line`);
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new Error(`${where}: expected a JSON object {"id","text"}`);
    const o = obj as Record<string, unknown>;
    const idRaw = o.id;
    const id = typeof idRaw === 'number' ? String(idRaw) : field<string>(o, 'id', 'string', undefined, where);
    const text = field<string>(o, 'text', 'string', undefined, where);
    items.push({
      id,
      source: field<string>(o, 'source', 'string', 'corpus', where),
      licenseRank: field<number>(o, 'license_rank', 'number', 0, where),
      quality: field<number>(o, 'quality', 'number', 0, where),
      length: text.length,
      exactHash: exactHash(text),
      signature: cfg.near ? minhashSignature(text, cfg) : undefined,
    });
  }
  const order = items.map((it) => it.id);
  const { decisions, alarms, stats } = dedupItems(items, cfg);
  const byId = new Map(decisions.map((d) => [d.id, d]));
  const tmp = `${outPath}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    let buf = '';
    for (const id of order) {
      const d = byId.get(id)!;
      buf += `${JSON.stringify({ id: d.id, cluster: d.cluster, survivor: d.survivor, survivor_id: d.survivorId, similarity: d.similarity, kind: d.kind })}\n`;
      if (buf.length > 1 << 20) {
        await fh.write(buf);
        buf = '';
      }
    }
    await fh.write(buf);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  await rename(tmp, outPath);
  return { docs: items.length, removed: stats.removed_exact + stats.removed_near, clusters: stats.clusters, alarms, stats };
}
