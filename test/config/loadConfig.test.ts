import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/configError.js';
import { loadConfig } from '../../src/config/loadConfig.js';

function setup(yaml: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'curate-cfg-'));
  mkdirSync(join(dir, 'licenses'));
  writeFileSync(join(dir, 'licenses', 'p.yaml'), 'name: p\n');
  mkdirSync(join(dir, 'docs'));
  const file = join(dir, 'x.yaml');
  writeFileSync(file, yaml);
  return { dir, file };
}

const good = `name: t
output: out/t
policy: licenses/p.yaml
sources:
  - id: docs
    kind: files
    path: docs
    license: MIT
mix:
  total_tokens: 1000
  domains: { code: 0.3, prose: 0.5, science: 0.2 }
  seed: 1
shards:
  max_bytes: 1MB
`;

function errorOf(yaml: string): string {
  const { dir, file } = setup(yaml);
  try {
    loadConfig(file, { baseDir: dir });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message.replace(file, 'x.yaml');
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('loads a valid config with defaults filled in', () => {
    const { dir, file } = setup(good);
    const { config } = loadConfig(file, { baseDir: dir });
    expect(config.shards.max_bytes).toBe(1_000_000);
    expect(config.mix.max_epochs).toBe(1);
    expect(config.sources[0]!.kind).toBe('files');
  });

  it('names file, line, field, expectation and value for a wrong type', () => {
    expect(errorOf(good.replace('code: 0.3', 'code: "lots"'))).toBe('x.yaml:11 mix.domains.code: expected a number between 0 and 1, got "lots"');
  });

  it('reports an out-of-range share and shares that do not sum to 1', () => {
    expect(errorOf(good.replace('code: 0.3', 'code: 1.3'))).toMatch(/^x\.yaml:11 mix\.domains\.code: expected a number between 0 and 1, got 1\.3$/);
    expect(errorOf(good.replace('code: 0.3', 'code: 0.1'))).toMatch(/^x\.yaml:11 mix\.domains: expected domain shares that sum to 1, got code 0.1 \+ prose 0.5 \+ science 0.2 = 0.8$/);
  });

  it('rejects unknown fields and unknown source kinds', () => {
    expect(errorOf(good.replace('  seed: 1', '  sede: 1'))).toMatch(/^x\.yaml:12 mix\.sede: unknown field/);
    expect(errorOf(good.replace('kind: files', 'kind: ftp'))).toMatch(/^x\.yaml:6 sources\.0\.kind: expected one of "files"/);
  });

  it('requires a license or a license field on every source', () => {
    expect(errorOf(good.replace('    license: MIT\n', ''))).toMatch(/^x\.yaml:\d+ sources\.0\.license: expected an SPDX license expression/);
  });

  it('reports missing paths and YAML syntax errors with their line', () => {
    expect(errorOf(good.replace('path: docs', 'path: nope'))).toBe('x.yaml:7 sources.0.path: not found: nope (source "docs")');
    expect(errorOf(good.replace('policy: licenses/p.yaml', 'policy: licenses/none.yaml'))).toBe('x.yaml:3 policy: file not found: licenses/none.yaml');
    expect(errorOf(good.replace('  seed: 1', '  seed: [1'))).toMatch(/^x\.yaml:\d+ invalid YAML/);
  });
});
