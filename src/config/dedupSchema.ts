import { z } from 'zod';

/** Order in which duplicate copies compete to survive; the smaller id always breaks the last tie. */
export const SURVIVOR_KEYS = ['license', 'quality', 'length', 'shorter', 'source'] as const;

export const dedupSchema = z
  .strictObject({
    /** Exact duplicates (hash of normalised text). */
    exact: z.boolean().default(true),
    /** Near duplicates (MinHash LSH). */
    near: z.boolean().default(true),
    /** Word n-gram size of the shingles. Documents with fewer words skip near-dedup (exact dedup still applies). */
    ngram: z.number().int().min(1).max(64).default(5),
    /** Number of MinHash permutations (signature length). */
    num_perm: z.number().int().min(1).max(1024).default(112),
    /** LSH bands × rows; bands × rows must not exceed num_perm. FineWeb: 14 × 8. */
    bands: z.number().int().min(1).default(14),
    rows: z.number().int().min(1).default(8),
    /** Seed of the permutation parameters; signatures are comparable only under the same seed (see permutationChecksum). */
    seed: z.number().int().nonnegative().max(0xffffffff).default(1),
    /** A candidate pair is a duplicate only if its estimated Jaccard similarity is at least this. */
    threshold: z.number().gt(0).max(1).default(0.8),
    /**
     * `signature`: verify each candidate pair on the whole signature before linking it, and attach
     * each removed document directly to a survivor it is similar to (no transitive chains).
     * `none`: the peers' behaviour (any shared band links, union-find clusters); for comparison only.
     */
    verify: z.enum(['signature', 'none']).default('signature'),
    /** Survivor order among copies; the smaller id breaks the last tie. */
    survivor: z.array(z.enum(SURVIVOR_KEYS)).default(['license', 'quality', 'length']),
    /** Alarm when a cluster holds more documents than this. */
    max_cluster_size: z.number().int().positive().default(1000),
    /** Alarm when dedup removes more than this share of a source's documents ... */
    max_source_loss: z.number().min(0).max(1).default(0.5),
    /** ... for sources with at least this many documents. */
    min_source_docs: z.number().int().nonnegative().default(20),
    /**
     * Memory phase 2 may use, in MB (fractions allowed). In memory, phase 2 holds every signature
     * (4 × num_perm bytes per document) plus ~260 bytes of tables per document (dedupMemory.ts);
     * when that estimate exceeds this budget, the signatures go to a scratch file and only the
     * tables stay in memory (see out_of_core). A corpus whose tables alone exceed the budget is
     * refused before anything is loaded, with the figure.
     */
    max_memory_mb: z.number().positive().default(16_384),
    /**
     * Where phase 2 keeps the signatures. `auto`: in memory when the estimate fits max_memory_mb,
     * else in a file under dedup/tmp (same results, slower: one sequential read of the file per
     * band). `always`: on disk whatever the size. `never`: in memory, refusing a corpus over the
     * budget.
     */
    out_of_core: z.enum(['auto', 'always', 'never'], { error: 'expected auto (signatures on disk only when over max_memory_mb), always or never' }).default('auto'),
  })
  .refine((d) => d.bands * d.rows <= d.num_perm, {
    message: 'expected bands × rows ≤ num_perm (raise num_perm or lower bands/rows)',
    path: ['bands'],
  });

export type DedupConfig = z.infer<typeof dedupSchema>;
export type SurvivorKey = (typeof SURVIVOR_KEYS)[number];
