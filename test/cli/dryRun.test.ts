/** `curate run --dry-run`: validates, resolves sources and licenses, prints the budgets, writes nothing. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { curate, workspace } from '../support/cliHarness.js';

describe('curate run --dry-run', () => {
  it('names every source with its license decision and the domain budgets, and creates no output folder', async () => {
    const dir = workspace();
    const r = await curate(dir, ['run', 'configs/example.yaml', '--dry-run']);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    const config = parse(readFileSync(join(dir, 'configs/example.yaml'), 'utf8'));
    for (const s of config.sources) expect(r.stdout).toMatch(new RegExp(`^    ${s.id} \\[${s.kind}\\]  license \\S.*: (allowed|excluded)`, 'm'));
    // The example's GPL source is refused by the permissive policy, and says so.
    expect(r.stdout).toMatch(/octave-manual \[files\]  license GPL-3\.0-or-later: excluded \(license\.not_allowed\); not read/);
    expect(r.stdout).toMatch(/kjv-bible \[files\]  license LicenseRef-Public-Domain: allowed; [1-9]\d* file\(s\)/);
    const total = config.mix.total_tokens as number;
    for (const [d, share] of Object.entries(config.mix.domains as Record<string, number>)) {
      expect(r.stdout).toContain(`share ${share}  budget ${Math.round(total * share)} tokens`);
      expect(r.stdout).toMatch(new RegExp(`^    ${d} +share`, 'm'));
    }
    expect(existsSync(join(dir, config.output))).toBe(false);
  });

  it('a bad config still fails with the one-line error and exit 2, before anything is written', async () => {
    const dir = workspace();
    const text = readFileSync(join(dir, 'configs/example.yaml'), 'utf8').replace(/total_tokens: \d+/, 'total_tokens: lots');
    writeFileSync(join(dir, 'configs/bad.yaml'), text);
    const r = await curate(dir, ['run', 'configs/bad.yaml', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.yaml:\d+ .*mix\.total_tokens/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
