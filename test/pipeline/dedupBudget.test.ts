/** Phase 2 refuses, with the figure, a corpus whose signatures would not fit the configured memory budget. */
import { describe, expect, it } from 'vitest';
import { curate, smallConfig, workspace } from '../support/cliHarness.js';

describe('dedup memory budget', () => {
  it('refuses before loading anything, naming the documents, the estimate and the budget', async () => {
    const ws = workspace({ 'budget.yaml': smallConfig('budget', 'dedup:\n  max_memory_mb: 0.01\n') });
    const ingest = await curate(ws, ['ingest', 'configs/budget.yaml', '--workers', '1', '--quiet']);
    expect(ingest.code).toBe(0);
    const r = await curate(ws, ['dedup', 'configs/budget.yaml', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^curate: dedup of \d+ documents needs about \d+ MB \(708 bytes each at num_perm 112\), over dedup\.max_memory_mb = 0\.01: raise the budget/);
  });
});
