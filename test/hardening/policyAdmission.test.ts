/**
 * Finding 6 of issue 13: a policy could allow NOASSERTION or NONE, or globs such as "*" and
 * "N*" that also admit LicenseRef-Proprietary, CC-BY-NC-4.0 and the like, and an allow rule
 * without a rank loaded silently (rank 100, tying with others). Now each is a file:line error;
 * only an explicit `unsafe_override: "<why>"` on the rule lets such a pattern through, loudly.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config/configError.js';
import { evaluateLicense, loadPolicy } from '../../src/license/licensePolicy.js';
import { curate, workspace } from '../support/cliHarness.js';

function policyFile(yaml: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'curate-admission-')), 'policy.yaml');
  writeFileSync(file, yaml);
  return file;
}

function loadError(yaml: string): string {
  const file = policyFile(yaml);
  try {
    loadPolicy(file);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message.replace(file, 'P');
  }
  throw new Error('expected the policy to be refused');
}

const rule = (licenses: string, extra = '') => `name: x\nrules:\n  - id: allow:some\n    rank: 10\n    licenses: ${licenses}\n    rationale: test rule${extra}\n`;

describe('what an allow rule may admit', () => {
  it('refuses NOASSERTION, NONE and LicenseRef-Proprietary in an allow rule, with file:line and field', () => {
    expect(loadError(rule('[MIT, NOASSERTION]'))).toMatch(/^P:5 rules\.0\.licenses\.1: expected an allow pattern that admits only licensed documents, got "NOASSERTION", which admits NOASSERTION/);
    expect(loadError(rule('[NONE]'))).toMatch(/^P:5 rules\.0\.licenses\.0: .*got "NONE"/);
    expect(loadError(rule('[LicenseRef-Proprietary]'))).toMatch(/got "LicenseRef-Proprietary", which admits LicenseRef-Proprietary/);
  });

  it('refuses globs that admit unlicensed or restricted ids no deny rule catches', () => {
    expect(loadError(rule('["*"]'))).toMatch(/got "\*", which admits NOASSERTION, NONE, LicenseRef-Proprietary, CC-BY-NC-1\.0 and \d+ more/);
    expect(loadError(rule('["N*"]'))).toMatch(/got "N\*", which admits NOASSERTION, NONE, NCGL-UK-2\.0/);
    expect(loadError(rule('["CC-BY-*"]'))).toMatch(/CC-BY-NC-/);
    // ...but a glob whose restricted matches a deny rule catches is fine: deny wins over allow.
    const file = policyFile(`${rule('["CC-BY-*"]')}  - id: deny:restricted\n    licenses: ["CC-BY-NC-*", "CC-BY-ND-*"]\n    rationale: no NC or ND\n`);
    expect(evaluateLicense(loadPolicy(file), 'CC-BY-4.0').allowed).toBe(true);
  });

  it('requires a rank on an allow rule that names licenses', () => {
    expect(loadError('name: x\nrules:\n  - id: allow:mit\n    licenses: [MIT]\n    rationale: test\n')).toMatch(/^P:4 rules\.0\.licenses: expected a rank on an allow rule that names licenses/);
    // An exceptions-only allow rule has nothing to rank.
    expect(() => loadPolicy(policyFile(`${rule('[GPL-2.0-only]')}  - id: allow:ex\n    exceptions: [Classpath-exception-2.0]\n    rationale: adds permissions\n`))).not.toThrow();
  });

  it('lets an explicit unsafe_override through, and says so on every load', () => {
    const file = policyFile(rule('["*"]', '\n    unsafe_override: internal evaluation corpus, never distributed'));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const p = loadPolicy(file);
      expect(evaluateLicense(p, 'NOASSERTION').allowed).toBe(true);
      expect(p.warnings?.[0]).toMatch(/:5 rules\.0\.licenses\.0: WARNING "\*" admits NOASSERTION.*unsafe_override: internal evaluation corpus/);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(/WARNING "\*" admits NOASSERTION/);
    } finally {
      err.mockRestore();
    }
    expect(loadError(rule('["*"]', '\n    unsafe_override: ok'))).toMatch(/unsafe_override: expected a sentence/);
  });

  it('the shipped policies load without warnings, and `curate license check` exits 2 on a "*" policy', async () => {
    for (const f of ['licenses/permissive.yaml', 'licenses/open.yaml']) expect(loadPolicy(path.resolve(import.meta.dirname, '../..', f)).warnings).toBeUndefined();
    const ws = workspace();
    writeFileSync(path.join(ws, 'star.yaml'), rule('["*"]'));
    const r = await curate(ws, ['license', 'check', 'NOASSERTION', '--policy', 'star.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/star\.yaml:5 rules\.0\.licenses\.0: expected an allow pattern that admits only licensed documents/);
  }, 60_000);
});
