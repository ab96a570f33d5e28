import { z } from 'zod';
import { decontamSchema } from './decontamSchema.js';
import { dedupSchema } from './dedupSchema.js';
import { mixSchema, shardsSchema } from './mixSchema.js';
import { piiSchema } from './piiSchema.js';
import { qualitySchema } from './qualitySchema.js';
import { sourceSchema } from './sourceSchema.js';

/**
 * The one config schema. TypeScript types are derived from it, so the validator and the code
 * can never disagree. Each section lives in its own file next to this one.
 */
export const configSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'expected a name of letters, digits, ".", "_" or "-"').max(100, 'expected a name of at most 100 characters'),
    /** Output folder (relative to the working directory). */
    output: z.string().min(1),
    /** License policy file (licenses/*.yaml). */
    policy: z.string().min(1),
    sources: z.array(sourceSchema).min(1, 'expected at least one source'),
    /** Opt-out / takedown list files (docs/config.md): matching documents are rejected as `license.opted_out`. */
    optout: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
    /** Phase 1 execution: checkpoints and batching (they do not change the output). */
    ingest: z
      .strictObject({
        /** A checkpoint is committed every this many input records of a partition; a killed run resumes from the last one. */
        checkpoint_records: z.number().int().positive().default(2000),
        /** Records sent to a worker at a time. */
        batch_size: z.number().int().positive().default(64),
        /** Worker threads for extraction and scoring (default: the machine's cores); `--workers` overrides; cluster jobs request this many CPUs. */
        workers: z.number().int().positive().optional(),
      })
      .prefault({}),
    /** Personal data and secrets, found right after extraction (src/config/piiSchema.ts). */
    pii: piiSchema.prefault({}),
    quality: qualitySchema.prefault({}),
    dedup: dedupSchema.prefault({}),
    /** Evaluation sets to keep out of the shards (off when absent). */
    decontaminate: decontamSchema.optional(),
    mix: mixSchema,
    shards: shardsSchema.prefault({}),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.sources.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `expected a unique source id, "${s.id}" is used twice` });
      seen.add(s.id);
      if (!s.license && !s.license_field) {
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'license'], message: 'expected an SPDX license expression (or license_field naming a per-record field)' });
      }
    });
  });

export type Config = z.infer<typeof configSchema>;
