import { DOMAINS, type Domain } from '../core/doc.js';
import { sampleHash } from './sampleHash.js';

/** A row to place in a shard: one selected (document, epoch). */
export interface ShardRow {
  rowId: string;
  domain: Domain;
  tokens: number;
  /** UTF-8 bytes of the text: shards are cut by size. */
  bytes: number;
}

export interface ComposeOptions {
  seed: number;
  /** A shard is closed once its text reaches this many bytes (and its domain shares are in tolerance). */
  maxBytes: number;
  /** Allowed deviation of a shard's domain token share from the target, before closing it. */
  tolerance?: number;
}

/**
 * Orders the selected rows into shards whose domain token shares follow the overall mix.
 * Inside a domain the order is a seeded shuffle (hash of seed and row id); across domains the
 * next row comes from the domain furthest below its target share in the current shard, so every
 * shard, not just the whole mix, has the mix's proportions. Returns shards as lists of row ids.
 */
export function composeShards(rows: ShardRow[], opts: ComposeOptions): ShardRow[][] {
  const tolerance = opts.tolerance ?? 0.015;
  const queues = new Map<Domain, ShardRow[]>();
  const totals = new Map<Domain, number>();
  for (const d of DOMAINS) {
    queues.set(d, []);
    totals.set(d, 0);
  }
  for (const r of rows) {
    queues.get(r.domain)!.push(r);
    totals.set(r.domain, totals.get(r.domain)! + r.tokens);
  }
  const grand = [...totals.values()].reduce((a, b) => a + b, 0);
  if (grand === 0) return rows.length ? [rows.slice()] : [];
  const target = new Map(DOMAINS.map((d) => [d, totals.get(d)! / grand]));
  for (const d of DOMAINS) {
    const keyed = queues.get(d)!.map((r) => ({ r, h: sampleHash(opts.seed, r.rowId) }));
    keyed.sort((a, b) => a.h - b.h || (a.r.rowId < b.r.rowId ? -1 : 1));
    queues.set(d, keyed.map((k) => k.r));
  }
  const heads = new Map(DOMAINS.map((d) => [d, 0]));
  const left = () => DOMAINS.some((d) => heads.get(d)! < queues.get(d)!.length);

  const shards: ShardRow[][] = [];
  while (left()) {
    const shard: ShardRow[] = [];
    const written = new Map(DOMAINS.map((d) => [d, 0]));
    let tokens = 0;
    let bytes = 0;
    while (left()) {
      if (bytes >= opts.maxBytes) {
        const inTolerance = DOMAINS.every((d) => Math.abs(written.get(d)! / Math.max(1, tokens) - target.get(d)!) <= tolerance);
        // Past the size limit, keep filling from deficit domains a little longer to land in tolerance.
        if (inTolerance || bytes >= opts.maxBytes * 1.25) break;
      }
      let best: Domain | undefined;
      let bestDeficit = -Infinity;
      for (const d of DOMAINS) {
        if (heads.get(d)! >= queues.get(d)!.length) continue;
        const deficit = target.get(d)! * (tokens + 1) - written.get(d)!;
        if (deficit > bestDeficit) {
          bestDeficit = deficit;
          best = d;
        }
      }
      const r = queues.get(best!)![heads.get(best!)!]!;
      heads.set(best!, heads.get(best!)! + 1);
      shard.push(r);
      written.set(r.domain, written.get(r.domain)! + r.tokens);
      tokens += r.tokens;
      bytes += r.bytes;
    }
    shards.push(shard);
  }
  return shards;
}
