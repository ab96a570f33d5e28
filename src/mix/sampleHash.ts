import { createHash } from 'node:crypto';

/**
 * Seeded, order-independent position of an item in [0, 1): sampling by `hash(seed, id)` means
 * adding or removing other documents never reshuffles this one.
 */
export function sampleHash(seed: number, id: string): number {
  const h = createHash('sha256').update(`${seed}\0${id}`).digest();
  // 48 bits are plenty for ordering and exact in a double.
  return h.readUIntBE(0, 6) / 2 ** 48;
}
