/**
 * Finding 14: a record license of "" or false fell back to the source's license, but "  " was
 * license.missing. One rule now: missing, null, false, "" and whitespace are empty and fall back;
 * any other non-string value fails closed.
 */
import { describe, expect, it } from 'vitest';
import { qualityPreset } from '../../src/config/qualitySchema.js';
import { dedupSchema } from '../../src/config/dedupSchema.js';
import { jsonlSourceSchema } from '../../src/config/sourceSchema.js';
import { evaluateLicense, loadPolicy } from '../../src/license/licensePolicy.js';
import { processRecord } from '../../src/pipeline/processRecord.js';
import { dumpRowToRecord } from '../../src/sources/dumpRecord.js';
import { join } from 'node:path';
import { repoRoot } from '../support/cliHarness.js';
import { testEnv } from '../sources/testContext.js';
import { kjvTexts } from './hardeningFixtures.js';

const policy = loadPolicy(join(repoRoot, 'licenses/permissive.yaml'));
const text = kjvTexts(1)[0]!;

function outcome(value: unknown, declared?: string) {
  const src = jsonlSourceSchema.parse({ id: 's', kind: 'jsonl', path: 'x.jsonl', license_field: 'lic', ...(declared ? { license: declared } : {}) });
  const row: Record<string, unknown> = { text };
  if (value !== undefined) row.lic = value;
  const rec = dumpRowToRecord(src, row, 'x.jsonl:1', testEnv('/'))!;
  const decision = declared ? evaluateLicense(policy, declared) : undefined;
  return processRecord(rec, { source: src, sourceDecision: decision, sourceEvidence: declared ? { kind: 'declared', raw: declared } : undefined, policy, quality: qualityPreset('curate'), dedup: dedupSchema.parse({}), near: true } as never);
}

describe('one rule for empty per-record license values', () => {
  const empties: [string, unknown][] = [['missing', undefined], ['null', null], ['""', ''], ['"  "', '  '], ['"\\t"', '\t'], ['false', false]];
  for (const [name, v] of empties) {
    it(`${name} falls back to the source's declared license`, () => {
      const o = outcome(v, 'MIT');
      expect(o.kind).toBe('doc');
      if (o.kind === 'doc') expect(o.doc.license).toBe('MIT');
    });
    it(`${name} without a declared license is license.missing`, () => {
      const o = outcome(v);
      expect(o.kind === 'reject' && o.reject.reason).toBe('license.missing');
    });
  }
  it('a non-empty non-string value (true, a list) fails closed instead of falling back', () => {
    for (const v of [true, ['MIT'], { id: 'MIT' }]) {
      const o = outcome(v, 'MIT');
      expect(o.kind).toBe('reject');
    }
  });
  it('a real value is used, trimmed', () => {
    const o = outcome('  BSD-3-Clause ', 'MIT');
    expect(o.kind === 'doc' && o.doc.license).toBe('BSD-3-Clause');
  });
});
