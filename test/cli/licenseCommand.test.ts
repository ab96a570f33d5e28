import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerLicenseCommand } from '../../src/cli/licenseCommand.js';
import { runCommandInProcess, type InProcessResult } from '../support/runCommandInProcess.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const full: Record<string, { licenseText: string }> = createRequire(import.meta.url)('spdx-license-list/full');

async function run(...args: string[]): Promise<InProcessResult> {
  return runCommandInProcess(registerLicenseCommand, args);
}

describe('curate license', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'curate-license-cli-'));
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('detect --json prints {file, license, score} per file and unknown for a README', async () => {
    const lic = path.join(dir, 'LICENSE');
    writeFileSync(lic, full['MIT']!.licenseText.replace('<year> <copyright holders>', '2024 Jane Doe'));
    const readme = path.join(dir, 'README.md');
    writeFileSync(readme, '# widget\n\nA small widget for parsing widgets.\n\n## Install\n\nnpm install widget\n\n## Usage\n\nCall widget() with a string and get a parsed widget back. See the docs folder.\n');
    const r = await run('license', 'detect', lic, readme, '--json');
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { file: string; license: string; score: number });
    expect(lines[0]).toMatchObject({ file: lic, license: 'MIT' });
    expect(lines[0]!.score).toBeGreaterThan(0.95);
    expect(lines[1]).toMatchObject({ file: readme, license: 'unknown' });
    expect(r.code).toBe(1);
  });

  it('detect exits 0 when every file is identified and 1 with a hint for a missing file', async () => {
    const lic = path.join(dir, 'COPYING');
    writeFileSync(lic, full['Apache-2.0']!.licenseText);
    expect((await run('license', 'detect', lic)).code).toBe(0);
    const r = await run('license', 'detect', path.join(dir, 'nope'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot read .*nope.*check the path/);
  });

  it('detect rejects a bad --threshold as a usage error', async () => {
    const r = await run('license', 'detect', 'x', '--threshold', '7');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--threshold expects a number between 0 and 1/);
  });

  it('check prints expression, corrections, decision and rule', async () => {
    const r = await run('license', 'check', 'GPL-2.0 OR MIT License', '--policy', path.join(repoRoot, 'licenses/permissive.yaml'));
    expect(r.out).toContain('expression:  GPL-2.0-only OR MIT');
    expect(r.out).toContain('GPL-2.0 -> GPL-2.0-only (deprecated id)');
    expect(r.out).toContain('decision:    allowed');
    expect(r.out).toContain('rule:        allow:notice');
    expect(r.code).toBe(0);
  });

  it('check --json reports a denial with its reason and exit code 1', async () => {
    const r = await run('license', 'check', 'https://creativecommons.org/licenses/by-nc/4.0/', '--json', '--policy', path.join(repoRoot, 'licenses/open.yaml'));
    const d = JSON.parse(r.out) as { allowed: boolean; reason: string; rule: string; expression: string };
    expect(d).toMatchObject({ allowed: false, reason: 'license.denied', rule: 'deny:noncommercial', expression: 'CC-BY-NC-4.0' });
    expect(r.code).toBe(1);
  });

  it('check with a broken policy exits 2 and names file and line', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nrules:\n  - id: allow:x\n    licenses: [MTI]\n    rank: 10\n    rationale: typo\n');
    const r = await run('license', 'check', 'MIT', '--policy', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}:4 rules.0.licenses.0: expected an SPDX license id`);
  });
});
