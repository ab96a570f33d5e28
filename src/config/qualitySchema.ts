import { z } from 'zod';

/** Quality filter rules: each rule can be switched off; thresholds follow ../REFERENCE (Gopher). */
export const gopherQualitySchema = z.strictObject({
  enabled: z.boolean().default(true),
  min_words: z.number().int().nonnegative().default(50),
  max_words: z.number().int().positive().default(100_000),
  min_mean_word_length: z.number().nonnegative().default(3),
  max_mean_word_length: z.number().positive().default(10),
  max_symbol_word_ratio: z.number().min(0).max(1).default(0.1),
  max_bullet_lines_ratio: z.number().min(0).max(1).default(0.9),
  max_ellipsis_lines_ratio: z.number().min(0).max(1).default(0.3),
  min_alpha_words_ratio: z.number().min(0).max(1).default(0.8),
  min_stop_words: z.number().int().nonnegative().default(2),
});

export const qualitySchema = z.strictObject({
  gopher_quality: gopherQualitySchema.prefault({}),
});

export type QualityConfig = z.infer<typeof qualitySchema>;
