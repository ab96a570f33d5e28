/**
 * Finding 3: `curate finalize` after a policy change certified the old shards (the manifest named
 * the new policy while MANIFEST.md listed rows it denies). finalize and mix now refuse when the
 * policy, config or staging differ from what the shards were built from, saying what to run.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { curate, workspace } from '../support/cliHarness.js';
import { tinyConfig, writeTinyDump } from './hardeningFixtures.js';

describe('phase commands check what their input was built from', () => {
  let ws: string;
  const manifest = () => readFileSync(join(ws, 'out/fp/manifest.json'));

  beforeAll(async () => {
    ws = workspace({ 'fp.yaml': tinyConfig('fp') });
    writeTinyDump(ws);
    const r = await curate(ws, ['run', 'configs/fp.yaml', '--quiet']);
    expect(r.code).toBe(0);
  }, 120_000);

  it('after a policy change, finalize and mix refuse, naming the policy and `curate run`', async () => {
    const before = manifest();
    const policy = join(ws, 'licenses/permissive.yaml');
    const original = readFileSync(policy);
    appendFileSync(policy, '\n# edited after the run\n');
    for (const cmd of ['finalize', 'mix', 'dedup']) {
      const r = await curate(ws, [cmd, 'configs/fp.yaml', '--quiet']);
      expect(r.code, cmd).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`${cmd}: refusing: staging and rejects in .*out/fp were built before the license policy \\(.*permissive\\.yaml: sha256 [0-9a-f]{12}… then, [0-9a-f]{12}… now\\) changed; run \`curate run configs/fp\\.yaml\``));
    }
    expect(manifest().equals(before)).toBe(true);
    writeFileSync(policy, original);
    expect((await curate(ws, ['finalize', 'configs/fp.yaml', '--quiet'])).code).toBe(0);
  }, 120_000);

  it('after a mix change, finalize refuses and says to run `curate mix`; after the mix it succeeds', async () => {
    writeFileSync(join(ws, 'configs/fp.yaml'), tinyConfig('fp', { seed: 2 }));
    const r = await curate(ws, ['finalize', 'configs/fp.yaml', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/finalize: refusing: the shards in .* were built before the mix or shard settings, the config file changed; run `curate mix configs\/fp\.yaml`, then `curate finalize`/);
    expect((await curate(ws, ['mix', 'configs/fp.yaml', '--quiet'])).code).toBe(0);
    expect((await curate(ws, ['finalize', 'configs/fp.yaml', '--quiet'])).code).toBe(0);
    expect((await curate(ws, ['verify', 'out/fp'])).code).toBe(0);
  }, 120_000);
});
