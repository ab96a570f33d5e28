/**
 * A real run output for the report tests: the `curate` executable run on a small config (four
 * sources of data-samples/ (parts of them), one of them denied by the license policy) in a scratch copy of the
 * project's configs, licenses and data-samples, so tests never touch out/.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const repo = resolve(import.meta.dirname, '../..');

const CONFIG = `name: report-test
output: out/report-test
policy: licenses/permissive.yaml
sources:
  - id: python-docs
    kind: files
    path: data-samples/prose/python-docs
    license: PSF-2.0
    domain: prose
    exclude: [SOURCE.md]
  - id: npm-code
    kind: files
    path: data-samples/code/npm-code
    license: MIT
    domain: code
    include: ["undici/**", "undici-types/**", "p-limit/**", "iconv-lite/**"]  # small, with one exact duplicate (the two README.md)
    exclude: ["*/LICENSE"]
  - id: scipy-docs
    kind: files
    path: data-samples/science/scipy-docs
    license: BSD-3-Clause
    domain: science
    exclude: [SOURCE.md]
  - id: octave-manual
    kind: files
    path: data-samples/science/octave-manual
    license: GPL-3.0-or-later
    domain: science
    exclude: [SOURCE.md]
mix:
  total_tokens: 60000
  domains: { code: 0.4, prose: 0.4, science: 0.2 }
  max_epochs: 2
  seed: 7
shards:
  max_bytes: 64KB
  row_group_rows: 100
`;

/** Runs `curate run` on the small config; returns the run output folder. */
export async function buildRunFixture(): Promise<string> {
  const ws = mkdtempSync(join(tmpdir(), 'curate-report-'));
  for (const d of ['configs', 'licenses', 'data-samples', 'models']) cpSync(join(repo, d), join(ws, d), { recursive: true });
  writeFileSync(join(ws, 'configs/report-test.yaml'), CONFIG);
  try {
    await exec(process.execPath, [join(repo, 'bin/curate.js'), 'run', 'configs/report-test.yaml', '--workers', '1'], {
      cwd: ws,
      env: { ...process.env, CURATE_PROGRESS: '0' },
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`curate run failed on the report fixture: ${err.stderr || err.message}`);
  }
  return join(ws, 'out/report-test');
}
