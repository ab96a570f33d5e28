/**
 * Seeded random inputs for the SPDX expression normaliser / policy decision and the policy-file
 * loader: never a crash. Each input gives a result, or a failure with a reason code (expressions)
 * or a ConfigError naming file:line (policy files). The seeds are fixed: a failure reproduces.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/configError.js';
import { evaluateLicense, loadPolicy } from '../../src/license/licensePolicy.js';
import { normalizeLicense } from '../../src/license/spdxExpression.js';

/** mulberry32: small, seeded, good enough for fuzzing. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  'MIT', 'Apache-2.0', 'GPL-2.0', 'GPL-2.0+', 'GPL-3.0-or-later', 'LGPL-2.1-only', 'BSD', 'CC-BY-NC-4.0', 'NOASSERTION', 'NONE', 'LicenseRef-Proprietary',
  'LicenseRef-', 'DocumentRef-x:LicenseRef-y', 'Classpath-exception-2.0', 'AND', 'OR', 'WITH', 'and', 'or', 'with', '(', ')', '((', '))', '+', '/', ',', ';',
  'Apache 2', 'apache license version 2.0', 'Public Domain', 'https://creativecommons.org/licenses/by/4.0/', 'http://', 'see LICENSE in x', '"', "'", '\u0000', '\u202e',
  'ｍｉｔ', '🙂', 'or later', 'any later version', 'UNLICENSED', 'N/A', '-', '*', 'LGPL', 'GPL', 'x'.repeat(300),
];

describe('SPDX expression fuzz', () => {
  it('normalises or fails with a reason code, and the policy decides, for 3000 random expressions', () => {
    const policy = loadPolicy(path.resolve(import.meta.dirname, '../../licenses/open.yaml'));
    const r = rng(13);
    const reasons = new Set(['license.missing', 'license.unparsable', 'license.unknown']);
    let ok = 0;
    for (let i = 0; i < 3000; i++) {
      const n = 1 + Math.floor(r() * 8);
      const parts: string[] = [];
      for (let k = 0; k < n; k++) {
        const t = TOKENS[Math.floor(r() * TOKENS.length)]!;
        parts.push(r() < 0.1 ? t.slice(0, Math.floor(r() * t.length)) : t);
      }
      const raw = parts.join(r() < 0.8 ? ' ' : '');
      let res: ReturnType<typeof normalizeLicense>;
      try {
        res = normalizeLicense(raw);
      } catch (e) {
        throw new Error(`normalizeLicense threw on ${JSON.stringify(raw)}: ${(e as Error).stack}`);
      }
      if (res.ok) {
        ok++;
        expect(typeof res.expression).toBe('string');
        // A canonical expression normalises to itself.
        const again = normalizeLicense(res.expression);
        expect(again.ok && again.expression, JSON.stringify(raw)).toBe(res.expression);
      } else {
        expect(reasons.has(res.reason), JSON.stringify(raw)).toBe(true);
        expect(res.detail.length).toBeGreaterThan(10);
      }
      const d = evaluateLicense(policy, raw);
      expect(typeof d.allowed).toBe('boolean');
      if (!d.allowed) expect(d.reason).toBeDefined();
    }
    expect(ok).toBeGreaterThan(100); // the generator is not all garbage
  }, 60_000);
});

describe('policy file fuzz', () => {
  it('loads or names file:line for 200 random mutations of a shipped policy', () => {
    const base = readFileSync(path.resolve(import.meta.dirname, '../../licenses/permissive.yaml'), 'utf8');
    const dir = mkdtempSync(path.join(tmpdir(), 'curate-policyfuzz-'));
    const r = rng(2026);
    const junk = ['*', 'N*', 'NOASSERTION', ':', '- ', '  ', '\t', '[', ']', '{', '}', '&a', '*a', '!!binary', '"', '\n', 'rank: -1', 'rank: 1e400', 'rank:', 'licenses: 7', 'id: allow:', '~', 'null', '0x10', '\u0000'];
    let loaded = 0;
    for (let i = 0; i < 200; i++) {
      let text = base;
      const edits = 1 + Math.floor(r() * 4);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(r() * text.length);
        const op = r();
        if (op < 0.4) text = text.slice(0, at) + junk[Math.floor(r() * junk.length)] + text.slice(at);
        else if (op < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 40));
        else {
          const lines = text.split('\n');
          const a = Math.floor(r() * lines.length);
          const b = Math.floor(r() * lines.length);
          [lines[a], lines[b]] = [lines[b]!, lines[a]!];
          text = lines.join('\n');
        }
      }
      const file = path.join(dir, `p${i}.yaml`);
      writeFileSync(file, text);
      try {
        loadPolicy(file);
        loaded++;
      } catch (e) {
        if (!(e instanceof ConfigError)) throw new Error(`mutation ${i} crashed the loader (not a ConfigError): ${(e as Error).stack}\n---\n${text}`);
        expect(e.message, `mutation ${i}`).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+ `));
      }
    }
    expect(loaded).toBeGreaterThan(0);
    expect(loaded).toBeLessThan(200);
  }, 60_000);
});
