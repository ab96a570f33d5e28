import { describe, expect, it } from 'vitest';
import { normalizeLicense } from '../../src/license/spdxExpression.js';

function ok(raw: string) {
  const n = normalizeLicense(raw);
  if (!n.ok) throw new Error(`expected ${raw} to normalise: ${n.reason} ${n.detail}`);
  return n;
}

describe('normalizeLicense', () => {
  it('keeps valid expressions, canonicalising parentheses and operators', () => {
    expect(ok('(MIT OR Apache-2.0)').expression).toBe('MIT OR Apache-2.0');
    expect(ok('MIT AND (BSD-3-Clause OR ISC)').expression).toBe('MIT AND (BSD-3-Clause OR ISC)');
    expect(ok('Apache-2.0 WITH LLVM-exception').corrections).toEqual([]);
    expect(ok('mit or apache-2.0').expression).toBe('MIT OR Apache-2.0');
  });

  it('replaces deprecated ids and "+" with a recorded correction', () => {
    expect(ok('GPL-2.0')).toMatchObject({ expression: 'GPL-2.0-only', corrections: ['GPL-2.0 -> GPL-2.0-only (deprecated id)'] });
    expect(ok('LGPL-2.1+').expression).toBe('LGPL-2.1-or-later');
    expect(ok('GPL-2.0-with-classpath-exception').expression).toBe('GPL-2.0-only WITH Classpath-exception-2.0');
    expect(ok('Apache-2.0+').expression).toBe('Apache-2.0+');
    // the lenient path (a spelling elsewhere in the expression) records the same single correction
    expect(ok('Apache 2 OR GPL-2.0+').corrections).toEqual(['Apache 2 -> Apache-2.0 (spelling)', 'GPL-2.0+ -> GPL-2.0-or-later (deprecated id)']);
  });

  it('maps Creative Commons URLs to SPDX ids, recording the URL', () => {
    const n = ok('https://creativecommons.org/licenses/by-sa/4.0/');
    expect(n.expression).toBe('CC-BY-SA-4.0');
    expect(n.corrections[0]).toContain('https://creativecommons.org/licenses/by-sa/4.0/ -> CC-BY-SA-4.0');
    expect(ok('http://creativecommons.org/licenses/by/3.0/de/deed.en').expression).toBe('CC-BY-3.0-DE');
    expect(ok('https://creativecommons.org/publicdomain/zero/1.0/').expression).toBe('CC0-1.0');
    expect(ok('https://creativecommons.org/licenses/by-nc-nd/4.0/legalcode').expression).toBe('CC-BY-NC-ND-4.0');
  });

  it('maps common spellings and says when it had to guess', () => {
    expect(ok('Apache 2')).toMatchObject({ expression: 'Apache-2.0', guessed: false });
    expect(ok('MIT License').expression).toBe('MIT');
    expect(ok('Public Domain').expression).toBe('LicenseRef-Public-Domain');
    expect(ok('GNU General Public License v2 or later').expression).toBe('GPL-2.0-or-later');
    const bsd = ok('BSD');
    expect(bsd.guessed).toBe(true);
    expect(bsd.expression).toBe('BSD-3-Clause');
    expect(bsd.corrections[0]).toMatch(/^BSD -> BSD-3-Clause \(guess: /);
  });

  it('maps dataset-card spellings: Creative Commons names, SPDX full names, name (short form)', () => {
    expect(ok('Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International').expression).toBe('CC-BY-NC-SA-4.0');
    expect(ok('Attribution 4.0 International (CC BY 4.0)').expression).toBe('CC-BY-4.0');
    expect(ok('Eclipse Public License 2.0').expression).toBe('EPL-2.0');
    expect(ok('lgpl-lr').expression).toBe('LGPLLR');
    expect(ok('Public Domain (CC0)').expression).toBe('CC0-1.0');
    expect(normalizeLicense('N/A')).toMatchObject({ ok: false, reason: 'license.missing' });
  });

  it('refuses a spdx-correct answer that contradicts the stated version', () => {
    // spdx-correct answers EPL-1.0, Apache-2.0 and GPL-3.0-or-later for these: a wrong version is not a guess.
    for (const raw of ['Eclipse Public License v2.0', 'Apache 3', 'GPL 4']) {
      expect(normalizeLicense(raw)).toMatchObject({ ok: false, reason: 'license.unknown' });
    }
  });

  it('reads npm "UNLICENSED" as proprietary, not as the Unlicense', () => {
    expect(ok('UNLICENSED').expression).toBe('LicenseRef-Proprietary');
    expect(ok('Unlicense').expression).toBe('Unlicense');
  });

  it('allows LicenseRef ids in expressions', () => {
    expect(ok('LicenseRef-Foo-1 AND MIT').expression).toBe('LicenseRef-Foo-1 AND MIT');
  });

  it('fails closed with a reason code', () => {
    expect(normalizeLicense(null)).toMatchObject({ ok: false, reason: 'license.missing' });
    expect(normalizeLicense('   ')).toMatchObject({ ok: false, reason: 'license.missing' });
    expect(normalizeLicense('MIT AND')).toMatchObject({ ok: false, reason: 'license.unparsable' });
    expect(normalizeLicense('(MIT OR ISC')).toMatchObject({ ok: false, reason: 'license.unparsable' });
    expect(normalizeLicense('MIT, Apache-2.0')).toMatchObject({ ok: false, reason: 'license.unparsable' });
    expect(normalizeLicense('Frobnicator Public License')).toMatchObject({ ok: false, reason: 'license.unknown' });
    expect(normalizeLicense('MIT WITH Not-An-Exception')).toMatchObject({ ok: false, reason: 'license.unknown' });
    expect(normalizeLicense('SEE LICENSE IN LICENSE.txt')).toMatchObject({ ok: false, reason: 'license.unknown' });
    expect(normalizeLicense('BSL')).toMatchObject({ ok: false, reason: 'license.unknown' });
    expect(normalizeLicense('https://example.com/my-license')).toMatchObject({ ok: false, reason: 'license.unknown' });
    // spdx-correct throws on an empty phrase; that must surface as a reason, not an exception
    expect(normalizeLicense('+')).toMatchObject({ ok: false, reason: 'license.unparsable' });
    expect(normalizeLicense('MIT OR (+')).toMatchObject({ ok: false });
  });
});

describe('normalizeLicense on a license text', () => {
  it('identifies a whole license text put in a license field, recording the detection', async () => {
    const { createRequire } = await import('node:module');
    const full: Record<string, { licenseText: string }> = createRequire(import.meta.url)('spdx-license-list/full');
    const n = ok(full['BSD-2-Clause']!.licenseText.replace('<year> <owner>', '2019 Foo'));
    expect(n.expression).toBe('BSD-2-Clause');
    expect(n.corrections[0]).toMatch(/^license text \(\d+ words\) -> BSD-2-Clause \(detected from the text, score (?:0\.\d+|1)\)$/);
    const prose = 'This dataset was collected by volunteers over many years and may be used by anyone who asks nicely, subject to the terms we will publish later on our website once the lawyers have looked at it and agreed on the wording that everyone finds acceptable.';
    expect(normalizeLicense(prose)).toMatchObject({ ok: false, reason: 'license.unknown' });
  });
});
