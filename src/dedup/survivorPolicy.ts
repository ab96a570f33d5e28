import type { SurvivorKey } from '../config/dedupSchema.js';

/** What the survivor policy looks at. */
export interface SurvivorFields {
  id: string;
  source: string;
  /** Lower = more permissive license (the caller ranks licenses). */
  licenseRank: number;
  /** Higher = better. */
  quality: number;
  /** Text length (characters or bytes, as long as it is consistent). */
  length: number;
}

/** NaN would make the order depend on input order; it ranks last instead. */
function num(x: number, worst: number): number {
  return Number.isNaN(x) ? worst : x;
}

/**
 * Total order of copies, best first: the configured keys in turn (license: lower rank first;
 * quality: higher first; length: longer first; shorter: shorter first; source: by name), then the
 * smaller id. Ids are unique, so the order never depends on input order.
 */
export function survivorComparator(keys: readonly SurvivorKey[]): (x: SurvivorFields, y: SurvivorFields) => number {
  return (x, y) => {
    for (const k of keys) {
      let d = 0;
      if (k === 'license') d = num(x.licenseRank, Infinity) - num(y.licenseRank, Infinity);
      else if (k === 'quality') d = num(y.quality, -Infinity) - num(x.quality, -Infinity);
      else if (k === 'length') d = num(y.length, -Infinity) - num(x.length, -Infinity);
      else if (k === 'shorter') d = num(x.length, Infinity) - num(y.length, Infinity);
      else d = x.source < y.source ? -1 : x.source > y.source ? 1 : 0;
      // Infinity − Infinity is NaN: both values missing is a tie.
      if (d !== 0 && !Number.isNaN(d)) return d < 0 ? -1 : 1;
    }
    return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  };
}

/** Dense rank (0 = smallest) of each value; uses a native typed-array sort, no comparator. */
function denseRank(col: Float64Array): { rank: Float64Array; distinct: number } {
  const sorted = col.slice().sort();
  let u = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[u++] = sorted[i];
  const rank = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
  }
  return { rank, distinct: u };
}

/**
 * Survivor fields read by position, so the ranking runs over objects (DedupItem[]) or over compact
 * columns (DedupTable) with the same code, hence the same order.
 */
export interface SurvivorView {
  count: number;
  licenseRank(i: number): number;
  quality(i: number): number;
  length(i: number): number;
  source(i: number): string;
  /** Id order: -1, 0 or 1 as `<` on the id strings. */
  compareIds(x: number, y: number): number;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The view of an object array. */
export function survivorViewOf(items: readonly SurvivorFields[]): SurvivorView {
  return {
    count: items.length,
    licenseRank: (i) => items[i].licenseRank,
    quality: (i) => items[i].quality,
    length: (i) => items[i].length,
    source: (i) => items[i].source,
    compareIds: (x, y) => compareStrings(items[x].id, items[y].id),
  };
}

/**
 * Positions of `items` in survivor order (best first), as an index array: the same order as
 * survivorComparator. Built from native typed-array sorts (each key becomes a dense rank, the
 * ranks are combined, ids only break remaining ties), because a comparator sort over a million
 * objects takes 4–8 s here and this takes well under one.
 */
export function rankBySurvival(items: readonly SurvivorFields[], keys: readonly SurvivorKey[]): Int32Array {
  return rankByView(survivorViewOf(items), keys);
}

/** Smaller is better for every column; NaN ranks last. */
function keyColumn(view: SurvivorView, k: SurvivorKey): Float64Array {
  const n = view.count;
  const c = new Float64Array(n);
  if (k === 'source') {
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) seen.add(view.source(i));
    const at = new Map([...seen].sort().map((s, i) => [s, i]));
    for (let i = 0; i < n; i++) c[i] = at.get(view.source(i))!;
  } else {
    for (let i = 0; i < n; i++) {
      if (k === 'license') c[i] = num(view.licenseRank(i), Infinity);
      else if (k === 'quality') c[i] = -num(view.quality(i), -Infinity);
      else if (k === 'length') c[i] = -num(view.length(i), -Infinity);
      else c[i] = num(view.length(i), Infinity);
    }
  }
  return c;
}

/** rankBySurvival over a SurvivorView. */
export function rankByView(view: SurvivorView, keys: readonly SurvivorKey[]): Int32Array {
  const n = view.count;
  if (n * n > Number.MAX_SAFE_INTEGER) {
    // Beyond ~9.4e7 documents the packed sort below would lose precision: compare the key columns.
    const cols = keys.map((k) => keyColumn(view, k));
    const idx = Array.from({ length: n }, (_, i) => i).sort((x, y) => {
      for (const c of cols) {
        const d = c[x] - c[y];
        if (d !== 0 && !Number.isNaN(d)) return d < 0 ? -1 : 1;
      }
      return view.compareIds(x, y);
    });
    return Int32Array.from(idx);
  }
  let combined: Float64Array = new Float64Array(n);
  for (const k of keys) {
    const c = keyColumn(view, k);
    const { rank, distinct } = denseRank(c);
    for (let i = 0; i < n; i++) c[i] = combined[i] * distinct + rank[i];
    combined = denseRank(c).rank;
  }
  // Sort by (combined rank, position) natively, then order ties by id.
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = combined[i] * n + i;
  packed.sort();
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = packed[k] % n;
  let a = 0;
  while (a < n) {
    let b = a + 1;
    while (b < n && combined[order[b]] === combined[order[a]]) b++;
    // Insertion sort by id inside the (usually short) run of equal keys; a comparator sort for long runs.
    if (b - a > 32) {
      const run = Array.from(order.subarray(a, b)).sort((x, y) => view.compareIds(x, y));
      order.set(run, a);
    } else {
      for (let i = a + 1; i < b; i++) {
        const v = order[i];
        let j = i - 1;
        while (j >= a && view.compareIds(order[j], v) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = v;
      }
    }
    a = b;
  }
  return order;
}
