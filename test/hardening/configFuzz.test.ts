/**
 * Seeded fuzz of the config loader: mutated configs (lines dropped, duplicated or swapped, values
 * replaced by hostile ones, YAML syntax characters inserted) either load or fail with a one-line
 * ConfigError starting with file:line. Never another exception, never a hang.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/configError.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { repoRoot } from '../support/cliHarness.js';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  '', '~', 'null', '-1', '0', '1e400', '-.inf', '.nan', '0x1F', '1_000', '"', "'", '[', ']', '{', '}', '{}', '[]', '*x', '&x', '!!binary AAAA', '!!js/function x',
  'x'.repeat(400), '/', '/etc', '..', '../../..', '/dev/zero', 'licenses', 'true', 'yes', '2026-01-01', '"\\u0000"', '|', '>', '? x', '- x', '@x', '`x`', '%YAML 1.1', '---', '...',
  'GPL-3.0-only', 'MIT OR', '(', 'NOASSERTION', 'data-samples', 'out/x', '12MB', '-5MB', '99999999999999999999999', 'kind', '\t', ' : ',
];

function mutate(lines: string[], rand: () => number): string {
  const out = [...lines];
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const n = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(rand() * out.length);
    switch (Math.floor(rand() * 7)) {
      case 0: out.splice(i, 1); break;
      case 1: out.splice(i, 0, out[i] ?? ''); break;
      case 2: { const j = Math.floor(rand() * out.length); [out[i], out[j]] = [out[j]!, out[i]!]; break; }
      case 3: out[i] = (out[i] ?? '').replace(/:\s*(.*)$/, (_m) => `: ${pick(HOSTILE)}`); break;
      case 4: { const l = out[i] ?? ''; const p = Math.floor(rand() * (l.length + 1)); out[i] = l.slice(0, p) + pick(['&a ', '*a', '{', '[', ':', '#', '"', '- ', '\t', '!!str ', '<<: *a', '?']) + l.slice(p); break; }
      case 5: out[i] = (out[i] ?? '').replace(/^(\s*)/, (m) => (rand() < 0.5 ? m + '  ' : m.slice(2))); break;
      default: out.splice(i, 0, `${pick(['name', 'output', 'policy', 'sources', 'mix', 'shards', 'ingest', 'quality', 'dedup', 'bogus'])}: ${pick(HOSTILE)}`);
    }
  }
  return out.join('\n');
}

describe('config loader fuzz (seeded)', () => {
  it('400 mutations of configs/example.yaml: load, or a one-line ConfigError with file:line', () => {
    const lines = readFileSync(join(repoRoot, 'configs/example.yaml'), 'utf8').split('\n');
    const dir = mkdtempSync(join(tmpdir(), 'curate-fuzz-'));
    const file = join(dir, 'fuzz.yaml');
    const rand = mulberry32(20261203);
    let loaded = 0;
    let refused = 0;
    for (let n = 0; n < 400; n++) {
      const text = mutate(lines, rand);
      writeFileSync(file, text);
      try {
        loadConfig(file, { baseDir: repoRoot });
        loaded++;
      } catch (e) {
        if (!(e instanceof ConfigError)) throw new Error(`mutation ${n} threw ${(e as Error)?.name}: ${(e as Error)?.message}\n--- config ---\n${text}`);
        expect(e.message, `mutation ${n}`).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+ `));
        expect(e.message.includes('\n'), `mutation ${n}: ${e.message}`).toBe(false);
        refused++;
      }
    }
    // Both outcomes happen: the fuzzer is not only producing garbage, nor only harmless edits.
    expect(loaded).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(100);
  }, 60_000);
});
