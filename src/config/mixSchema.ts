import { z } from 'zod';

const share = z.number({ error: 'expected a number between 0 and 1' }).min(0, 'expected a number between 0 and 1').max(1, 'expected a number between 0 and 1');

export const mixSchema = z.strictObject({
  /** Token budget of the whole mix. */
  total_tokens: z.number().int().positive(),
  /** Token share per domain; must sum to 1. */
  domains: z.strictObject({ code: share.default(0), prose: share.default(0), science: share.default(0) }).superRefine((d, ctx) => {
    const sum = d.code + d.prose + d.science;
    // Say what they sum to: "expected shares that sum to 1" alone sends the user adding by hand.
    if (Math.abs(sum - 1) >= 1e-6) ctx.addIssue({ code: 'custom', message: `expected domain shares that sum to 1, got code ${d.code} + prose ${d.prose} + science ${d.science} = ${Number(sum.toFixed(6))}` });
  }),
  /** How many times a document may be repeated at most (fractional caps allowed). */
  max_epochs: z.number().positive().default(1),
  seed: z.number().int().nonnegative().default(0),
  /** Per-source drift allowed between planned and actual tokens before a warning (0.5 = ±50 %). */
  drift_tolerance: z.number().nonnegative().optional(),
});

/** Parses sizes like 1MB, 256 MiB, 5e8. */
export const byteSize = z.union([
  z.number().int().positive(),
  z.string().regex(/^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|KiB|MiB|GiB)?\s*$/i, 'expected a size like 256MB').transform(parseByteSize),
]);

export function parseByteSize(s: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(s)!;
  const n = Number(m[1]);
  const unit = (m[2] || 'B').toUpperCase();
  const mult: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3 };
  return Math.round(n * mult[unit]!);
}

export const shardsSchema = z.strictObject({
  /** A shard is closed once its uncompressed text reaches this many bytes. */
  max_bytes: byteSize.default(256_000_000),
  row_group_rows: z.number().int().positive().default(5000),
  compression: z.enum(['zstd', 'snappy', 'uncompressed']).default('zstd'),
});

export type MixConfig = z.infer<typeof mixSchema>;
export type ShardsConfig = z.infer<typeof shardsSchema>;
