/**
 * `npm run test:slurm`: the shipped Slurm job scripts (deploy/slurm/) on a real one-node cluster.
 * The example config as 3 tasks per phase gives byte-identical shards and manifest to `curate run`,
 * and a task cancelled with scancel mid-phase is recovered by resubmitting.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curate, repoRoot, runOutput, workspace } from '../support/cliHarness.js';
import { SlurmCluster, slurmUnavailable } from './slurmCluster.js';

const reason = slurmUnavailable();
if (reason) {
  if (process.env.CI === 'true') throw new Error(`${reason} (CI=true requires the Slurm test)`);
  console.warn(reason);
}

const submitScript = join(repoRoot, 'deploy/slurm/submit.sh');

function submit(cluster: SlurmCluster, cwd: string, extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn('bash', [submitScript, 'configs/example.yaml', '--ingest-tasks', '3', '--dedup-tasks', '3', '--mix-tasks', '3', '--workers', '1', ...extra], { cwd, env: cluster.env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b) => (stdout += b));
    p.stderr.on('data', (b) => (stderr += b));
    p.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function jobIds(stdout: string): Record<string, string> {
  return Object.fromEntries(stdout.split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string]));
}

async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`${what}: not after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(reason !== undefined)('Slurm job arrays (real slurmctld + slurmd)', () => {
  let cluster: SlurmCluster;
  let reference: ReturnType<typeof runOutput>;

  beforeAll(async () => {
    cluster = await SlurmCluster.start();
    const ws = workspace();
    const r = await curate(ws, ['run', 'configs/example.yaml', '--workers', '1', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    reference = runOutput(join(ws, 'out/example'));
  }, 300_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('3 tasks per phase, chained with afterok, equal `curate run` byte for byte', async () => {
    const ws = workspace();
    const r = await submit(cluster, ws, ['--wait']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const ids = jobIds(r.stdout);
    for (const phase of ['ingest', 'dedup', 'mix']) {
      for (const i of [0, 1, 2]) {
        expect(cluster.jobState(`${ids[phase]}_${i}`), `${phase} task ${i}`).toBe('COMPLETED');
        const log = readFileSync(join(ws, 'slurm-logs', `curate-${phase}-${ids[phase]}_${i}.out`), 'utf8');
        expect(log).toContain(`curate ${phase} task ${i} of job ${ids[phase]}`);
      }
    }
    expect(cluster.jobState(ids.finalize!)).toBe('COMPLETED');
    // Each ingest task took its own share of the partitions.
    const ingestLogs = [0, 1, 2].map((i) => readFileSync(join(ws, 'slurm-logs', `curate-ingest-${ids.ingest}_${i}.out`), 'utf8'));
    for (const [i, log] of ingestLogs.entries()) expect(log).toMatch(new RegExp(`ingest task ${i}/3: [1-9]\\d* partition\\(s\\) processed`));

    const got = runOutput(join(ws, 'out/example'));
    expect(Object.keys(got.shards)).toEqual(Object.keys(reference.shards));
    for (const f of Object.keys(reference.shards)) expect(got.shards[f]!.equals(reference.shards[f]!), f).toBe(true);
    expect(got.manifest).toEqual(reference.manifest);
  }, 900_000);

  it('an ingest task cancelled with scancel mid-phase is resubmitted and the run recovers identically', async () => {
    const ws = workspace();
    const first = await submit(cluster, ws, []);
    expect(first.code, first.stderr).toBe(0);
    const ids = jobIds(first.stdout);
    const victim = `${ids.ingest}_1`;
    const log = join(ws, 'slurm-logs', `curate-ingest-${victim}.out`);
    // Cancel the task while it runs: its Node process has started (the script's first line is in its log).
    await until('ingest task 1 running', () => cluster.jobState(victim) === 'RUNNING' && existsSync(log) && readFileSync(log, 'utf8').includes('curate ingest task 1'), 600_000);
    const cancel = spawn('scancel', [victim], { env: cluster.env });
    await new Promise((r) => cancel.on('close', r));
    await until('first submission leaves the queue', () => cluster.queued(Object.values(ids)).length === 0, 600_000);
    expect(cluster.jobState(victim), readFileSync(log, 'utf8')).toBe('CANCELLED');
    // afterok can never be met: the later phases were removed, nothing was finalized.
    expect(cluster.jobState(ids.finalize!)).not.toBe('COMPLETED');
    expect(existsSync(join(ws, 'out/example/manifest.json'))).toBe(false);
    const finishedBefore = readFileSync(log, 'utf8').match(/^ingest \S+\/\S+: /gm)?.length ?? 0;

    const second = await submit(cluster, ws, ['--wait']);
    expect(second.code, `${second.stdout}\n${second.stderr}`).toBe(0);
    const ids2 = jobIds(second.stdout);
    // The resubmission resumes: what the first one finished is skipped, the cancelled task's rest is done.
    const skipped = [0, 1, 2].map((i) => {
      const l = readFileSync(join(ws, 'slurm-logs', `curate-ingest-${ids2.ingest}_${i}.out`), 'utf8');
      return Number(new RegExp(`ingest task ${i}/3: \\d+ partition\\(s\\) processed, (\\d+) already done`).exec(l)?.[1] ?? -1);
    });
    expect(skipped[1]).toBeGreaterThanOrEqual(finishedBefore);
    expect(skipped[0]! + skipped[2]!).toBeGreaterThan(0);

    const got = runOutput(join(ws, 'out/example'));
    expect(Object.keys(got.shards)).toEqual(Object.keys(reference.shards));
    for (const f of Object.keys(reference.shards)) expect(got.shards[f]!.equals(reference.shards[f]!), f).toBe(true);
    expect(got.manifest).toEqual(reference.manifest);
    expect(readdirSync(join(ws, 'slurm-logs')).length).toBeGreaterThan(10);
  }, 1_200_000);
});
