import { z } from 'zod';

export const dedupSchema = z.strictObject({
  /** Exact duplicates (hash of normalised text). */
  exact: z.boolean().default(true),
});

export type DedupConfig = z.infer<typeof dedupSchema>;
