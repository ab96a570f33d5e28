import { describe, expect, it } from 'vitest';
import type { Domain } from '../../src/core/doc.js';
import { planMix, waterFill, type MixCandidate } from '../../src/mix/planMix.js';

function docs(source: string, domain: Domain, n: number, tokens: number | ((i: number) => number)): MixCandidate[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${source}/${i}`, source, domain, tokens: typeof tokens === 'number' ? tokens : tokens(i) }));
}

const settings = (maxEpochs: number, ids: string[], weights: Record<string, number> = {}) =>
  Object.fromEntries(ids.map((s) => [s, { weight: weights[s] ?? 1, maxEpochs }]));

describe('planMix', () => {
  const cands = [...docs('c1', 'code', 100, 100), ...docs('p1', 'prose', 200, 100), ...docs('p2', 'prose', 100, 100), ...docs('s1', 'science', 50, 100)];

  it('splits the total by domain shares, in tokens, within one document of the target', () => {
    const plan = planMix(cands, { totalTokens: 20_000, domains: { code: 0.3, prose: 0.5, science: 0.2 }, seed: 1, sources: settings(1, ['c1', 'p1', 'p2', 's1']) });
    const by = Object.fromEntries(plan.byDomain.map((d) => [d.domain, d]));
    expect(by.code!.plannedTokens).toBe(6000);
    expect(Math.abs(by.code!.actualTokens - 6000)).toBeLessThanOrEqual(100);
    expect(Math.abs(by.prose!.actualTokens - 10_000)).toBeLessThanOrEqual(200);
    expect(Math.abs(by.science!.actualTokens - 4000)).toBeLessThanOrEqual(100);
    expect(plan.warnings).toEqual([]);
    // Inside prose, sources follow their natural proportions (2:1).
    const p1 = plan.bySource.find((s) => s.source === 'p1')!;
    const p2 = plan.bySource.find((s) => s.source === 'p2')!;
    expect(p1.plannedTokens / p2.plannedTokens).toBeCloseTo(2, 3);
    expect(plan.selections.every((s) => s.epoch === 0)).toBe(true);
  });

  it('repeats whole epochs up to the cap and records the shortfall instead of exceeding it', () => {
    const plan = planMix(cands, { totalTokens: 100_000, domains: { code: 0.3, prose: 0.5, science: 0.2 }, seed: 1, sources: settings(2, ['c1', 'p1', 'p2', 's1']) });
    const science = plan.byDomain.find((d) => d.domain === 'science')!;
    expect(science.plannedTokens).toBe(20_000);
    expect(science.actualTokens).toBe(10_000); // 50 docs × 100 tokens × 2 epochs
    expect(science.shortfall).toBe(10_000);
    expect(plan.warnings.some((w) => w.startsWith('mix.science'))).toBe(true);
    const s1 = plan.bySource.find((s) => s.source === 's1')!;
    expect(s1.capped).toBe(true);
    expect(s1.epochs).toBe(2);
    const maxEpoch = Math.max(...plan.selections.filter((s) => s.id.startsWith('s1/')).map((s) => s.epoch));
    expect(maxEpoch).toBe(1);
    for (const id of new Set(plan.selections.map((s) => s.id))) {
      expect(plan.selections.filter((s) => s.id === id).length).toBeLessThanOrEqual(2);
    }
  });

  it('moves budget from a capped source to the others of its domain', () => {
    const small = [...docs('a', 'prose', 10, 100), ...docs('b', 'prose', 1000, 100)];
    const plan = planMix(small, { totalTokens: 20_000, domains: { code: 0, prose: 1, science: 0 }, seed: 3, sources: settings(1, ['a', 'b'], { a: 100 }) });
    const a = plan.bySource.find((s) => s.source === 'a')!;
    const b = plan.bySource.find((s) => s.source === 'b')!;
    expect(a.actualTokens).toBe(1000);
    expect(a.capped).toBe(true);
    expect(b.actualTokens).toBe(19_000);
  });

  it('does not depend on input order, and adding a source does not reshuffle another domain', () => {
    const input = { totalTokens: 15_000, domains: { code: 0.3, prose: 0.5, science: 0.2 }, seed: 7, sources: settings(1, ['c1', 'p1', 'p2', 's1', 'c2']) };
    const a = planMix(cands, input).selections.map((s) => `${s.id}@${s.epoch}`).sort();
    const b = planMix([...cands].reverse(), input).selections.map((s) => `${s.id}@${s.epoch}`).sort();
    expect(b).toEqual(a);
    const withMore = planMix([...cands, ...docs('c2', 'code', 10, 100)], input).selections.filter((s) => !s.id.startsWith('c')).map((s) => s.id).sort();
    expect(withMore).toEqual(a.filter((x) => !x.startsWith('c')).map((x) => x.split('@')[0]).sort());
  });

  it('never adds an epoch through rounding', () => {
    const plan = planMix(docs('x', 'code', 3, 333), { totalTokens: 999, domains: { code: 1, prose: 0, science: 0 }, seed: 0, sources: settings(5, ['x']) });
    expect(plan.selections.length).toBe(3);
    expect(plan.selections.every((s) => s.epoch === 0)).toBe(true);
  });
});

describe('waterFill', () => {
  it('respects caps and hands the excess to the rest', () => {
    const m = waterFill(100, [
      { key: 'a', weight: 1, cap: 10 },
      { key: 'b', weight: 1, cap: 1000 },
      { key: 'c', weight: 2, cap: 1000 },
    ]);
    expect(m.get('a')).toBe(10);
    expect(m.get('b')! + m.get('c')!).toBeCloseTo(90, 6);
    expect(m.get('c')! / m.get('b')!).toBeCloseTo(2, 6);
  });
});

describe('planMix at corpus scale', () => {
  it('plans a source of 400,000 documents (no argument-spread limits)', () => {
    const big = docs('web', 'prose', 400_000, 10);
    const plan = planMix(big, { totalTokens: 3_000_000, domains: { code: 0, prose: 1, science: 0 }, seed: 3, sources: settings(1, ['web']) });
    expect(plan.selections.length).toBe(300_000);
    expect(plan.byDomain.find((d) => d.domain === 'prose')!.actualTokens).toBe(3_000_000);
  });
});

describe('planMix per-source drift', () => {
  // One 900-token document cannot meet a ~470-token target: whole documents make it drift to 0, and the other source takes its place.
  const cands = [...docs('big', 'prose', 1, 900), ...docs('small', 'prose', 100, 10)];
  const input = { totalTokens: 1000, domains: { code: 0, prose: 1, science: 0 }, seed: 3, sources: settings(1, ['big', 'small']) };

  it('warns, per source, when actual tokens stray from planned tokens beyond the tolerance', () => {
    const plan = planMix(cands, input);
    const big = plan.bySource.find((s) => s.source === 'big')!;
    expect(big.plannedTokens).toBe(474);
    expect(big.actualTokens).toBe(0);
    expect(plan.warnings).toContain('mix.prose.big: planned 474 tokens, got 0 (-100 %, beyond the ±50 % of mix.drift_tolerance); its documents are few or large for its target: add documents, change its weight or raise the tolerance');
    expect(plan.warnings.some((w) => w.startsWith('mix.prose.small: planned 526 tokens, got 1000 (+90 %'))).toBe(true);
  });

  it('stays quiet within the tolerance', () => {
    expect(planMix(cands, { ...input, driftTolerance: 1 }).warnings).toEqual([]);
    expect(planMix(cands, { ...input, driftTolerance: 0.95 }).warnings).toHaveLength(1);
  });
});
