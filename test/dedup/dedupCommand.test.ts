import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dedupSchema } from '../../src/config/dedupSchema.js';
import { dedupConfigFromFlags, runDedupCommand } from '../../src/dedup/dedupCommand.js';
import { assertComparableSignatures, permutationChecksum } from '../../src/dedup/permutations.js';
import { randomWords, rng } from './synthetic.js';

describe('curate dedup command body', () => {
  it('builds the config from flags and rejects invalid ones with the field name', () => {
    expect(dedupConfigFromFlags({ threshold: '0.7', numPerm: '128', exact: 'false' })).toMatchObject({ threshold: 0.7, num_perm: 128, exact: false, bands: 14 });
    expect(() => dedupConfigFromFlags({ bands: '20' })).toThrow(/dedup option bands: expected bands × rows ≤ num_perm/);
    expect(() => dedupConfigFromFlags({ verify: 'maybe' })).toThrow(/dedup option verify/);
  });

  it('runs on a JSONL corpus and logs a summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dedupcmd-'));
    const text = randomWords(200, rng(1)).join(' ');
    writeFileSync(join(dir, 'c.jsonl'), [{ id: 'a', text }, { id: 'b', text: text + ' extra' }].map((d) => JSON.stringify(d)).join('\n'));
    const lines: string[] = [];
    const r = await runDedupCommand({ in: join(dir, 'c.jsonl'), out: join(dir, 'o.jsonl') }, (l) => lines.push(l));
    expect(r.removed).toBe(1);
    expect(lines[0]).toMatch(/^dedup: 2 documents, 1 removed \(0 exact, 1 near\) in 1 clusters/);
    expect(readFileSync(join(dir, 'o.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });
});

describe('assertComparableSignatures', () => {
  it('accepts the same settings and explains a mismatch', () => {
    const cfg = dedupSchema.parse({});
    expect(() => assertComparableSignatures(permutationChecksum(cfg), cfg)).not.toThrow();
    expect(() => assertComparableSignatures(permutationChecksum({ ...cfg, seed: 9 }), cfg, 'out/run/staging')).toThrow(/out\/run\/staging: MinHash signatures were computed with permutation checksum .* re-run ingest/);
  });
});
