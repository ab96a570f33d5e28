import { z } from 'zod';
import { DOMAINS } from '../core/doc.js';

/** Fields every source kind shares. */
const sourceBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a lowercase id of letters, digits, ".", "_" or "-"'),
  /** An SPDX expression for the whole source. */
  license: z.string().min(1).optional(),
  /** A per-record field holding an SPDX expression (jsonl/parquet), checked per document. */
  license_field: z.string().min(1).optional(),
  /** Optional domain hint, used by the classifier as a prior, never as the answer. */
  domain: z.enum(DOMAINS).optional(),
  /** Mixing weight of this source inside its domain (relative). */
  weight: z.number().positive().optional(),
  /** Epoch cap for this source (overrides mix.max_epochs). */
  max_epochs: z.number().positive().optional(),
};

export const filesSourceSchema = z.strictObject({
  ...sourceBase,
  kind: z.literal('files'),
  path: z.string().min(1),
  /** Glob patterns (relative to path) to include; default: everything. */
  include: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  /** Files larger than this are rejected (`source.too_large`). */
  max_file_bytes: z.number().int().positive().default(5_000_000),
});

export const sourceSchema = z.discriminatedUnion('kind', [filesSourceSchema]);

export type SourceConfig = z.infer<typeof sourceSchema>;
export type FilesSourceConfig = z.infer<typeof filesSourceSchema>;
