/** Seeded synthetic texts for the dedup tests (no fixtures needed). */

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random words over a large vocabulary, so unrelated texts share almost no 5-gram. */
export function randomWords(n: number, rand: () => number): string[] {
  const syll = ['ka', 'lo', 'mi', 'ten', 'ra', 'su', 'vo', 'pel', 'dri', 'an', 'ex', 'or', 'qui', 'zu', 'bem', 'fa'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = 1 + Math.floor(rand() * 3);
    let w = '';
    for (let k = 0; k < len; k++) w += syll[Math.floor(rand() * syll.length)];
    out.push(w + Math.floor(rand() * 50).toString(36).replace(/[0-9]/g, 'x'));
  }
  return out;
}

/** Random unique 32-bit values (shingle hashes). */
export function randomSet(n: number, rand: () => number): Int32Array {
  const s = new Set<number>();
  while (s.size < n) s.add((rand() * 4294967296) | 0);
  return Int32Array.from(s);
}
