/**
 * Version of the normalisation + shingle hashing + permutation scheme. Bump it whenever any of
 * them changes, so permutationChecksum changes and old signatures are known to be incomparable.
 */
export const NORMALIZATION_VERSION = 'v1';
