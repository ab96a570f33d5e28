import { z } from 'zod';

/**
 * The `decontaminate:` section: evaluation sets whose items must not leak into the shards.
 * Matching is on word n-grams of the dedup normalisation (src/dedup/normalizeText.ts), so case,
 * punctuation, digits and line wrapping do not hide an overlap. docs/decontamination.md.
 */
export const evalSetSchema = z.strictObject({
  /** Names the reject reason `decontam.<id>` and the report lines. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected an id of lowercase letters, digits, ".", "_" or "-"'),
  /** A file or a glob of .jsonl, .parquet or plain-text (any other suffix) files. */
  path: z.string().min(1),
  /** Fields whose text forms an item (JSONL/Parquet); several are joined with a newline. Ignored for .txt. */
  fields: z.array(z.string().min(1)).min(1, 'expected at least one field name').default(['text']),
  /** Field holding the item's id (JSONL/Parquet); default `id`, and `<file>:<line or row>` where that is missing. */
  id_field: z.string().min(1).optional(),
  /** Plain text: one item per non-empty `line`, per blank-line separated `paragraph`, or the whole `file`. */
  text_items: z.enum(['line', 'paragraph', 'file']).default('line'),
  /** SPDX id or free text: recorded in the manifest next to the set. */
  license: z.string().min(1).optional(),
});

export const decontamSchema = z.strictObject({
  sets: z.array(evalSetSchema).min(1, 'expected at least one evaluation set'),
  /** Words per n-gram (GPT-3: 13; PaLM/Llama 2: 8). */
  ngram: z.number().int().min(3).max(64).default(13),
  /**
   * Items with fewer words than `ngram` but at least this many are matched as a whole (their full
   * word sequence must appear in a document); shorter items are skipped and counted
   * (`items_too_short`). Set it equal to `ngram` to skip every short item.
   */
  min_item_words: z.number().int().min(1).default(8),
  /**
   * A document counts as hit by an item when it holds at least this share of the item's n-grams
   * (0 = any one shared n-gram, the GPT-3 rule; PaLM used 0.7 with 8-grams).
   */
  min_coverage: z.number().min(0).max(1).default(0),
  /**
   * `reject`: the document goes to rejects as `decontam.<set id>`; `mask`: the overlapping spans
   * are cut out and the rest kept; `report`: kept unchanged, only counted and listed.
   */
  action: z.enum(['reject', 'mask', 'report']).default('reject'),
}).superRefine((d, ctx) => {
  if (d.min_item_words > d.ngram) {
    ctx.addIssue({ code: 'custom', path: ['min_item_words'], message: `expected min_item_words ≤ ngram (${d.ngram})` });
  }
  const seen = new Set<string>();
  d.sets.forEach((s, i) => {
    if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sets', i, 'id'], message: `expected a unique set id, "${s.id}" is used twice` });
    seen.add(s.id);
  });
});

export type DecontamConfig = z.infer<typeof decontamSchema>;
export type EvalSetConfig = z.infer<typeof evalSetSchema>;
