/**
 * The permissive policy accepts guesses (`guesses: accept`) meant for real spellings. spdx-correct
 * answers with any license whose name appears in the input, so '["MIT"]', "NOT MIT" and
 * "invalid value: [\"MIT\"]" became MIT and were allowed. A guess now counts only when the input is
 * plausibly a spelling of the id it maps to; everything else is license.unknown, quoting the value.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { evaluateLicense, loadPolicy } from '../../src/license/licensePolicy.js';
import { normalizeLicense } from '../../src/license/spdxExpression.js';
import { implausibleGuess, spellingKey } from '../../src/license/guessPlausibility.js';
import { repoRoot } from '../support/cliHarness.js';

const policy = loadPolicy(join(repoRoot, 'licenses/permissive.yaml'));

const garbage = [
  '(not a license: ["MIT"])',
  '["MIT"]',
  'invalid value: ["MIT"]',
  '{"license": "MIT"}',
  '{MIT}',
  '"MIT"]',
  'license: MIT',
  'MIT; see below',
  'This code is under the MIT terms mostly',
  'we think MIT',
  'MIT or whatever',
  'NOT MIT',
  'not Apache 2',
  'proprietary (was MIT)',
  'GPL <3',
  'Apache*2',
  'ask us about BSD',
];

describe('garbage that contains a license id is never guessed', () => {
  for (const raw of garbage) {
    it(`${JSON.stringify(raw)} is excluded under the permissive policy`, () => {
      const d = evaluateLicense(policy, raw);
      expect(d.allowed).toBe(false);
      const n = normalizeLicense(raw);
      // "proprietary (was MIT)" reads as proprietary (denied); the rest are unknown or unparsable.
      if (n.ok) expect(n.expression).toBe('LicenseRef-Proprietary');
      else {
        expect(['license.unknown', 'license.unparsable']).toContain(n.reason);
        expect(n.detail).toContain('"');
      }
    });
  }

  it('quotes the value in the reason', () => {
    const n = normalizeLicense('["MIT"]');
    expect(n).toMatchObject({ ok: false, reason: 'license.unknown' });
    if (!n.ok) expect(n.detail).toContain('"["MIT"]"');
  });
});

const spellings: [string, string][] = [
  ['Apache 2', 'Apache-2.0'],
  ['apache 2.0', 'Apache-2.0'],
  ['Apache License 2.0', 'Apache-2.0'],
  ['MIT License', 'MIT'],
  ['mit licence', 'MIT'],
  ['MTI', 'MIT'],
  ['BSD', 'BSD-3-Clause'],
  ['GPLv2', 'GPL-2.0-only'],
  ['GNU GPL v3', 'GPL-3.0-only'],
  ['GPL v3+', 'GPL-3.0-or-later'],
  ['MPL 2.0', 'MPL-2.0'],
  ['LGPL 2.1', 'LGPL-2.1-only'],
  ['zlib', 'Zlib'],
  ['Boost', 'BSL-1.0'],
  ['BSD 2 clause', 'BSD-2-Clause'],
  ['gpl3.0orlater', 'GPL-3.0-or-later'],
];

describe('real spellings still map and are recorded as corrections', () => {
  for (const [raw, id] of spellings) {
    it(`${JSON.stringify(raw)} -> ${id}`, () => {
      const n = normalizeLicense(raw);
      if (!n.ok) throw new Error(`${raw}: ${n.reason} ${n.detail}`);
      expect(n.expression).toBe(id);
      expect(n.corrections.length).toBeGreaterThan(0);
      expect(n.corrections[0]).toContain(`-> ${id}`);
    });
  }
});

describe('the plausibility rule', () => {
  it('drops filler words and separators before comparing', () => {
    expect(spellingKey('The GNU GPL Version 3.0 License')).toBe('gpl3');
    expect(spellingKey('GPLv2')).toBe('gpl2');
  });
  it('refuses punctuation no license name has and words that are not the license', () => {
    expect(implausibleGuess('["MIT"]', 'MIT')).toMatch(/characters/);
    expect(implausibleGuess('NOT MIT', 'MIT')).toMatch(/not a spelling of MIT/);
    expect(implausibleGuess('Apache 2', 'Apache-2.0')).toBeUndefined();
    expect(implausibleGuess('Mozila Public License 2.0', 'MPL-2.0')).toBeUndefined();
  });
});

describe('a real run with per-record license values', () => {
  it('rejects records whose license value only contains an id, quoting it, and ships none of them', async () => {
    const { writeFileSync } = await import('node:fs');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { curate, workspace } = await import('../support/cliHarness.js');
    const { kjvTexts, writeJsonl } = await import('./hardeningFixtures.js');
    const ws = workspace();
    const t = kjvTexts(6);
    const bad = ['["MIT"]', '(not a license: ["MIT"])', 'NOT MIT'];
    writeJsonl(join(ws, 'dump/a.jsonl'), [
      ...bad.map((lic, i) => ({ id: `bad${i}`, text: t[i], lic })),
      { id: 'good0', text: t[3], lic: 'MIT' },
      { id: 'good1', text: t[4], lic: 'Apache 2' },
      { id: 'good2', text: t[5], lic: 'MIT License' },
    ]);
    writeFileSync(
      join(ws, 'configs/guess.yaml'),
      `name: guess\noutput: out/guess\npolicy: licenses/permissive.yaml\nsources:\n  - { id: recs, kind: jsonl, path: dump, id_field: id, license_field: lic, domain: prose }\nmix:\n  total_tokens: 100000\n  domains: { prose: 1 }\n  seed: 1\n`,
    );
    const r = await curate(ws, ['run', 'configs/guess.yaml', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const rejects = (await con.runAndReadAll(`SELECT * FROM read_parquet('${join(ws, 'out/guess/rejects/*/*.parquet')}')`)).getRowObjectsJson();
    const licenseRejects = rejects.filter((x) => String(x.reason).startsWith('license.'));
    expect(licenseRejects).toHaveLength(3);
    for (const x of licenseRejects) expect(x.reason).toBe('license.unknown');
    const details = licenseRejects.map((x) => String(x.detail));
    for (const lic of bad) expect(details.some((d) => d.startsWith(`lic=${JSON.stringify(lic)}: `))).toBe(true);
    const shipped = (await con.runAndReadAll(`SELECT DISTINCT license FROM read_parquet('${join(ws, 'out/guess/shards/*.parquet')}') ORDER BY 1`)).getRows().map((x) => x[0]);
    expect(shipped).toEqual(['Apache-2.0', 'MIT']);
    const staged = (await con.runAndReadAll(`SELECT count(*) FROM read_parquet('${join(ws, 'out/guess/staging/**/*.parquet')}')`)).getRows()[0]![0];
    expect(Number(staged)).toBe(3);
  }, 120_000);
});
