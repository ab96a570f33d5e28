/**
 * Crash safety: a run killed with SIGKILL at random points and resumed produces exactly the output
 * of an uninterrupted run, byte for byte (shards and manifest).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { curate, runOutput, smallConfig, spawnCurate, workspace } from '../support/cliHarness.js';

// Small checkpoint chunks so kills land inside partitions too.
const config = smallConfig('resume', 'ingest:\n  checkpoint_records: 4\n  batch_size: 2\n');

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('resume after kill -9', () => {
  let reference: ReturnType<typeof runOutput>;
  let referenceSeconds = 0;

  beforeAll(async () => {
    const ws = workspace({ 'resume.yaml': config });
    const t0 = Date.now();
    const r = await curate(ws, ['run', 'configs/resume.yaml', '--workers', '1', '--quiet']);
    referenceSeconds = (Date.now() - t0) / 1000;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    reference = runOutput(join(ws, 'out/resume'));
    expect(Object.keys(reference.shards).length).toBeGreaterThan(1);
  }, 300_000);

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: killed at a random point, resumed, identical output`, async () => {
      const ws = workspace({ 'resume.yaml': config });
      const rand = mulberry32(seed);
      // Kill somewhere between process start and the reference run's duration.
      const delayMs = Math.round((0.15 + 0.8 * rand()) * referenceSeconds * 1000);
      const child = spawnCurate(ws, ['run', 'configs/resume.yaml', '--workers', String(1 + Math.floor(rand() * 2)), '--quiet']);
      const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
      const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      await exited;
      clearTimeout(timer);
      const resumed = await curate(ws, ['run', 'configs/resume.yaml', '--workers', '2', '--quiet']);
      expect(resumed.stderr).toBe('');
      expect(resumed.code).toBe(0);
      const out = runOutput(join(ws, 'out/resume'));
      expect(Object.keys(out.shards)).toEqual(Object.keys(reference.shards));
      for (const f of Object.keys(reference.shards)) expect(out.shards[f]!.equals(reference.shards[f]!), `${f} differs (kill after ${delayMs} ms)`).toBe(true);
      expect(out.manifest).toEqual(reference.manifest);
      rmSync(ws, { recursive: true, force: true });
    }, 300_000);
  }
});
