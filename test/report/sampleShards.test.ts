import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/io/parquetFile.js';
import { sampleHash } from '../../src/mix/sampleHash.js';
import { sampleShards, sampleShardsPerDomain } from '../../src/report/sampleShards.js';
import { RunOutputError } from '../../src/report/shardFiles.js';
import { fixtureRows, writeFixtureRun } from './shardFixture.js';

/** The expected sample, computed the slow way: filter everything, sort by hash(seed, id), take n. */
function expected(rows: Row[], seed: number, n: number, keep: (r: Row) => boolean = () => true): string[] {
  return rows
    .filter((r) => r.epoch === 0 && keep(r))
    .map((r) => ({ id: r.id as string, h: sampleHash(seed, r.id as string) }))
    .sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1))
    .slice(0, n)
    .map((x) => x.id);
}

describe('sampleShards', () => {
  const rows = fixtureRows(240);
  let run: string;
  let reordered: string;

  beforeAll(() => {
    run = writeFixtureRun(rows, 3);
    // Same documents, other split, other file names, rows reversed.
    reordered = writeFixtureRun([...rows].reverse(), 5, 'other');
  });
  afterAll(() => {
    rmSync(run, { recursive: true, force: true });
    rmSync(reordered, { recursive: true, force: true });
  });

  it('returns the n lowest-ranked documents for the seed, in rank order, with their full rows', async () => {
    const got = await sampleShards(run, { n: 12, seed: 42 });
    expect(got.map((r) => r.id)).toEqual(expected(rows, 42, 12));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of got) {
      const src = byId.get(r.id)!;
      expect(r.text).toBe(src.text);
      expect(r.source).toBe(src.source);
      expect(r.tokens).toBe(src.tokens);
      expect(r.shard).toMatch(/^fixture-\d{5}\.parquet$/);
      expect(r).not.toHaveProperty('signals');
    }
  });

  it('gives the same sample for the same seed whatever the shard split and order, and another for another seed', async () => {
    const a = (await sampleShards(run, { n: 20, seed: 7 })).map((r) => r.id);
    const b = (await sampleShards(reordered, { n: 20, seed: 7 })).map((r) => r.id);
    const c = (await sampleShards(run, { n: 20, seed: 8 })).map((r) => r.id);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(new Set(a).size).toBe(20);
  });

  it('filters by domain, source and minimum quality before taking n', async () => {
    const keep = (r: Row) => r.domain === 'prose' && r.source === 'beta' && (r.quality as number) >= 2.5;
    const got = await sampleShards(run, { n: 6, seed: 3, domain: 'prose', source: 'beta', minQuality: 2.5 });
    expect(got.length).toBe(6);
    expect(got.map((r) => r.id)).toEqual(expected(rows, 3, 6, keep));
    for (const r of got) {
      expect(r.domain).toBe('prose');
      expect(r.source).toBe('beta');
      expect(r.quality as number).toBeGreaterThanOrEqual(2.5);
    }
  });

  it('shows each document once (upsampled repeats skipped) and returns all matches when n is larger', async () => {
    const all = await sampleShards(run, { n: 10_000, seed: 1 });
    expect(all.length).toBe(240);
    expect(all.every((r) => r.epoch === 0 && !String(r.id).includes('#'))).toBe(true);
    expect(await sampleShards(run, { n: 5, seed: 1, domain: 'nonexistent' })).toEqual([]);
    expect(await sampleShards(run, { n: 0, seed: 1 })).toEqual([]);
  });

  it('samples every domain in one pass exactly as one call per domain does', async () => {
    const per = await sampleShardsPerDomain(run, { n: 9, seed: 21, minQuality: 1 });
    const oneByOne = [];
    for (const domain of ['code', 'prose', 'science']) oneByOne.push(...(await sampleShards(run, { n: 9, seed: 21, minQuality: 1, domain })));
    expect(per.map((r) => r.id)).toEqual(oneByOne.map((r) => r.id));
    expect(per.length).toBe(27);
  });

  it('includes the signals as an object when asked', async () => {
    const [r] = await sampleShards(run, { n: 1, seed: 5, signals: true });
    expect(r!.signals).toEqual({ words: expect.any(Number), mean_word_length: 4.5 });
  });

  it('says what to do when the folder is not a finished run', async () => {
    await expect(sampleShards('/nonexistent/run', { n: 1, seed: 1 })).rejects.toThrow(RunOutputError);
    await expect(sampleShards('/tmp', { n: 1, seed: 1 })).rejects.toThrow(/run `curate run <config>`/);
  });
});
