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
