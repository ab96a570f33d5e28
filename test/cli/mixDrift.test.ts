/** Per-source drift beyond `mix.drift_tolerance` is a warning in the run output, manifest.json, MANIFEST.md and report.html. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curate, smallConfig, workspace } from '../support/cliHarness.js';

describe('mix.drift_tolerance', () => {
  it('a source that misses its planned tokens by more than the tolerance is a warning everywhere the run reports', async () => {
    // 1 %: whole documents cannot land every source within 1 % of its target.
    const dir = workspace({ 'drift.yaml': smallConfig('drift').replace('  seed: 7\n', '  seed: 7\n  drift_tolerance: 0.01\n') });
    const r = await curate(dir, ['run', 'configs/drift.yaml', '--quiet']);
    expect(r.code).toBe(0);
    const out = join(dir, 'out/drift');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { mix: { warnings: string[]; sources: { domain: string; source: string; plannedTokens: number; actualTokens: number }[] } };
    const drifted = manifest.mix.sources.filter((s) => s.plannedTokens > 0 && Math.abs(s.actualTokens - s.plannedTokens) > 0.01 * s.plannedTokens);
    expect(drifted.length).toBeGreaterThan(0);
    const warnings = manifest.mix.warnings.filter((w) => w.includes('mix.drift_tolerance'));
    expect(warnings.map((w) => w.split(':')[0])).toEqual(drifted.map((s) => `mix.${s.domain}.${s.source}`));
    for (const w of warnings) {
      expect(r.stdout).toContain(`  warning   ${w}`);
      expect(readFileSync(join(out, 'MANIFEST.md'), 'utf8')).toContain(`- ${w}`);
      expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(`<li>${w.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</li>`);
    }
  }, 120_000);
});
