import type { QualityConfig } from '../config/qualitySchema.js';
import { countTokensFast } from './fastTokenCounter.js';

/** The tokenizer as the manifest records it, e.g. "gpt-tokenizer/cl100k_base" or "approx/bytes4". */
export function tokenizerName(cfg: Pick<QualityConfig, 'tokenizer'>): string {
  return cfg.tokenizer === 'approx' ? 'approx/bytes4' : `gpt-tokenizer/${cfg.tokenizer}`;
}

/** UTF-8 byte length without encoding the string. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * `utf8Length`, natively when it can: Node's byte count equals it for well-formed text (one-byte
 * strings are always well-formed); lone surrogates, which Node counts as U+FFFD, take the loop.
 */
function approxBytes(text: string): number {
  // String.prototype.isWellFormed is in Node 20 but not in the ES2023 lib this project compiles with.
  return (text as string & { isWellFormed(): boolean }).isWellFormed() ? Buffer.byteLength(text, 'utf8') : utf8Length(text);
}

/** Token count of a text with the configured tokenizer; `approx` is UTF-8 bytes / 4, rounded up. */
export function countTokens(text: string, cfg: Pick<QualityConfig, 'tokenizer'>): number {
  if (text.length === 0) return 0;
  if (cfg.tokenizer === 'approx') return Math.ceil(approxBytes(text) / 4);
  // Exactly gpt-tokenizer's countTokens (special-token strings counted as text), 3-4x faster:
  // docs/tokenizer.md, test/annotate/fastTokenCounter.test.ts.
  return countTokensFast(text, cfg.tokenizer);
}
