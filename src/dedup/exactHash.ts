import { createHash } from 'node:crypto';
import { normalizeToUnits } from './normalizeText.js';

/**
 * Hex hash (128 bits of sha256) of the normalised text (its UTF-16LE code units, hashed without
 * building a string): two documents with the same hash are exact duplicates after normalisation.
 * 128 bits keep accidental collisions negligible at billions of documents (64 bits would not:
 * ~3% chance of one collision at 10^9).
 */
export function exactHash(text: string): string {
  const { units, length } = normalizeToUnits(text);
  return createHash('sha256').update(new Uint8Array(units.buffer, units.byteOffset, length * 2)).digest('hex').slice(0, 32);
}
