import { isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import { PII_ACTIONS, PII_TYPES } from '../pii/piiTypes.js';

/**
 * The `pii:` section: which personal data and secrets the PII stage looks for (right after
 * extraction) and what it does with each. docs/pii.md.
 */
export const piiSchema = z.strictObject({
  /** Off: texts go through untouched. */
  enabled: z.boolean().default(true),
  /** The action for every type not listed in `actions`: replace with a typed placeholder, reject the document, or only tag the span. */
  action: z.enum(PII_ACTIONS).default('replace'),
  /** Types looked for (default: all). */
  types: z.array(z.enum(PII_TYPES)).min(1, 'expected at least one PII type (or enabled: false)').default([...PII_TYPES]),
  /** Per-type actions, e.g. { private_key: reject, phone: tag }. */
  actions: z.partialRecord(z.enum(PII_TYPES), z.enum(PII_ACTIONS)).default({}),
  /** Write the spans found (type, start, end in the shard text) into the shards' `pii` column. */
  column: z.boolean().default(true),
  /** Regions whose national phone formats count (international +… numbers always do). */
  phone_regions: z
    .array(z.string().refine((r) => isSupportedCountry(r), 'expected an ISO 3166 alpha-2 region libphonenumber knows, like "US" or "GB"'))
    .min(1)
    .default(['US', 'GB']),
});

export type PiiConfig = z.infer<typeof piiSchema>;
