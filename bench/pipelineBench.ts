import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildBenchWarc } from './buildBenchWarc.js';

const repo = new URL('..', import.meta.url).pathname;

/**
 * End to end: HTML pages in WARC → shards, through the real CLI, with 1 worker and with all cores.
 * Reports MB/s of HTML per core, docs/s, the stage breakdown and the peak RSS of the run.
 */
export async function benchPipeline(): Promise<Record<string, number | string>> {
  const dir = join(repo, '.bench', 'pipeline');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const corpus = buildBenchWarc(join(dir, 'warc'), { copies: 4, files: 8 });
  writeFileSync(
    join(dir, 'policy.yaml'),
    ['name: bench', 'description: benchmark only', 'guesses: refuse', 'refs: [LicenseRef-Bench-Eval-Only]', 'rules:', '  - id: allow:bench', '    rank: 0', '    licenses: [LicenseRef-Bench-Eval-Only]', '    rationale: evaluation pages, used only to measure speed', '    obligations: []', ''].join('\n'),
  );
  const out: Record<string, number | string> = {
    // The machine is shared: its 1-minute load when the timed runs start and end says how quiet it was.
    'pipeline.load_avg_1m_start': +loadavg()[0]!.toFixed(1),
    'pipeline.records': corpus.records,
    'pipeline.html_MB': +(corpus.payloadBytes / 1e6).toFixed(1),
  };
  const writeConfig = (name: string, warc: string) =>
    writeFileSync(
      join(dir, `${name}.yaml`),
      [
        `name: ${name}`,
        `output: ${join(dir, 'out', name)}`,
        `policy: ${join(dir, 'policy.yaml')}`,
        'sources:',
        '  - id: crawl',
        '    kind: warc',
        `    path: ${warc}`,
        '    license: LicenseRef-Bench-Eval-Only',
        'mix:',
        '  total_tokens: 2000000',
        '  domains: { code: 0.1, prose: 0.8, science: 0.1 }',
        '  max_epochs: 1',
        '  seed: 1',
        '',
      ].join('\n'),
    );
  /** One `curate run` in a child process under /usr/bin/time: wall seconds, peak RSS, CPU seconds. */
  const curateRun = (name: string, workers: number): Promise<{ secs: number; rssMB?: number; cpuS?: number }> =>
    new Promise((resolvePromise, reject) => {
      const t0 = performance.now();
      const child = spawn('/usr/bin/time', ['-f', 'MAXRSS_KB=%M CPU_S=%U+%S', process.execPath, join(repo, 'bin/curate.js'), 'run', join(dir, `${name}.yaml`), '--workers', String(workers), '--quiet'], {
        cwd: repo,
        env: { ...process.env, CURATE_PROGRESS: '0', CURATE_TIMINGS: join(dir, `${name}.timings.json`) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0) return reject(new Error(`curate run ${name} failed (${code}): ${stderr.slice(-500)}`));
        const rss = /MAXRSS_KB=(\d+)/.exec(stderr);
        const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(stderr);
        resolvePromise({ secs: (performance.now() - t0) / 1000, rssMB: rss ? Math.round(Number(rss[1]) / 1024) : undefined, cpuS: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined });
      });
    });
  const record = (key: string, name: string, workers: number, payloadBytes: number, records: number, r: { secs: number; rssMB?: number; cpuS?: number }) => {
    if (r.rssMB !== undefined) out[`${key}.peak_rss_MB`] = r.rssMB;
    // CPU seconds of all threads: more than wall time × workers means threads waited on each other.
    if (r.cpuS !== undefined) out[`${key}.cpu_s`] = +r.cpuS.toFixed(1);
    const mb = payloadBytes / 1e6;
    out[`${key}.seconds`] = +r.secs.toFixed(1);
    out[`${key}.MB_per_s`] = +(mb / r.secs).toFixed(2);
    out[`${key}.MB_per_s_per_core`] = +(mb / r.secs / workers).toFixed(2);
    out[`${key}.docs_per_s`] = +(records / r.secs).toFixed(0);
    try {
      const timings = JSON.parse(readFileSync(join(dir, `${name}.timings.json`), 'utf8')) as Record<string, number>;
      for (const [k, v] of Object.entries(timings)) out[`${key}.stage.${k}_s`] = +v.toFixed(2);
    } catch {
      // timings are optional
    }
  };
  for (const workers of [1, 2]) {
    writeConfig(`bench-w${workers}`, join(dir, 'warc'));
    record(`pipeline.w${workers}`, `bench-w${workers}`, workers, corpus.payloadBytes, corpus.records, await curateRun(`bench-w${workers}`, workers));
  }
  out['pipeline.speedup_1_to_2_workers'] = +((out['pipeline.w1.seconds'] as number) / (out['pipeline.w2.seconds'] as number)).toFixed(2);
  // The machine's own ceiling for this work: two independent single-threaded runs at once. Their
  // combined rate over one run alone is the best any 2-worker design could reach on this VM.
  writeConfig('bench-pair-a', join(dir, 'warc'));
  writeConfig('bench-pair-b', join(dir, 'warc'));
  const pair = await Promise.all([curateRun('bench-pair-a', 1), curateRun('bench-pair-b', 1)]);
  out['pipeline.two_1_worker_runs_at_once.seconds'] = +Math.max(...pair.map((p) => p.secs)).toFixed(1);
  out['pipeline.machine_ceiling_1_to_2'] = +((2 * (out['pipeline.w1.seconds'] as number)) / Math.max(...pair.map((p) => p.secs))).toFixed(2);
  // Issue 20 asks for ≥ 0.9: the 2-worker speed-up as a share of what two independent runs reach.
  out['pipeline.speedup_share_of_ceiling'] = +((out['pipeline.speedup_1_to_2_workers'] as number) / (out['pipeline.machine_ceiling_1_to_2'] as number)).toFixed(2);
  out['pipeline.load_avg_1m_end'] = +loadavg()[0]!.toFixed(1);
  // Memory must not grow with the corpus: the same run on twice the records.
  const double = buildBenchWarc(join(dir, 'warc-x2'), { copies: 8, files: 8 });
  writeConfig('bench-w2-x2', join(dir, 'warc-x2'));
  record('pipeline.w2_double_corpus', 'bench-w2-x2', 2, double.payloadBytes, double.records, await curateRun('bench-w2-x2', 2));
  out['pipeline.w2_double_corpus.records'] = double.records;
  return out;
}
