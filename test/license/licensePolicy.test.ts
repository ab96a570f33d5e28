import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DENIED_RANK, evaluateLicense, loadPolicy, permissivenessRank } from '../../src/license/licensePolicy.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const permissive = loadPolicy(path.join(repoRoot, 'licenses/permissive.yaml'));
const open = loadPolicy(path.join(repoRoot, 'licenses/open.yaml'));

function tmpPolicy(yaml: string) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'curate-policy-')), 'p.yaml');
  writeFileSync(file, yaml);
  return loadPolicy(file);
}

describe('evaluateLicense', () => {
  it('passes an OR when one branch is allowed and records which branch and rule', () => {
    const d = evaluateLicense(permissive, 'GPL-3.0-only OR MIT');
    expect(d).toMatchObject({ allowed: true, expression: 'GPL-3.0-only OR MIT', rule: 'allow:notice', chosen: 'MIT' });
    expect(d.detail).toContain('OR: chose branch MIT');
    expect(d.obligations.join(' ')).toMatch(/copyright notice/);
  });

  it('chooses the most permissive allowed OR branch', () => {
    expect(evaluateLicense(open, 'CC-BY-SA-4.0 OR CC0-1.0')).toMatchObject({ allowed: true, chosen: 'CC0-1.0', rule: 'allow:public-domain' });
  });

  it('denies an AND with a denied part, naming the deny rule', () => {
    const d = evaluateLicense(permissive, 'MIT AND CC-BY-NC-4.0');
    expect(d).toMatchObject({ allowed: false, reason: 'license.denied', rule: 'deny:noncommercial' });
    expect(d.obligations).toEqual([]);
  });

  it('needs every AND part and unions their obligations', () => {
    const d = evaluateLicense(permissive, 'MIT AND CC-BY-4.0');
    expect(d.allowed).toBe(true);
    expect(d.rule).toBe('allow:notice + allow:attribution');
    expect(d.obligations.some((o) => o.startsWith('attribute'))).toBe(true);
  });

  it('gives each failure its reason code', () => {
    expect(evaluateLicense(permissive, undefined)).toMatchObject({ allowed: false, reason: 'license.missing', rule: 'fail-closed' });
    expect(evaluateLicense(permissive, 'MIT OR')).toMatchObject({ allowed: false, reason: 'license.unparsable' });
    expect(evaluateLicense(permissive, 'Frobnicator License 9')).toMatchObject({ allowed: false, reason: 'license.unknown' });
    expect(evaluateLicense(permissive, 'LicenseRef-Acme-Internal')).toMatchObject({ allowed: false, reason: 'license.unknown' });
    expect(evaluateLicense(permissive, 'CC-BY-ND-4.0')).toMatchObject({ allowed: false, reason: 'license.denied', rule: 'deny:noderivatives' });
    expect(evaluateLicense(permissive, 'NOASSERTION')).toMatchObject({ allowed: false, reason: 'license.denied', rule: 'deny:noassertion' });
    expect(evaluateLicense(permissive, 'UNLICENSED')).toMatchObject({ allowed: false, reason: 'license.denied', rule: 'deny:proprietary' });
    expect(evaluateLicense(permissive, 'GPL-3.0-only')).toMatchObject({ allowed: false, reason: 'license.not_allowed', rule: 'fail-closed' });
  });

  it('keeps corrections as evidence in the decision', () => {
    const d = evaluateLicense(permissive, 'https://creativecommons.org/licenses/by/4.0/');
    expect(d).toMatchObject({ allowed: true, expression: 'CC-BY-4.0', rule: 'allow:attribution' });
    expect(d.corrections).toHaveLength(1);
  });

  it('needs both the license and the exception allowed for WITH', () => {
    expect(evaluateLicense(permissive, 'Apache-2.0 WITH LLVM-exception')).toMatchObject({ allowed: true, rule: 'allow:apache + allow:exceptions' });
    expect(evaluateLicense(permissive, 'Apache-2.0 WITH Qwt-exception-1.0')).toMatchObject({ allowed: false, reason: 'license.not_allowed' });
    expect(evaluateLicense(permissive, 'GPL-2.0-only WITH Classpath-exception-2.0')).toMatchObject({ allowed: false, reason: 'license.not_allowed' });
    expect(evaluateLicense(open, 'GPL-2.0-only WITH Classpath-exception-2.0').allowed).toBe(true);
  });

  it('lets "or later" use any later allowed version', () => {
    const d = evaluateLicense(open, 'LGPL-2.0+');
    expect(d.allowed).toBe(true);
    expect(d.detail).toContain('LGPL-2.0-or-later used as LGPL-2.0-only');
    const only3 = tmpPolicy('name: only3\nrules:\n  - id: allow:gpl3\n    licenses: [GPL-3.0-only]\n    rank: 10\n    rationale: test\n');
    expect(evaluateLicense(only3, 'GPL-2.0-or-later')).toMatchObject({ allowed: true, rule: 'allow:gpl3' });
    expect(evaluateLicense(only3, 'GPL-2.0-only')).toMatchObject({ allowed: false, reason: 'license.not_allowed' });
  });

  it('lets an explicit deny win over an allow of the same id', () => {
    const p = tmpPolicy('name: both\nrules:\n  - id: allow:cc\n    licenses: ["CC-BY-*"]\n    rank: 10\n    rationale: all cc\n  - id: deny:nc\n    licenses: ["CC-BY-NC-*", "CC-BY-ND-*"]\n    rationale: no nc or nd\n');
    expect(evaluateLicense(p, 'CC-BY-NC-4.0')).toMatchObject({ allowed: false, reason: 'license.denied', rule: 'deny:nc' });
    expect(evaluateLicense(p, 'CC-BY-4.0')).toMatchObject({ allowed: true, rule: 'allow:cc' });
  });

  it('refuses guessed mappings when the policy says so', () => {
    const strict = tmpPolicy('name: strict\nguesses: refuse\nrules:\n  - id: allow:bsd\n    licenses: [BSD-3-Clause]\n    rank: 10\n    rationale: test\n');
    expect(evaluateLicense(strict, 'BSD')).toMatchObject({ allowed: false, reason: 'license.unknown' });
    expect(evaluateLicense(strict, 'BSD-3-Clause').allowed).toBe(true);
    expect(evaluateLicense(permissive, 'BSD')).toMatchObject({ allowed: true, expression: 'BSD-3-Clause' });
  });

  it('knows the LicenseRefs a policy names', () => {
    const p = tmpPolicy('name: refs\nrefs: [LicenseRef-Acme-Open]\nrules:\n  - id: allow:acme\n    licenses: [LicenseRef-Acme-Open]\n    rank: 10\n    rationale: our own\n');
    expect(evaluateLicense(p, 'LicenseRef-Acme-Open')).toMatchObject({ allowed: true, rule: 'allow:acme' });
  });
});

describe('permissivenessRank', () => {
  it('orders public domain < notice < Apache < CC-BY < share-alike < copyleft, denied last', () => {
    const r = (e: string) => permissivenessRank(open, e);
    expect(r('CC0-1.0')).toBeLessThan(r('MIT'));
    expect(r('MIT')).toBeLessThan(r('Apache-2.0'));
    expect(r('Apache-2.0')).toBeLessThan(r('CC-BY-4.0'));
    expect(r('CC-BY-4.0')).toBeLessThan(r('CC-BY-SA-4.0'));
    expect(r('CC-BY-SA-4.0')).toBeLessThan(r('GPL-3.0-only'));
    expect(r('CC-BY-NC-4.0')).toBe(DENIED_RANK);
    expect(r('MIT OR GPL-3.0-only')).toBe(r('MIT'));
    expect(r('MIT AND CC-BY-SA-4.0')).toBe(r('CC-BY-SA-4.0'));
  });
});
