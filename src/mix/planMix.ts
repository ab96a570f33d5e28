import { DOMAINS, type Domain } from '../core/doc.js';
import { sampleHash } from './sampleHash.js';

/** A document that survived ingest and dedup, as the planner sees it. */
export interface MixCandidate {
  id: string;
  source: string;
  domain: Domain;
  tokens: number;
}

export interface MixSourceSettings {
  /** Upsampling factor relative to the source's natural share of its domain (default 1). */
  weight: number;
  /** Maximum number of times a document may appear. */
  maxEpochs: number;
}

export interface MixPlanInput {
  totalTokens: number;
  domains: Record<Domain, number>;
  seed: number;
  sources: Record<string, MixSourceSettings>;
  /** A source whose actual tokens differ from its planned tokens by more than this fraction is a warning (default 0.5). */
  driftTolerance?: number;
}

/** One row of the output: a document and which repetition of it this is (0-based). */
export interface MixSelection {
  id: string;
  epoch: number;
}

export interface MixPlanLine {
  domain: Domain;
  source: string;
  availableTokens: number;
  availableDocs: number;
  plannedTokens: number;
  actualTokens: number;
  rows: number;
  docs: number;
  epochs: number;
  capped: boolean;
}

export interface MixDomainLine {
  domain: Domain;
  share: number;
  plannedTokens: number;
  actualTokens: number;
  availableTokens: number;
  shortfall: number;
}

export interface MixPlan {
  selections: MixSelection[];
  bySource: MixPlanLine[];
  byDomain: MixDomainLine[];
  warnings: string[];
}

/**
 * Token-budget mixing. Each domain gets `total × share` tokens; inside a domain, sources get the
 * budget in proportion to `weight × available tokens` (natural proportions by default). A source
 * whose budget exceeds `max_epochs × available` is capped and the excess goes to the others of its
 * domain (water-filling); what no source can absorb is reported as a shortfall, never silently
 * turned into extra epochs. Whole epochs repeat every document; the fractional remainder takes
 * documents in `hash(seed, id)` order, so the selection does not depend on input order.
 */
export function planMix(candidates: MixCandidate[], input: MixPlanInput): MixPlan {
  const warnings: string[] = [];
  const selections: MixSelection[] = [];
  const bySource: MixPlanLine[] = [];
  const byDomain: MixDomainLine[] = [];

  for (const domain of DOMAINS) {
    const share = input.domains[domain] ?? 0;
    const budget = Math.round(input.totalTokens * share);
    const groups = new Map<string, MixCandidate[]>();
    for (const c of candidates) {
      if (c.domain !== domain) continue;
      let g = groups.get(c.source);
      if (!g) groups.set(c.source, (g = []));
      g.push(c);
    }
    const sources = [...groups.keys()].sort();
    const available = new Map(sources.map((s) => [s, groups.get(s)!.reduce((a, c) => a + c.tokens, 0)]));
    const settings = (s: string) => input.sources[s] ?? { weight: 1, maxEpochs: 1 };
    const targets = waterFill(
      budget,
      sources.map((s) => ({ key: s, weight: settings(s).weight * available.get(s)!, cap: settings(s).maxEpochs * available.get(s)! })),
    );

    let domainActual = 0;
    let domainAvailable = 0;
    const picks = new Map<string, ReturnType<typeof selectForTarget>>();
    for (const s of sources) {
      const picked = selectForTarget(groups.get(s)!, targets.get(s) ?? 0, input.seed);
      picks.set(s, picked);
      domainActual += picked.tokens;
    }
    // Whole documents rarely land exactly on each source's target; top the domain up from the
    // documents still below their epoch cap, in hash order, without overshooting its budget.
    if (budget - domainActual > 0) {
      const spare = sources
        .flatMap((s) => {
          const p = picks.get(s)!;
          if (p.full + 1 > settings(s).maxEpochs) return [];
          return groups.get(s)!.filter((d) => !p.inRemainder.has(d.id)).map((d) => ({ d, s, h: sampleHash(input.seed, d.id) }));
        })
        .sort((a, b) => a.h - b.h || (a.d.id < b.d.id ? -1 : 1));
      for (const { d, s } of spare) {
        if (domainActual >= budget) break;
        if (domainActual + d.tokens > budget) continue;
        const p = picks.get(s)!;
        p.selections.push({ id: d.id, epoch: p.full });
        p.inRemainder.add(d.id);
        p.tokens += d.tokens;
        if (p.full === 0) p.docs++;
        domainActual += d.tokens;
      }
    }
    for (const s of sources) {
      const docs = groups.get(s)!;
      const avail = available.get(s)!;
      domainAvailable += avail;
      const target = targets.get(s) ?? 0;
      const cap = settings(s).maxEpochs * avail;
      const picked = picks.get(s)!;
      // Not push(...spread): a source of a few hundred thousand documents would overflow the stack.
      for (const sel of picked.selections) selections.push(sel);
      bySource.push({
        domain,
        source: s,
        availableTokens: avail,
        availableDocs: docs.length,
        plannedTokens: Math.round(target),
        actualTokens: picked.tokens,
        rows: picked.selections.length,
        docs: picked.docs,
        epochs: avail > 0 ? picked.tokens / avail : 0,
        capped: target >= cap - 1e-9 && cap > 0 && budget > 0,
      });
      // Whole documents and the top-up can move a source far from its share; say so rather than hide it.
      const tolerance = input.driftTolerance ?? 0.5;
      if (target > 0 && Math.abs(picked.tokens - target) > tolerance * target) {
        warnings.push(
          `mix.${domain}.${s}: planned ${Math.round(target)} tokens, got ${picked.tokens} (${picked.tokens >= target ? '+' : ''}${Math.round(((picked.tokens - target) / target) * 100)} %, beyond the ±${Number((tolerance * 100).toFixed(2))} % of mix.drift_tolerance); its documents are few or large for its target: add documents, change its weight or raise the tolerance`,
        );
      }
    }
    const shortfall = Math.max(0, budget - domainActual);
    const capacity = sources.reduce((a, s) => a + settings(s).maxEpochs * available.get(s)!, 0);
    if (budget > 0 && budget > capacity) {
      warnings.push(
        `mix.${domain}: planned ${budget} tokens but only ${domainActual} fit within the epoch caps (${domainAvailable} tokens available); raise max_epochs, add sources or lower total_tokens`,
      );
    }
    byDomain.push({ domain, share, plannedTokens: budget, actualTokens: domainActual, availableTokens: domainAvailable, shortfall });
  }
  return { selections, bySource, byDomain, warnings };
}

/** Splits `budget` by weight without exceeding any cap; excess flows to uncapped keys. */
export function waterFill(budget: number, items: { key: string; weight: number; cap: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  let open = items.filter((i) => i.cap > 0 && i.weight > 0);
  let remaining = budget;
  while (open.length > 0 && remaining > 1e-9) {
    const totalWeight = open.reduce((a, i) => a + i.weight, 0);
    const capped = open.filter((i) => remaining * (i.weight / totalWeight) >= i.cap - (out.get(i.key) ?? 0));
    if (capped.length === 0) {
      for (const i of open) out.set(i.key, (out.get(i.key) ?? 0) + remaining * (i.weight / totalWeight));
      remaining = 0;
      break;
    }
    for (const i of capped) {
      remaining -= i.cap - (out.get(i.key) ?? 0);
      out.set(i.key, i.cap);
    }
    open = open.filter((i) => !capped.includes(i));
  }
  return out;
}

/**
 * Whole epochs first, then the remainder in hash order. The remainder never overshoots its target,
 * so rounding never adds an epoch.
 */
function selectForTarget(
  docs: MixCandidate[],
  target: number,
  seed: number,
): { selections: MixSelection[]; tokens: number; docs: number; full: number; inRemainder: Set<string> } {
  const avail = docs.reduce((a, c) => a + c.tokens, 0);
  if (avail === 0 || target <= 0) return { selections: [], tokens: 0, docs: 0, full: 0, inRemainder: new Set() };
  const ordered = docs.map((d) => ({ d, h: sampleHash(seed, d.id) })).sort((a, b) => a.h - b.h || (a.d.id < b.d.id ? -1 : 1));
  const full = Math.floor(target / avail + 1e-9);
  const selections: MixSelection[] = [];
  let tokens = 0;
  for (let e = 0; e < full; e++) {
    for (const { d } of ordered) selections.push({ id: d.id, epoch: e });
    tokens += avail;
  }
  const remainder = target - full * avail;
  const inRemainder = new Set<string>();
  let taken = 0;
  for (const { d } of ordered) {
    if (taken >= remainder) break;
    // Documents that would overshoot are passed over; the hash order keeps the sample unbiased
    // everywhere but in the last sliver of the budget.
    if (taken + d.tokens > remainder) continue;
    selections.push({ id: d.id, epoch: full });
    inRemainder.add(d.id);
    taken += d.tokens;
  }
  tokens += taken;
  return { selections, tokens, docs: full > 0 ? docs.length : inRemainder.size, full, inRemainder };
}
