/**
 * With CURATE_INGEST_PROCESSES=1, `--workers N` ingests whole partitions in N processes (src/pipeline/ingestProcessPool.ts):
 * staging, rejects, shards and manifest are byte-identical to one worker, the child processes'
 * log lines come out in the run's log format, and a run killed mid-ingest leaves no worker
 * behind and resumes to the same output.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { curate, curateBin, runOutput, smallConfig, workspace } from '../support/cliHarness.js';

// Small checkpoint chunks and batches: every partition commits several chunks.
const config = smallConfig('procs', 'ingest:\n  checkpoint_records: 5\n  batch_size: 4\n');

/** sha256 of every file under the given folders, by relative path (temporary files would show up too). */
function snapshot(root: string, dirs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(root.length)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  for (const d of dirs) walk(join(root, d));
  return out;
}

/** Pids of the direct children of `pid` (Linux /proc). */
function childPids(pid: number): number[] {
  const dir = `/proc/${pid}/task`;
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((t) => {
    try {
      return readFileSync(join(dir, t, 'children'), 'utf8').split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('ingest in worker processes', () => {
  let reference: { dir: string; files: Record<string, string>; out: ReturnType<typeof runOutput> };

  beforeAll(async () => {
    const ws = workspace({ 'procs.yaml': config });
    const r = await curate(ws, ['run', 'configs/procs.yaml', '--workers', '1', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const dir = join(ws, 'out/procs');
    reference = { dir, files: snapshot(dir, ['staging', 'rejects', 'dedup', 'shards']), out: runOutput(dir) };
    expect(Object.keys(reference.out.shards).length).toBeGreaterThan(1);
  }, 300_000);

  it('3 processes give the same staging, rejects, dedup, shards and manifest as 1, and log JSON lines', async () => {
    const ws = workspace({ 'procs.yaml': config });
    const r = await curate(ws, ['--log-format', 'json', 'run', 'configs/procs.yaml', '--workers', '3'], { CURATE_PROGRESS: '1', CURATE_PROGRESS_INTERVAL: '0.05', CURATE_INGEST_PROCESSES: '1' });
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter(Boolean);
    for (const l of lines) expect(() => JSON.parse(l), l).not.toThrow();
    const msgs = lines.map((l) => JSON.parse(l) as { msg?: string; event?: string; label?: string; value?: number; total?: number });
    // One line per partition, whichever process ingested it (the small config has 4 sources, one partition each).
    const partitionLines = msgs.filter((m) => /^ingest [\w-]+\/files-\d+: \d+ records/.test(m.msg ?? ''));
    expect(partitionLines.map((m) => m.msg!.split(':')[0]).sort()).toEqual(['ingest cpython-stdlib/files-00000', 'ingest kjv-bible/files-00000', 'ingest python-docs/files-00000', 'ingest scipy-docs/files-00000']);
    // The progress reaches every partition and counts the records read by the child processes too.
    const last = msgs.filter((m) => m.event === 'progress' && m.label === 'ingest procs').at(-1) as { value: number; total: number; records: number } | undefined;
    expect(last?.value).toBe(4);
    expect(last?.total).toBe(4);
    const stats = JSON.parse(readFileSync(join(ws, 'out/procs/stats.json'), 'utf8')) as { totals: { records: number } };
    expect(last?.records).toBe(stats.totals.records);
    const dir = join(ws, 'out/procs');
    expect(snapshot(dir, ['staging', 'rejects', 'dedup', 'shards'])).toEqual(reference.files);
    expect(runOutput(dir).manifest).toEqual(reference.out.manifest);
    expect(readdirSync(dir).filter((f) => f.startsWith('.curate.lock'))).toEqual([]);
  }, 300_000);

  it('a source with one partition (batches shared by threads) gives the same staging as 1 worker', async () => {
    const one = config.replace(/^ {2}- \{ id: (kjv-bible|cpython-stdlib|scipy-docs),.*\n/gm, '').replace('code: 0.3, prose: 0.5, science: 0.2', 'prose: 1');
    expect(one.match(/- \{ id:/g)).toHaveLength(1);
    const dirs: string[] = [];
    for (const w of ['1', '2']) {
      const ws = workspace({ 'procs.yaml': one });
      const r = await curate(ws, ['ingest', 'configs/procs.yaml', '--workers', w, '--quiet'], { CURATE_INGEST_PROCESSES: '1' });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      dirs.push(join(ws, 'out/procs'));
    }
    expect(snapshot(dirs[1]!, ['staging', 'rejects'])).toEqual(snapshot(dirs[0]!, ['staging', 'rejects']));
  }, 300_000);

  it('killed mid-ingest: the worker processes end too, and the resumed run gives the same output', async () => {
    const ws = workspace({ 'procs.yaml': config });
    const proc = spawn(process.execPath, [curateBin, 'run', 'configs/procs.yaml', '--workers', '2'], { cwd: ws, env: { ...process.env, CURATE_PROGRESS: '0', CURATE_INGEST_PROCESSES: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let workers: number[] = [];
    const exited = new Promise<void>((res) => proc.on('exit', () => res()));
    // Kill at the first partition done, while the other process is still ingesting its own.
    await new Promise<void>((res) => {
      let err = '';
      proc.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (/^ingest [\w-]+\/files-\d+: /m.test(err) && !workers.length) {
          workers = childPids(proc.pid!);
          proc.kill('SIGKILL');
          res();
        }
      });
      proc.on('exit', () => res());
    });
    await exited;
    expect(workers.length).toBe(1);
    // A worker notices its parent is gone at its next batch and stops.
    for (let i = 0; i < 100 && workers.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(workers.filter(alive)).toEqual([]);
    const resumed = await curate(ws, ['run', 'configs/procs.yaml', '--workers', '2', '--quiet'], { CURATE_INGEST_PROCESSES: '1' });
    expect(resumed.code).toBe(0);
    const dir = join(ws, 'out/procs');
    expect(snapshot(dir, ['staging', 'rejects', 'dedup', 'shards'])).toEqual(reference.files);
    expect(runOutput(dir).manifest).toEqual(reference.out.manifest);
  }, 300_000);
});
