/**
 * Finding 2: two runs on one output at once corrupted each other (ENOENT/ENOTEMPTY, sometimes no
 * manifest). Now the output is locked: the second fails at once naming the holder; a lock left by a
 * dead process on this host is taken over with a note.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curate, curateBin, workspace } from '../support/cliHarness.js';
import { tinyConfig, writeTinyDump } from './hardeningFixtures.js';

const DEAD_PID = 2 ** 22 + 4321;

function ws(): string {
  const dir = workspace({ 'lock.yaml': tinyConfig('lock') });
  writeTinyDump(dir);
  return dir;
}

describe('one run per output folder', () => {
  it('a lock held by a live process: the command fails at once, naming pid and host', async () => {
    const dir = ws();
    mkdirSync(join(dir, 'out/lock'), { recursive: true });
    const lock = join(dir, 'out/lock/.curate.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), command: 'curate run configs/lock.yaml', since: '2026-01-01T00:00:00Z' }));
    for (const cmd of ['run', 'mix', 'finalize']) {
      const r = await curate(dir, [cmd, 'configs/lock.yaml', '--quiet']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`output .*out/lock is in use by pid ${process.pid} on host ${hostname()} \\(\`curate run configs/lock.yaml\`, since 2026-01-01T00:00:00Z\\): wait for it to finish`));
    }
    expect(existsSync(lock)).toBe(true); // not ours: never removed
    // A lock from another host cannot be checked: it is never taken over.
    writeFileSync(lock, JSON.stringify({ pid: DEAD_PID, host: 'elsewhere.example', command: 'x', since: 'y' }));
    const r = await curate(dir, ['mix', 'configs/lock.yaml', '--quiet']);
    expect(r.stderr).toMatch(/in use by pid \d+ on host elsewhere\.example .* delete .*\.curate\.lock and run again/);
  }, 120_000);

  it('a stale lock (dead pid, this host) is taken over with a note, and released at the end', async () => {
    const dir = ws();
    mkdirSync(join(dir, 'out/lock'), { recursive: true });
    const lock = join(dir, 'out/lock/.curate.lock');
    writeFileSync(lock, JSON.stringify({ pid: DEAD_PID, host: hostname(), command: 'curate run configs/lock.yaml', since: 'y' }));
    const r = await curate(dir, ['run', 'configs/lock.yaml']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`note: .*\\.curate\\.lock was left by pid ${DEAD_PID} on this host, which is no longer running; taking it over`));
    expect(existsSync(lock)).toBe(false);
  }, 120_000);

  it('two runs at once: the second fails naming the first; the first finishes intact', async () => {
    const dir = ws();
    const first = spawn(process.execPath, [curateBin, 'run', 'configs/lock.yaml', '--quiet'], { cwd: dir, env: { ...process.env, CURATE_PROGRESS: '0' }, stdio: 'ignore' });
    const firstDone = new Promise<number | null>((res) => first.on('exit', (c) => res(c)));
    const lock = join(dir, 'out/lock/.curate.lock');
    for (let i = 0; i < 600 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(lock)).toBe(true);
    const second = await curate(dir, ['run', 'configs/lock.yaml', '--quiet']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`is in use by pid ${first.pid} on host`));
    expect(await firstDone).toBe(0);
    expect(existsSync(join(dir, 'out/lock/manifest.json'))).toBe(true);
    expect(existsSync(lock)).toBe(false);
    const v = await curate(dir, ['verify', 'out/lock']);
    expect(v.code).toBe(0);
  }, 180_000);
});
