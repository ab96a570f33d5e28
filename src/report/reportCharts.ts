import type { TopLevelSpec } from 'vega-lite';
import type { Bin } from './histogram.js';

/**
 * The report's charts as Vega-Lite specs (pure data → spec; rendered by vegaSvg.ts). Every bar
 * chart is one `bar` mark over the data given, so a chart shows exactly one bar per datum.
 */

const DOMAIN_COLORS = { domain: ['code', 'prose', 'science'], range: ['#4c78a8', '#f58518', '#54a24b'] };

/** Planned versus actual tokens per domain: two bars per domain. */
export function mixChart(domains: { domain: string; plannedTokens: number; actualTokens: number }[]): TopLevelSpec {
  const values = domains.flatMap((d) => [
    { domain: d.domain, kind: 'planned', tokens: d.plannedTokens },
    { domain: d.domain, kind: 'actual', tokens: d.actualTokens },
  ]);
  return {
    description: 'Planned versus actual tokens per domain',
    data: { values },
    mark: 'bar',
    width: { step: 28 },
    height: 180,
    encoding: {
      x: { field: 'domain', type: 'nominal', title: null, axis: { labelAngle: 0 } },
      xOffset: { field: 'kind', sort: ['planned', 'actual'] },
      y: { field: 'tokens', type: 'quantitative', title: 'tokens', axis: { format: ',.0f' } },
      color: { field: 'kind', type: 'nominal', title: null, sort: ['planned', 'actual'], scale: { range: ['#bab0ac', '#4c78a8'] } },
      tooltip: [{ field: 'domain' }, { field: 'kind' }, { field: 'tokens', format: ',' }],
    },
  };
}

/** Where each source's records went: a horizontal stacked bar per source (one segment per non-zero fate). */
export function funnelChart(rows: { source: string; fate: string; docs: number }[], fates: string[]): TopLevelSpec {
  return {
    description: 'Fate of every input record, per source',
    data: { values: rows.filter((r) => r.docs > 0) },
    mark: 'bar',
    width: 520,
    height: { step: 20 },
    encoding: {
      y: { field: 'source', type: 'nominal', title: null, sort: null },
      x: { field: 'docs', type: 'quantitative', title: 'records', stack: 'zero', axis: { format: ',.0f', tickMinStep: 1 } },
      color: {
        field: 'fate',
        type: 'nominal',
        title: null,
        sort: fates,
        scale: { domain: fates, range: ['#e45756', '#b279a2', '#ff9da6', '#bab0ac', '#9d755d', '#54a24b'] },
      },
      tooltip: [{ field: 'source' }, { field: 'fate' }, { field: 'docs', format: ',' }],
    },
  };
}

/** A histogram from precomputed bins: one bar per bin, in bin order (empty bins keep their place). */
export function histogramChart(bins: Bin[], opts: { xTitle: string; yTitle: string; color?: string; step?: number }): TopLevelSpec {
  return {
    description: `${opts.yTitle} by ${opts.xTitle}`,
    data: { values: bins.map((b) => ({ bin: b.label, range: b.range, count: b.count })) },
    mark: { type: 'bar', color: opts.color ?? '#4c78a8' },
    width: { step: opts.step ?? 30 },
    height: 140,
    encoding: {
      x: { field: 'bin', type: 'ordinal', sort: null, title: opts.xTitle, axis: { labelAngle: bins.some((b) => b.label.length > 4) ? -45 : 0 } },
      y: { field: 'count', type: 'quantitative', title: opts.yTitle, axis: { tickMinStep: 1 } },
      tooltip: [{ field: 'range' }, { field: 'count', format: ',' }],
    },
  };
}

/** Tokens in the shards per license: one horizontal bar per license. */
export function licenseChart(licenses: { license: string; tokens: number }[]): TopLevelSpec {
  return {
    description: 'Tokens in the shards per license',
    data: { values: licenses },
    mark: { type: 'bar', color: '#72b7b2' },
    width: 420,
    height: { step: 22 },
    encoding: {
      y: { field: 'license', type: 'nominal', title: null, sort: '-x', axis: { labelLimit: 260 } },
      x: { field: 'tokens', type: 'quantitative', title: 'tokens', axis: { format: ',.0f' } },
      tooltip: [{ field: 'license' }, { field: 'tokens', format: ',' }],
    },
  };
}

export function domainColor(domain: string): string {
  const i = DOMAIN_COLORS.domain.indexOf(domain);
  return i >= 0 ? DOMAIN_COLORS.range[i]! : '#79706e';
}
