/**
 * Scale-out: every phase as 3 concurrent tasks (task-index 0..2), then finalize, gives the same
 * shards and manifest as a single-process `curate run`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curate, runOutput, smallConfig, workspace } from '../support/cliHarness.js';

/** sha256 of every file under the given folders, by relative path. */
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

describe('phases as 3 tasks each', () => {
  it('equals a single-process run', async () => {
    const config = smallConfig('scale', 'ingest:\n  checkpoint_records: 5\n');
    const single = workspace({ 'scale.yaml': config });
    const one = await curate(single, ['run', 'configs/scale.yaml', '--workers', '1', '--quiet']);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);

    const multi = workspace({ 'scale.yaml': config });
    for (const phase of ['ingest', 'dedup', 'mix']) {
      const tasks = await Promise.all(
        [0, 1, 2].map((i) =>
          curate(multi, [phase, 'configs/scale.yaml', '--task-index', String(i), '--task-count', '3', '--quiet', ...(phase === 'ingest' ? ['--workers', '1'] : [])]),
        ),
      );
      for (const t of tasks) {
        expect(t.stderr, phase).toBe('');
        expect(t.code, phase).toBe(0);
      }
    }
    const fin = await curate(multi, ['finalize', 'configs/scale.yaml', '--quiet']);
    expect(fin.stderr).toBe('');
    expect(fin.code).toBe(0);

    const a = runOutput(join(single, 'out/scale'));
    const b = runOutput(join(multi, 'out/scale'));
    expect(Object.keys(b.shards)).toEqual(Object.keys(a.shards));
    for (const f of Object.keys(a.shards)) expect(b.shards[f]!.equals(a.shards[f]!), f).toBe(true);
    expect(b.manifest).toEqual(a.manifest);

    // Re-mixing with a new source weight changes the shards and the mix, never staging or dedup.
    const before = snapshot(join(single, 'out/scale'), ['staging', 'rejects', 'dedup']);
    writeFileSync(join(single, 'configs/scale.yaml'), config.replace('id: kjv-bible,', 'id: kjv-bible, weight: 3,'));
    const t0 = Date.now();
    const remix = await curate(single, ['mix', 'configs/scale.yaml', '--quiet']);
    const fin2 = await curate(single, ['finalize', 'configs/scale.yaml', '--quiet']);
    expect(remix.stderr + fin2.stderr).toBe('');
    expect(Date.now() - t0).toBeLessThan(60_000);
    expect(snapshot(join(single, 'out/scale'), ['staging', 'rejects', 'dedup'])).toEqual(before);
    const c = runOutput(join(single, 'out/scale'));
    expect(Object.values(c.shards).map((x) => x.toString('base64'))).not.toEqual(Object.values(a.shards).map((x) => x.toString('base64')));
    const kjv = (m: Record<string, unknown>) => ((m.mix as { sources: { source: string; plannedTokens: number }[] }).sources.find((s) => s.source === 'kjv-bible')!).plannedTokens;
    expect(kjv(c.manifest)).toBeGreaterThan(kjv(a.manifest));
  }, 400_000);

  it('reads the task from Slurm and Kubernetes environment variables', async () => {
    const { taskFrom } = await import('../../src/cli/taskOptions.js');
    expect(taskFrom({}, { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '4', SLURM_ARRAY_TASK_COUNT: '3' })).toEqual({ index: 1, count: 3 });
    expect(taskFrom({}, { JOB_COMPLETION_INDEX: '2', CURATE_TASK_COUNT: '4' })).toEqual({ index: 2, count: 4 });
    expect(taskFrom({ taskIndex: '0', taskCount: '2' }, { JOB_COMPLETION_INDEX: '1' })).toEqual({ index: 0, count: 2 });
    expect(() => taskFrom({ taskIndex: '3', taskCount: '3' }, {})).toThrow(/--task-index: expected an integer from 0 to 2/);
  });
});
