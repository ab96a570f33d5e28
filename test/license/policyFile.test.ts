import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/configError.js';
import { loadPolicy } from '../../src/license/licensePolicy.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

function errorOf(yaml: string): { file: string; message: string } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'curate-policyfile-')), 'policy.yaml');
  writeFileSync(file, yaml);
  try {
    loadPolicy(file);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return { file, message: (e as Error).message };
  }
  throw new Error('expected the policy to be rejected');
}

const RULE = '  - id: allow:mit\n    licenses: [MIT]\n    rank: 10\n    rationale: fine\n';

describe('loadPolicy', () => {
  it('loads the shipped policies with a sha256 of the file', () => {
    for (const f of ['licenses/permissive.yaml', 'licenses/open.yaml']) {
      const p = loadPolicy(path.join(repoRoot, f));
      expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(p.rules.length).toBeGreaterThan(5);
      for (const r of p.rules) expect(r.rationale.length).toBeGreaterThan(10);
    }
  });

  it('names file, line and field for a misspelled license id', () => {
    const { file, message } = errorOf(`name: x\nrules:\n${RULE}  - id: allow:typo\n    licenses: [Apache-2.0, MTI]\n    rank: 10\n    rationale: typo\n`);
    expect(message).toBe(`${file}:8 rules.1.licenses.1: expected an SPDX license id, LicenseRef-<name>, NOASSERTION/NONE or a glob matching some id, got "MTI"`);
  });

  it('names an unknown field', () => {
    const { file, message } = errorOf(`name: x\nrules:\n${RULE}    obligation: [typo]\n`);
    expect(message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:7 rules\\.0\\.obligation: unknown field`));
  });

  it('requires a rationale and a well-formed rule id', () => {
    expect(errorOf('name: x\nrules:\n  - id: allow:mit\n    licenses: [MIT]\n    rank: 10\n').message).toMatch(/:3 rules\.0\.rationale: expected/);
    expect(errorOf('name: x\nrules:\n  - id: permit-mit\n    licenses: [MIT]\n    rationale: r\n').message).toMatch(/:3 rules\.0\.id: expected "allow:<name>" or "deny:<name>"/);
  });

  it('rejects duplicate rule ids, unknown exceptions, ranks on deny rules and bad YAML', () => {
    expect(errorOf(`name: x\nrules:\n${RULE}${RULE}`).message).toMatch(/:7 rules\.1\.id: expected a unique rule id/);
    expect(errorOf('name: x\nrules:\n  - id: allow:ex\n    exceptions: [Foo-exception]\n    rationale: r\n').message).toMatch(/:4 rules\.0\.exceptions\.0: expected an SPDX exception id/);
    expect(errorOf('name: x\nrules:\n  - id: deny:nc\n    rank: 3\n    licenses: [CC-BY-NC-4.0]\n    rationale: r\n').message).toMatch(/:4 rules\.0\.rank: expected no rank on a deny rule/);
    expect(errorOf('name: x\nrules: [\n').message).toMatch(/:\d+ invalid YAML/);
    expect(errorOf('name: x\nguesses: maybe\nrules:\n' + RULE).message).toMatch(/:2 guesses: expected one of "accept" \| "refuse"/);
  });

  it('says what to do when the file is missing', () => {
    expect(() => loadPolicy('/nonexistent/policy.yaml')).toThrow(/policy file not found; choose one of licenses\/\*\.yaml/);
  });
});
