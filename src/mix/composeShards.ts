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

/**
 * How many upcoming documents of each domain the composer may choose from. A little freedom lets
 * large documents wait for a shard with room, without undoing the seeded shuffle.
 */
const LOOKAHEAD = 16;

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
 * next row is the one (among each domain's next) that leaves the current shard closest to the
 * target shares, so every shard, not just the whole mix, has the mix's proportions. Returns shards as lists of row ids.
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
      // Take the next document of the domain whose addition leaves the shard closest to the
      // target shares: large documents wait until their domain has room for them.
      let best: Domain | undefined;
      let bestAt = 0;
      let bestError = Infinity;
      for (const d of DOMAINS) {
        const q = queues.get(d)!;
        const head = heads.get(d)!;
        for (let k = head; k < Math.min(q.length, head + LOOKAHEAD); k++) {
          const next = q[k]!;
          const total = tokens + next.tokens;
          let error = 0;
          for (const e of DOMAINS) {
            const w = written.get(e)! + (e === d ? next.tokens : 0);
            error += Math.abs(w / Math.max(1, total) - target.get(e)!);
          }
          if (error < bestError - 1e-12) {
            bestError = error;
            best = d;
            bestAt = k;
          }
        }
      }
      // Past the size limit, a document that would not bring the shares closer closes the shard.
      if (bytes >= opts.maxBytes) {
        let current = 0;
        for (const e of DOMAINS) current += Math.abs(written.get(e)! / Math.max(1, tokens) - target.get(e)!);
        if (bestError >= current) break;
      }
      // Take it out of its queue; the documents it jumped keep their order for the next picks.
      const q = queues.get(best!)!;
      const head = heads.get(best!)!;
      const r = q[bestAt]!;
      q.copyWithin(head + 1, head, bestAt);
      q[head] = r;
      heads.set(best!, head + 1);
      shard.push(r);
      written.set(r.domain, written.get(r.domain)! + r.tokens);
      tokens += r.tokens;
      bytes += r.bytes;
    }
    shards.push(shard);
  }
  return shards;
}
