/**
 * Finding 1: a run deleted every *.parquet in <output>/shards/ it did not write (a Parquet source's
 * own files, another config's shards), and `curate dedup --in c.jsonl --out c.jsonl` overwrote the
 * corpus. Finding 2 (second half): `*.parquet.<pid>.tmp` stayed after a kill -9 and a resume.
 * The overlap of output and sources is in configErrors.test.ts.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { curate, workspace } from '../support/cliHarness.js';
import { tinyConfig, writeTinyDump } from './hardeningFixtures.js';

const DEAD_PID = 2 ** 22 + 12345; // above the default pid_max: never a running process

describe('a run deletes only what it wrote', () => {
  let ws: string;
  const out = () => join(ws, 'out/own');
  const shards = () => readdirSync(join(out(), 'shards')).sort();

  beforeAll(async () => {
    ws = workspace({ 'own.yaml': tinyConfig('own'), 'other.yaml': tinyConfig('other', { output: 'out/own' }) });
    writeTinyDump(ws);
    const r = await curate(ws, ['run', 'configs/own.yaml', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 120_000);

  it('leaves foreign files in shards/, removes its own dead temp files, keeps its own shards', async () => {
    const before = shards();
    expect(before.length).toBeGreaterThan(1);
    writeFileSync(join(out(), 'shards', 'notes.parquet'), 'not ours');
    writeFileSync(join(out(), 'shards', 'own-00077.parquet'), 'named like ours, never in our ledger');
    const tmps = [join(out(), 'shards', `own-00000.parquet.${DEAD_PID}.tmp`), join(out(), 'staging', `_plan.json.${DEAD_PID}.tmp`), join(out(), 'manifest.json.1.tmp')];
    for (const t of tmps) writeFileSync(t, 'left by a killed run');
    const r = await curate(ws, ['run', 'configs/own.yaml']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/removed 2 temporary file\(s\) left by a killed run/);
    expect(readFileSync(join(out(), 'shards', 'notes.parquet'), 'utf8')).toBe('not ours');
    expect(existsSync(join(out(), 'shards', 'own-00077.parquet'))).toBe(true);
    expect(existsSync(tmps[0]!)).toBe(false);
    expect(existsSync(tmps[1]!)).toBe(false);
    // pid 1 is running: its temp file may be in use, so it stays.
    expect(existsSync(tmps[2]!)).toBe(true);
    expect(shards()).toEqual([...before, 'notes.parquet', 'own-00077.parquet'].sort());
  }, 120_000);

  it('a re-mix with fewer shards removes the shards its ledger names, and only those', async () => {
    writeFileSync(join(ws, 'configs/own.yaml'), tinyConfig('own').replace('max_bytes: 8KB', 'max_bytes: 1MB'));
    const r = await curate(ws, ['run', 'configs/own.yaml', '--quiet']);
    expect(r.code).toBe(0);
    expect(shards()).toEqual(['notes.parquet', 'own-00000.parquet', 'own-00077.parquet']);
    const v = await curate(ws, ['verify', 'out/own']);
    expect(v.stdout).toMatch(/shard\.extra/); // the foreign files are reported, not deleted
  }, 120_000);

  it('another config on the same output is refused, and the first run\'s files stay', async () => {
    const manifest = readFileSync(join(out(), 'manifest.json'));
    const r = await curate(ws, ['run', 'configs/other.yaml', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/output .*out\/own holds the run of config "own" \(manifest\.json\), not "other": give each config its own output folder/);
    expect(readFileSync(join(out(), 'manifest.json')).equals(manifest)).toBe(true);
    expect(shards()).toContain('own-00000.parquet');
  }, 120_000);
});

describe('standalone commands never write over their input', () => {
  it('curate dedup --in c.jsonl --out c.jsonl (also through ./ and a hard link) refuses and keeps the corpus', async () => {
    const ws = workspace();
    mkdirSync(join(ws, 'd'));
    const corpus = '{"id":"a","text":"hello world"}\n';
    writeFileSync(join(ws, 'd/c.jsonl'), corpus);
    for (const outArg of ['d/c.jsonl', './d/../d/c.jsonl']) {
      const r = await curate(ws, ['dedup', '--in', 'd/c.jsonl', '--out', outArg]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/dedup: the output .* is the input d\/c\.jsonl; writing it would destroy the input/);
    }
    const s = await curate(ws, ['score', '--in', 'd/c.jsonl', '--out', 'd/c.jsonl']);
    expect(s.code).toBe(2);
    expect(readFileSync(join(ws, 'd/c.jsonl'), 'utf8')).toBe(corpus);
  }, 60_000);
});
