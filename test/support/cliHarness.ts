/** Runs the real `curate` executable in scratch workspaces, as a user would. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const repoRoot = resolve(import.meta.dirname, '../..');
export const curateBin = join(repoRoot, 'bin/curate.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function curate(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const r = await exec(process.execPath, [curateBin, ...args], { cwd, env: { ...process.env, CURATE_PROGRESS: '0', ...env }, maxBuffer: 64 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? String(e) };
  }
}

export function spawnCurate(cwd: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [curateBin, ...args], { cwd, env: { ...process.env, CURATE_PROGRESS: '0', ...env }, stdio: 'ignore' });
}

/** A scratch copy of configs/, licenses/ and data-samples/ (tests never write into the repository). */
export function workspace(extraConfigs: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'curate-ws-'));
  for (const d of ['configs', 'licenses', 'data-samples', 'models']) cpSync(join(repoRoot, d), join(dir, d), { recursive: true });
  for (const [name, text] of Object.entries(extraConfigs)) writeFileSync(join(dir, 'configs', name), text);
  return dir;
}

/** A scratch copy of another workspace, outputs included: tests share one ingest and vary the later phases. */
export function copyWorkspace(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'curate-ws-'));
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** A small but complete mix over four real sources (one per content type and domain), for pipeline tests. */
export function smallConfig(name: string, extra = ''): string {
  return `name: ${name}
output: out/${name}
policy: licenses/permissive.yaml
sources:
  - { id: python-docs, kind: files, path: data-samples/prose/python-docs, license: PSF-2.0, domain: prose, exclude: ["**/SOURCE.md", "**/LICENSE"] }
  - { id: kjv-bible, kind: files, path: data-samples/prose/kjv-bible, license: LicenseRef-Public-Domain, exclude: ["**/SOURCE.md", "**/LICENSE"] }
  - { id: cpython-stdlib, kind: files, path: data-samples/code/cpython-stdlib, license: PSF-2.0, exclude: ["**/SOURCE.md", "**/LICENSE"] }
  - { id: scipy-docs, kind: files, path: data-samples/science/scipy-docs, license: BSD-3-Clause, domain: science, exclude: ["**/SOURCE.md", "**/LICENSE"] }
mix:
  total_tokens: 150000
  domains: { code: 0.3, prose: 0.5, science: 0.2 }
  max_epochs: 2
  seed: 7
shards:
  max_bytes: 120KB
  row_group_rows: 50
${extra}`;
}

/** Shard bytes by file name, and the manifest without its run_info. */
export function runOutput(outDir: string): { shards: Record<string, Buffer>; manifest: Record<string, unknown> } {
  const shards = Object.fromEntries(
    readdirSync(join(outDir, 'shards'))
      .filter((f) => f.endsWith('.parquet'))
      .sort()
      .map((f) => [f, readFileSync(join(outDir, 'shards', f))]),
  );
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  delete manifest.run_info;
  return { shards, manifest };
}
