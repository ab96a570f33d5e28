/**
 * Binning done here, not in the chart: shards can hold millions of rows, and the page should
 * carry bin counts, not values. Both histograms are streaming (add one value at a time).
 */
export interface Bin {
  /** Label on the axis, short: "2.5–3", "3", "64", "1k". */
  label: string;
  /** The values in the bin, in full: "2.5–3", "1,024–2,047". */
  range: string;
  /** Inclusive lower edge, used to sort. */
  start: number;
  count: number;
}

/**
 * Equal-width bins over [lo, hi]; the last bin includes hi, values outside are clamped into the
 * first or last bin so nothing is dropped from the counts.
 */
export class LinearHistogram {
  private readonly counts: number[];
  private readonly n: number;

  constructor(
    readonly lo: number,
    readonly hi: number,
    readonly width: number,
    /** 'start' labels a bin by its lower edge alone ("3"): for whole-number scores with width 1. */
    readonly labels: 'range' | 'start' = 'range',
  ) {
    this.n = Math.max(1, Math.round((hi - lo) / width));
    this.counts = new Array<number>(this.n).fill(0);
  }

  add(v: number): void {
    if (!Number.isFinite(v)) return;
    const i = Math.min(this.n - 1, Math.max(0, Math.floor((v - this.lo) / this.width + 1e-9)));
    this.counts[i]!++;
  }

  bins(): Bin[] {
    return this.counts.map((count, i) => {
      const a = this.lo + i * this.width;
      const range = this.labels === 'start' ? trim(a) : `${trim(a)}–${trim(a + this.width)}`;
      return { label: this.labels === 'start' ? trim(a) : range, range, start: a, count };
    });
  }
}

/**
 * Power-of-two bins ([1,2), [2,4), [4,8) ..., labelled by their lower edge) from the smallest to the largest value seen, for
 * sizes that span orders of magnitude (tokens, cluster sizes). Values below 1 go in the first bin.
 */
export class Log2Histogram {
  private readonly counts = new Map<number, number>();

  add(v: number): void {
    if (!Number.isFinite(v)) return;
    const e = Math.floor(Math.log2(Math.max(1, v)));
    this.counts.set(e, (this.counts.get(e) ?? 0) + 1);
  }

  bins(): Bin[] {
    if (this.counts.size === 0) return [];
    const keys = [...this.counts.keys()];
    const bins: Bin[] = [];
    for (let e = Math.min(...keys); e <= Math.max(...keys); e++) {
      const a = 2 ** e;
      const b = 2 ** (e + 1) - 1;
      bins.push({ label: short(a), range: a === b ? count(a) : `${count(a)}–${count(b)}`, start: a, count: this.counts.get(e) ?? 0 });
    }
    return bins;
  }
}

function trim(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/** Powers of two on an axis: 512, 1k, 2k ... 1M (binary: 1k = 1,024). */
function short(x: number): string {
  return x >= 2 ** 20 ? `${x / 2 ** 20}M` : x >= 1024 ? `${x / 1024}k` : String(x);
}

function count(x: number): string {
  return x.toLocaleString('en-US');
}
