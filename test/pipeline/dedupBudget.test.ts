/**
 * Phase 2 beyond its memory budget: signatures on disk give byte-identical clusters and shards
 * (single process and 3 tasks); only a corpus whose tables alone exceed the budget is refused.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyWorkspace, curate, runOutput, smallConfig, spawnCurate, workspace } from '../support/cliHarness.js';

interface Summary {
  removedNear: number;
  removedExact: number;
  memory: { signatures: string; reason: string; docs: number; in_memory_mb: number; out_of_core_mb: number; signature_file_mb: number };
}

/**
 * smallConfig plus a JSONL source of exact and near copies of the KJV chapters (the sample's own
 * public-domain text), so dedup has clusters to decide.
 */
function copiesConfig(ws: string, dedup = ''): string {
  writeCopies(ws);
  return budgetConfig(dedup);
}

/** The config of copiesConfig without rewriting the copies (a copied workspace keeps its ingested input untouched). */
function budgetConfig(dedup = ''): string {
  return smallConfig('budget', dedup).replace('mix:\n', '  - { id: kjv-copies, kind: jsonl, path: data-samples/copies.jsonl, id_field: id, license: CC0-1.0, domain: prose }\nmix:\n');
}

function writeCopies(ws: string): void {
  const dir = join(ws, 'data-samples/prose/kjv-bible');
  const lines: string[] = [];
  readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .forEach((f, k) => {
      const words = readFileSync(join(dir, f), 'utf8').split(/\s+/);
      if (k % 3 === 0) lines.push(JSON.stringify({ id: `exact-${k}`, text: words.join(' ') }));
      for (let c = 0; c < 1 + (k % 3); c++) {
        const near = words.map((w, i) => ((i * 7 + k + c * 13) % 50 === 0 ? `${w}x` : w));
        lines.push(JSON.stringify({ id: `near-${k}-${c}`, text: near.join(' ') }));
      }
    });
  writeFileSync(join(ws, 'data-samples/copies.jsonl'), `${lines.join('\n')}\n`);
}

function output(ws: string, name: string) {
  const dir = join(ws, 'out', name);
  const { shards, manifest } = runOutput(dir);
  delete (manifest as { config?: unknown }).config; // the configs differ by their dedup section only
  return { shards, manifest, clusters: readFileSync(join(dir, 'dedup/clusters.parquet')), summary: JSON.parse(readFileSync(join(dir, 'dedup/dedup.json'), 'utf8')) as Summary };
}

function expectSameOutput(a: ReturnType<typeof output>, b: ReturnType<typeof output>): void {
  expect(b.clusters.equals(a.clusters), 'clusters.parquet').toBe(true);
  expect(Object.keys(b.shards)).toEqual(Object.keys(a.shards));
  for (const f of Object.keys(a.shards)) expect(b.shards[f]!.equals(a.shards[f]!), f).toBe(true);
  expect(b.manifest).toEqual(a.manifest);
}

describe('dedup memory budget', () => {
  let reference: ReturnType<typeof output>;
  /** A workspace whose ingest is done: every test copies it and varies only dedup (its settings are not part of staging). */
  let ingested: string;

  beforeAll(async () => {
    ingested = workspace();
    writeConfig(ingested, copiesConfig(ingested));
    expect((await curate(ingested, ['ingest', 'configs/budget.yaml', '--workers', '1', '--quiet'])).code).toBe(0);
    const ws = copyWorkspace(ingested);
    const r = await curate(ws, ['run', 'configs/budget.yaml', '--workers', '1', '--quiet']);
    expect(r.stderr).toBe('');
    reference = output(ws, 'budget');
    expect(reference.summary.memory.signatures).toBe('memory');
    expect(reference.summary.memory.docs).toBeGreaterThan(200);
    expect(reference.summary.removedNear).toBeGreaterThan(50);
    expect(reference.summary.removedExact).toBeGreaterThan(3);
  }, 300_000);

  it('out_of_core: always gives byte-identical clusters and shards, says so, and leaves no scratch file', async () => {
    const ws = copyWorkspace(ingested);
    writeConfig(ws, budgetConfig('dedup:\n  out_of_core: always\n'));
    const r = await curate(ws, ['run', 'configs/budget.yaml', '--workers', '1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/dedup: \d+ docs need ~[\d.]+ MB in memory; out_of_core always: signatures on disk \([\d.]+ MB file, ~[\d.]+ MB in memory\) → dedup\/tmp\/signatures-.+\.bin/);
    const out = output(ws, 'budget');
    expect(out.summary.memory.signatures).toBe('disk');
    expectSameOutput(reference, out);
    expect(readdirSync(join(ws, 'out/budget/dedup/tmp'))).toEqual([]);
  }, 300_000);

  it('auto with a budget between the two estimates goes to disk, also as 3 dedup and 3 mix tasks', async () => {
    const ws = copyWorkspace(ingested);
    const { in_memory_mb: inMem, out_of_core_mb: ooc } = reference.summary.memory;
    const budget = Math.round(((inMem + ooc) / 2) * 1000) / 1000;
    writeConfig(ws, budgetConfig(`dedup:\n  max_memory_mb: ${budget}\n`));
    for (const phase of ['dedup', 'mix']) {
      const tasks = await Promise.all([0, 1, 2].map((i) => curate(ws, [phase, 'configs/budget.yaml', '--task-index', String(i), '--task-count', '3', ...(phase === 'dedup' ? [] : ['--quiet'])])));
      for (const t of tasks) expect(t.code, `${phase}: ${t.stderr}`).toBe(0);
      if (phase === 'dedup') for (const t of tasks) expect(t.stderr).toMatch(new RegExp(`over max_memory_mb ${budget}: signatures on disk`));
    }
    const meta = readdirSync(join(ws, 'out/budget/dedup/edges')).filter((f) => f.endsWith('.json'));
    expect(meta).toHaveLength(3);
    for (const f of meta) expect((JSON.parse(readFileSync(join(ws, 'out/budget/dedup/edges', f), 'utf8')) as Summary).memory.signatures).toBe('disk');
    expect((await curate(ws, ['finalize', 'configs/budget.yaml', '--quiet'])).code).toBe(0);
    const out = output(ws, 'budget');
    expect(out.summary.memory.signatures).toBe('disk');
    expectSameOutput(reference, out);
    expect(existsSync(join(ws, 'out/budget/dedup/tmp')) ? readdirSync(join(ws, 'out/budget/dedup/tmp')) : []).toEqual([]);
  }, 300_000);

  it('out-of-core dedup killed while its signature file exists: the rerun gives the same clusters and removes stale files', async () => {
    const ws = copyWorkspace(ingested);
    writeConfig(ws, budgetConfig('dedup:\n  out_of_core: always\n'));
    const tmp = join(ws, 'out/budget/dedup/tmp');
    const child = spawnCurate(ws, ['dedup', 'configs/budget.yaml', '--quiet']);
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    let killed = false;
    const poll = setInterval(() => {
      if (!killed && existsSync(tmp) && readdirSync(tmp).some((f) => f.endsWith('.bin'))) {
        killed = child.kill('SIGKILL');
      }
    }, 5);
    await exited;
    clearInterval(poll);
    // Whether or not the kill landed in time, a stale file of a dead process must go.
    mkdirSync(tmp, { recursive: true });
    const stale = `signatures-${hostname().replace(/[^A-Za-z0-9_.-]/g, '_')}-${2 ** 22 + 7}.bin`;
    writeFileSync(join(tmp, stale), 'x');
    const r = await curate(ws, ['run', 'configs/budget.yaml', '--workers', '1', '--quiet']);
    expect(r.stderr).toBe('');
    expect(readdirSync(tmp)).toEqual([]);
    expectSameOutput(reference, output(ws, 'budget'));
  }, 300_000);

  it('refuses, before loading anything, only when even the out-of-core tables exceed the budget', async () => {
    const ws = copyWorkspace(ingested);
    writeConfig(ws, budgetConfig('dedup:\n  max_memory_mb: 0.001\n'));
    const r = await curate(ws, ['dedup', 'configs/budget.yaml', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^curate: dedup of \d+ documents needs about [\d.]+ MB even with the signatures on disk \(260 bytes each for ids, ranks and LSH tables; [\d.]+ MB in memory\), over dedup\.max_memory_mb = 0\.001: raise the budget/);
    writeConfig(ws, budgetConfig('dedup:\n  max_memory_mb: 0.03\n  out_of_core: never\n'));
    const never = await curate(ws, ['dedup', 'configs/budget.yaml', '--quiet']);
    expect(never.code).toBe(1);
    expect(never.stderr).toMatch(/^curate: dedup of \d+ documents needs about [\d.]+ MB \(708 bytes each at num_perm 112\), over dedup\.max_memory_mb = 0\.03, and dedup\.out_of_core is never: set out_of_core: auto/);
  }, 300_000);
});

function writeConfig(ws: string, text: string): void {
  writeFileSync(join(ws, 'configs/budget.yaml'), text);
}
