/**
 * How the report writes numbers: counts with thousands separators (en-US, so the page reads the same
 * on every machine), shares as percentages.
 */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** A ratio such as epochs: at most two decimals, no trailing zeros. */
export function formatRatio(x: number): string {
  return String(Math.round(x * 100) / 100);
}
