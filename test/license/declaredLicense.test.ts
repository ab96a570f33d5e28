/** A declared license is never guessed: a spelling that needs correcting fails the config with the suggestion. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/configError.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { createRunContext } from '../../src/pipeline/runContext.js';
import { workspace } from '../support/cliHarness.js';
import { curate } from '../support/cliHarness.js';

const config = (license: string, extra = '') => `name: typo
output: out/typo
policy: licenses/permissive.yaml
sources:
  - id: kjv
    kind: files
    path: data-samples/prose/kjv-bible
    license: LicenseRef-Public-Domain
  - id: npm
    kind: files
    path: data-samples/code/npm-code
    license: ${license}${extra}
mix:
  total_tokens: 1000
  domains: { code: 0.5, prose: 0.5, science: 0 }
`;

describe('declared license spelling', () => {
  const ws = workspace();
  const open = (text: string) => {
    const file = join(ws, 'configs', 'typo.yaml');
    writeFileSync(file, text);
    return () => createRunContext(loadConfig(file, { baseDir: ws }), () => {});
  };

  it('refuses "MTI" naming file:line, the field and the suggestion', () => {
    const run = open(config('MTI'));
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(new RegExp(`^${join(ws, 'configs', 'typo.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:12 sources\\.1\\.license: "MTI" is not an SPDX id; did you mean MIT\\?`));
  });

  it('refuses guesses and aliases too, but not letter case or deprecated SPDX ids', () => {
    expect(open(config('BSD'))).toThrow(/"BSD" is not an SPDX id; did you mean BSD-3-Clause\?/);
    expect(open(config('Apache 2'))).toThrow(/did you mean Apache-2\.0\?/);
    expect(open(config('mit'))).not.toThrow();
    expect(open(config('GPL-2.0+'))).not.toThrow(); // deprecated id, replaced as SPDX says (then excluded by the policy, not a config error)
  });

  it('accepts the correction when the source says so', () => {
    const run = open(config('MTI', '\n    accept_license_correction: true'))();
    const gate = run.gates.find((g) => g.source.id === 'npm')!;
    expect(gate.status).toBe('allowed');
    expect(gate.decision!.corrections).toEqual(['MTI -> MIT (spelling)']);
  });

  it('the CLI exits 2 with the one-line message', async () => {
    writeFileSync(join(ws, 'configs', 'typo-cli.yaml'), config('MTI'));
    const r = await curate(ws, ['run', 'configs/typo-cli.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^curate: configs\/typo-cli\.yaml:12 sources\.1\.license: "MTI" is not an SPDX id; did you mean MIT\?/);
  });
});
