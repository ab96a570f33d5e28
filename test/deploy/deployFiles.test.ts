/** The shipped deployment files stay consistent with each other and with `curate resources`. */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../../src/config/schema.js';
import { phaseResources, type Phase } from '../../src/pipeline/phaseResources.js';
import { repoRoot } from '../support/cliHarness.js';

const k8s = join(repoRoot, 'deploy/k8s');

interface JobSpec {
  kind: string;
  spec: { completions?: number; parallelism?: number; completionMode?: string; template: { spec: { containers: { image: string; args: string[]; env?: { name: string; value: string }[]; resources: { requests: { cpu: string; memory: string } } }[] } } };
}

describe('deploy/', () => {
  it('shell scripts parse', () => {
    for (const f of ['deploy/slurm/submit.sh', 'deploy/slurm/curate-phase.sbatch', 'deploy/k8s/run.sh']) {
      const r = spawnSync('bash', ['-n', join(repoRoot, f)], { encoding: 'utf8' });
      expect(r.status, `${f}: ${r.stderr}`).toBe(0);
    }
  });

  it('Kubernetes Jobs: task count equals completions, the image is the Dockerfile\'s tag, requests are curate resources\' figures', () => {
    const tag = /docker build -f deploy\/Dockerfile -t (\S+) \./.exec(readFileSync(join(repoRoot, 'deploy/Dockerfile'), 'utf8'))![1];
    // The manifests are written for a config with the default dedup memory and 4 ingest workers.
    const config = configSchema.parse({ name: 'big', output: 'out/big', policy: 'p.yaml', sources: [{ id: 's', kind: 'files', path: 'x', license: 'MIT' }], mix: { total_tokens: 1, domains: { code: 1 } }, ingest: { workers: 4 } });
    const files = readdirSync(k8s).filter((f) => f.endsWith('-job.yaml'));
    expect(files.sort()).toEqual(['dedup-job.yaml', 'finalize-job.yaml', 'ingest-job.yaml', 'mix-job.yaml']);
    for (const f of files) {
      const job = parse(readFileSync(join(k8s, f), 'utf8')) as JobSpec;
      const phase = f.replace('-job.yaml', '') as Phase;
      const c = job.spec.template.spec.containers[0]!;
      expect(job.kind).toBe('Job');
      expect(c.image, f).toBe(tag);
      expect(c.args[0], f).toBe(phase);
      const res = phaseResources(config, phase);
      expect(Number(c.resources.requests.cpu), f).toBe(res.cpus);
      expect(c.resources.requests.memory, f).toBe(`${res.memMb >= 1024 && res.memMb % 1024 === 0 ? `${res.memMb / 1024}Gi` : `${res.memMb}Mi`}`);
      if (res.array) {
        expect(job.spec.completionMode, f).toBe('Indexed');
        expect(c.env?.find((e) => e.name === 'CURATE_TASK_COUNT')?.value, f).toBe(String(job.spec.completions));
      }
    }
  });
});
