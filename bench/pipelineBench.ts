import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  const corpus = buildBenchWarc(join(dir, 'warc'), { copies: 2, files: 8 });
  writeFileSync(
    join(dir, 'policy.yaml'),
    ['name: bench', 'description: benchmark only', 'guesses: refuse', 'refs: [LicenseRef-Bench-Eval-Only]', 'rules:', '  - id: allow:bench', '    licenses: [LicenseRef-Bench-Eval-Only]', '    rationale: evaluation pages, used only to measure speed', '    obligations: []', ''].join('\n'),
  );
  const out: Record<string, number | string> = {
    'pipeline.records': corpus.records,
    'pipeline.html_MB': +(corpus.payloadBytes / 1e6).toFixed(1),
  };
  const runOnce = (name: string, warc: string, workers: number, payloadBytes: number, records: number, key: string) => {
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
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS_KB=%M CPU_S=%U+%S', process.execPath, join(repo, 'bin/curate.js'), 'run', join(dir, `${name}.yaml`), '--workers', String(workers), '--quiet'], {
      cwd: repo,
      env: { ...process.env, CURATE_PROGRESS: '0', CURATE_TIMINGS: join(dir, `${name}.timings.json`) },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`curate run failed (${r.status}): ${r.stderr.slice(-500)}`);
    const secs = (performance.now() - t0) / 1000;
    const rss = /MAXRSS_KB=(\d+)/.exec(r.stderr);
    if (rss) out[`${key}.peak_rss_MB`] = Math.round(Number(rss[1]) / 1024);
    // CPU seconds of all threads: more than wall time × workers means threads waited on each other.
    const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr);
    if (cpu) out[`${key}.cpu_s`] = +(Number(cpu[1]) + Number(cpu[2])).toFixed(1);
    const mb = payloadBytes / 1e6;
    out[`${key}.seconds`] = +secs.toFixed(1);
    out[`${key}.MB_per_s`] = +(mb / secs).toFixed(2);
    out[`${key}.MB_per_s_per_core`] = +(mb / secs / workers).toFixed(2);
    out[`${key}.docs_per_s`] = +(records / secs).toFixed(0);
    try {
      const timings = JSON.parse(readFileSync(join(dir, `${name}.timings.json`), 'utf8')) as Record<string, number>;
      for (const [k, v] of Object.entries(timings)) out[`${key}.stage.${k}_s`] = +v.toFixed(2);
    } catch {
      // timings are optional
    }
  };
  for (const workers of [1, 2]) runOnce(`bench-w${workers}`, join(dir, 'warc'), workers, corpus.payloadBytes, corpus.records, `pipeline.w${workers}`);
  // Memory must not grow with the corpus: the same run on twice the records.
  const double = buildBenchWarc(join(dir, 'warc-x2'), { copies: 4, files: 8 });
  runOnce('bench-w2-x2', join(dir, 'warc-x2'), 2, double.payloadBytes, double.records, 'pipeline.w2_double_corpus');
  out['pipeline.w2_double_corpus.records'] = double.records;
  out['pipeline.speedup_1_to_2_workers'] = +((out['pipeline.w1.seconds'] as number) / (out['pipeline.w2.seconds'] as number)).toFixed(2);
  return out;
}
