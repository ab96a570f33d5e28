import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dedupSchema } from '../../src/config/dedupSchema.js';
import { dedupConfigFromFlags, runDedupCommand } from '../../src/cli/dedupCommand.js';
import { curate } from '../support/cliHarness.js';
import { assertComparableSignatures, permutationChecksum } from '../../src/dedup/permutations.js';
import { randomWords, rng } from '../dedup/synthetic.js';

describe('curate dedup command body', () => {
  it('builds the config from flags and rejects invalid ones with the field name', () => {
    expect(dedupConfigFromFlags({ threshold: '0.7', numPerm: '128', exact: 'false' })).toMatchObject({ threshold: 0.7, num_perm: 128, exact: false, bands: 14 });
    expect(() => dedupConfigFromFlags({ bands: '20' })).toThrow(/^dedup --bands: expected bands × rows ≤ num_perm .*, got 20$/);
    expect(() => dedupConfigFromFlags({ verify: 'maybe' })).toThrow(/^dedup --verify: .*got "maybe"$/);
    expect(dedupConfigFromFlags({ survivor: 'quality,length', maxClusterSize: '5', outOfCore: 'never', near: 'false' })).toMatchObject({ survivor: ['quality', 'length'], max_cluster_size: 5, out_of_core: 'never', near: false });
  });

  it('runs on a JSONL corpus and logs a summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dedupcmd-'));
    const text = randomWords(200, rng(1)).join(' ');
    writeFileSync(join(dir, 'c.jsonl'), [{ id: 'a', text }, { id: 'b', text: text + ' extra' }].map((d) => JSON.stringify(d)).join('\n'));
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    const r = await runDedupCommand({ in: join(dir, 'c.jsonl'), out: join(dir, 'o.jsonl') }, log);
    expect(r.removed).toBe(1);
    expect(lines[0]).toMatch(/^dedup: 2 documents, 1 removed \(0 exact, 1 near\) in 1 clusters/);
    expect(readFileSync(join(dir, 'o.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });
});

describe('curate dedup --in/--out as a user runs it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dedupcli-'));
  const text = randomWords(200, rng(2)).join(' ');
  writeFileSync(join(dir, 'c.jsonl'), [{ id: 'a', text }, { id: 'b', text: `${text} more` }, { id: 'c', text: randomWords(200, rng(3)).join(' ') }].map((d) => JSON.stringify(d)).join('\n'));

  it('accepts every field of the dedup: config block as an option, by the same name', async () => {
    const help = await curate(dir, ['dedup', '--help']);
    for (const k of Object.keys(dedupSchema.parse({}))) expect(help.stdout, k).toContain(`--${k.replace(/_/g, '-')} `);
    const r = await curate(dir, ['dedup', '--in', 'c.jsonl', '--out', 'o.jsonl', '--threshold', '0.7', '--num-perm', '128', '--bands', '16', '--rows', '8', '--survivor', 'length,quality', '--exact', 'false']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^dedup: 3 documents, 1 removed \(0 exact, 1 near\) in 1 clusters/);
    const out = readFileSync(join(dir, 'o.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.survivor)).toEqual([false, true, true]); // survivor order length first: b is longer
  });

  it('exits 2 with one line on a usage error', async () => {
    const cases: [string[], RegExp][] = [
      [['--threshold', '2'], /^curate: dedup --threshold: .*, got 2\n$/],
      [['--exact', 'maybe'], /^curate: dedup --exact: expected true or false, got "maybe"\n$/],
      [['--frobnicate', '1'], /unknown option '--frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const r = await curate(dir, ['dedup', '--in', 'c.jsonl', '--out', 'o.jsonl', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('(run with --help')).length, r.stderr).toBe(1);
    }
  });
});

describe('assertComparableSignatures', () => {
  it('accepts the same settings and explains a mismatch', () => {
    const cfg = dedupSchema.parse({});
    expect(() => assertComparableSignatures(permutationChecksum(cfg), cfg)).not.toThrow();
    expect(() => assertComparableSignatures(permutationChecksum({ ...cfg, seed: 9 }), cfg, 'out/run/staging')).toThrow(/out\/run\/staging: MinHash signatures were computed with permutation checksum .* re-run ingest/);
  });
});
