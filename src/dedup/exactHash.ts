import { createHash } from 'node:crypto';
import { normalizeText } from './normalizeText.js';

/**
 * Hex hash (128 bits of sha256) of the normalised text: two documents with the same hash are
 * exact duplicates after normalisation. 128 bits keep accidental collisions negligible at
 * billions of documents (64 bits would not: ~3% chance of one collision at 10^9).
 */
export function exactHash(text: string): string {
  return createHash('sha256').update(normalizeText(text)).digest('hex').slice(0, 32);
}
