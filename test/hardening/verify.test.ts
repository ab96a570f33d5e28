/**
 * Finding 15: verify passed an edited manifest.sources[].license, resolved the policy against the
 * current directory, followed a shard path like ../../../../etc/passwd, and crashed on `{}`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { curate, workspace } from '../support/cliHarness.js';
import { tinyConfig, writeTinyDump } from './hardeningFixtures.js';

describe('verify trusts nothing but the policy', () => {
  let ws: string;
  let original: string;
  const manifestFile = () => join(ws, 'out/vf/manifest.json');
  const edit = (f: (m: Record<string, any>) => void) => {
    const m = JSON.parse(original);
    f(m);
    writeFileSync(manifestFile(), JSON.stringify(m, null, 2));
  };

  beforeAll(async () => {
    ws = workspace({ 'vf.yaml': tinyConfig('vf') });
    writeTinyDump(ws);
    expect((await curate(ws, ['run', 'configs/vf.yaml', '--quiet'])).code).toBe(0);
    original = readFileSync(manifestFile(), 'utf8');
  }, 120_000);

  it('passes from any working directory: the policy is found relative to the output folder', async () => {
    const r = await curate('/', ['verify', join(ws, 'out/vf')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/OK/);
    expect(r.code).toBe(0);
  }, 60_000);

  it('an edited sources[].license fails', async () => {
    edit((m) => {
      m.sources[0].license = 'MIT';
    });
    const r = await curate(ws, ['verify', 'out/vf']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/source\.license: source bible: the manifest says license "MIT", the declared "LicenseRef-Public-Domain" is "LicenseRef-Public-Domain"/);
    edit((m) => {
      m.sources[0].status = 'excluded';
    });
    expect((await curate(ws, ['verify', 'out/vf'])).stdout).toMatch(/source\.status: source bible: the manifest says excluded/);
  }, 60_000);

  it('a shard path leaving the output folder is refused, not read', async () => {
    edit((m) => {
      m.shards[0].file = '../../../../../../../../etc/passwd';
    });
    const r = await curate(ws, ['verify', 'out/vf']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\.\.\/etc\/passwd: shard\.path_outside: the manifest names a shard outside out\/vf; refused/);
    expect(r.stdout).not.toMatch(/passwd: shard\.sha256/);
  }, 60_000);

  it('a malformed manifest ({}) is a finding, not a crash', async () => {
    for (const text of ['{}', '[]', '{"policy":{"file":"x","sha256":"y"},"shards":[{"file":"a"}]}', 'not json']) {
      writeFileSync(manifestFile(), text);
      const r = await curate(ws, ['verify', 'out/vf']);
      expect(r.code, text).toBe(1);
      expect(r.stdout).toMatch(/manifest\.json: manifest\.malformed: /);
      expect(r.stderr).toBe('');
    }
    writeFileSync(manifestFile(), original);
  }, 60_000);
});
