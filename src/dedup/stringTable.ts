/**
 * Open-addressing table from strings to their first position in a list, in typed arrays: no
 * per-entry objects, so indexing a million ids or hashes costs ~12 MB and no GC churn (a Map
 * of a million strings costs ~80 MB and seconds of collection on a loaded machine).
 */
function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) | 0;
}

/**
 * For each position i, the first position j ≤ i with keys[j] === keys[i] (i itself when the key
 * is new). `keyOf` reads the key of a position.
 */
export function firstOccurrence(n: number, keyOf: (i: number) => string): Int32Array {
  let cap = 16;
  while (cap < n * 2) cap *= 2;
  const mask = cap - 1;
  const slotPos = new Int32Array(cap).fill(-1);
  const slotHash = new Int32Array(cap);
  const first = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = keyOf(i);
    const h = hashString(key);
    let s = h & mask;
    for (;;) {
      const p = slotPos[s];
      if (p === -1) {
        slotPos[s] = i;
        slotHash[s] = h;
        first[i] = i;
        break;
      }
      if (slotHash[s] === h && keyOf(p) === key) {
        first[i] = p;
        break;
      }
      s = (s + 1) & mask;
    }
  }
  return first;
}
