import { describe, expect, it } from 'vitest';
import { dedupSchema } from '../../src/config/dedupSchema.js';
import { DEDUP_WORKING_BYTES, planDedupMemory } from '../../src/dedup/dedupMemory.js';

const cfg = (extra: Record<string, unknown>) => dedupSchema.parse(extra);

describe('planDedupMemory', () => {
  it('keeps signatures in memory while docs × (4·num_perm + working bytes) fits the budget', () => {
    const p = planDedupMemory(1_000_000, cfg({ max_memory_mb: 708 }));
    expect(p).toMatchObject({ signatures: 'memory', inMemoryMb: 708, outOfCoreMb: 260, signatureFileMb: 448 });
    expect(p.reason).toBe('dedup: 1,000,000 docs need ~708 MB in memory, within max_memory_mb 708: signatures in memory');
  });

  it('puts them on disk beyond the budget, and says why', () => {
    const p = planDedupMemory(1_000_000, cfg({ max_memory_mb: 300.5 }));
    expect(p.signatures).toBe('disk');
    expect(p.reason).toBe('dedup: 1,000,000 docs need ~708 MB in memory, over max_memory_mb 300.5: signatures on disk (448 MB file, ~260 MB in memory)');
    expect(planDedupMemory(10, cfg({ out_of_core: 'always' })).signatures).toBe('disk');
  });

  it('refuses only when the tables alone exceed the budget, or when out_of_core is never', () => {
    expect(() => planDedupMemory(1_000_000, cfg({ max_memory_mb: 200 }))).toThrow(
      `dedup of 1000000 documents needs about 260 MB even with the signatures on disk (${DEDUP_WORKING_BYTES} bytes each for ids, ranks and LSH tables; 708 MB in memory), over dedup.max_memory_mb = 200: raise the budget`,
    );
    expect(() => planDedupMemory(1_000_000, cfg({ max_memory_mb: 700, out_of_core: 'never' }))).toThrow(/needs about 708 MB .*dedup\.out_of_core is never: set out_of_core: auto/);
    expect(() => planDedupMemory(1_000_000, cfg({ max_memory_mb: 200, out_of_core: 'always' }))).toThrow(/even with the signatures on disk/);
  });

  it('rejects an unknown out_of_core value with the allowed ones', () => {
    const r = dedupSchema.safeParse({ out_of_core: 'yes' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('expected auto (signatures on disk only when over max_memory_mb), always or never');
    expect(dedupSchema.safeParse({ max_memory_mb: 0 }).success).toBe(false);
  });
});
