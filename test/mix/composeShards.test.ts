import { describe, expect, it } from 'vitest';
import { DOMAINS, type Domain } from '../../src/core/doc.js';
import { composeShards, type ShardRow } from '../../src/mix/composeShards.js';

function rows(domain: Domain, n: number, seed: number): ShardRow[] {
  // Varied, deterministic document sizes between 200 and 3,000 tokens.
  return Array.from({ length: n }, (_, i) => {
    const tokens = 200 + ((i * 7919 + seed * 104729) % 2800);
    return { rowId: `${domain}-${i}`, domain, tokens, bytes: tokens * 4 };
  });
}

describe('composeShards', () => {
  const all = [...rows('code', 300, 1), ...rows('prose', 500, 2), ...rows('science', 200, 3)];

  it('gives every shard but the last the mix\'s domain token shares within ±2 points', () => {
    const shards = composeShards(all, { seed: 42, maxBytes: 1_000_000 });
    expect(shards.length).toBeGreaterThan(3);
    const total = Object.fromEntries(DOMAINS.map((d) => [d, all.filter((r) => r.domain === d).reduce((a, r) => a + r.tokens, 0)]));
    const grand = Object.values(total).reduce((a, b) => a + b, 0);
    for (const shard of shards.slice(0, -1)) {
      const t = shard.reduce((a, r) => a + r.tokens, 0);
      for (const d of DOMAINS) {
        const share = shard.filter((r) => r.domain === d).reduce((a, r) => a + r.tokens, 0) / t;
        expect(Math.abs(share - total[d]! / grand)).toBeLessThanOrEqual(0.02);
      }
    }
    // Every row exactly once.
    expect(shards.flat().map((r) => r.rowId).sort()).toEqual(all.map((r) => r.rowId).sort());
  });

  it('is a deterministic function of the rows and the seed, not their order', () => {
    const a = composeShards(all, { seed: 42, maxBytes: 500_000 }).map((s) => s.map((r) => r.rowId));
    const b = composeShards([...all].reverse(), { seed: 42, maxBytes: 500_000 }).map((s) => s.map((r) => r.rowId));
    expect(b).toEqual(a);
    const c = composeShards(all, { seed: 43, maxBytes: 500_000 }).map((s) => s.map((r) => r.rowId));
    expect(c).not.toEqual(a);
  });

  it('cuts shards by size', () => {
    const shards = composeShards(all, { seed: 1, maxBytes: 400_000 });
    for (const s of shards.slice(0, -1)) {
      const bytes = s.reduce((a, r) => a + r.bytes, 0);
      expect(bytes).toBeGreaterThanOrEqual(400_000);
      expect(bytes).toBeLessThan(400_000 * 1.25 + 12_000);
    }
  });
});
