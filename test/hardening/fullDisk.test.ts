/**
 * A full disk (ENOSPC) while writing staging or shards: the run fails with a message naming the
 * file and saying what to do, no temporary or partial file is left under a final name, and after
 * space is freed the same command resumes to the output of an uninterrupted run. Simulated with a
 * small tmpfs (needs root and mount); skipped with a printed reason otherwise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curate, runOutput, workspace } from '../support/cliHarness.js';
import { tinyConfig, writeTinyDump } from './hardeningFixtures.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'curate-tmpfs-'));
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!canMount) console.warn(`fullDisk.test.ts skipped: cannot mount a small tmpfs here (needs root and mount -t tmpfs)`);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

describe.skipIf(!canMount)('full disk', () => {
  let ws: string;
  afterAll(() => {
    execFileSync('umount', [mountPoint], { stdio: 'ignore' });
    rmSync(mountPoint, { recursive: true, force: true });
  });
  beforeAll(() => {
    ws = workspace({ 'disk.yaml': tinyConfig('disk', { output: join(mountPoint, 'out') }), 'ref.yaml': tinyConfig('disk', { output: 'out/ref' }) });
    writeTinyDump(ws, 12);
  });

  it('fails with a clear message, keeps nothing partial, and resumes to the uninterrupted output once space is freed', async () => {
    // Fill most of the 64 KB so the run stops in the middle of phase 1.
    writeFileSync(join(mountPoint, 'ballast'), Buffer.alloc(40 * 1024));
    const full = await curate(ws, ['run', 'configs/disk.yaml', '--quiet']);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/curate: no space left on the device while writing .*out\/.* \(ENOSPC\): free some space and run the same command again; it resumes from its last checkpoint/);
    const files = walk(join(mountPoint, 'out'));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(mountPoint, 'out/manifest.json'))).toBe(false);
    // Every chunk marked done has its staging file.
    for (const f of files.filter((x) => /chunk-\d+\.stats\.json$/.test(x))) expect(existsSync(f.replace('.stats.json', '.parquet'))).toBe(true);

    rmSync(join(mountPoint, 'ballast'));
    execFileSync('mount', ['-o', 'remount,size=8m', mountPoint]);
    const resumed = await curate(ws, ['run', 'configs/disk.yaml', '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    mkdirSync(join(ws, 'out'), { recursive: true });
    expect((await curate(ws, ['run', 'configs/ref.yaml', '--quiet'])).code).toBe(0);
    const a = runOutput(join(mountPoint, 'out'));
    const b = runOutput(join(ws, 'out/ref'));
    expect(Object.keys(a.shards)).toEqual(Object.keys(b.shards));
    for (const f of Object.keys(b.shards)) expect(a.shards[f]!.equals(b.shards[f]!), f).toBe(true);
  }, 240_000);
});
