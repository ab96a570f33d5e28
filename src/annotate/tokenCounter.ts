import { createRequire } from 'node:module';
import type { QualityConfig } from '../config/qualitySchema.js';

interface Encoding {
  countTokens(text: string, opts?: { disallowedSpecial?: Set<string> }): number;
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, Encoding>();
// Special-token strings in the data ("<|endoftext|>") are counted as ordinary text, not rejected.
const NO_SPECIAL = { disallowedSpecial: new Set<string>() };

/** Loads a vocabulary on first use (~0.2 s each), synchronously so `annotate` stays synchronous. */
function encoding(name: 'cl100k_base' | 'o200k_base'): Encoding {
  let enc = loaded.get(name);
  if (!enc) {
    enc = require(`gpt-tokenizer/cjs/encoding/${name}`) as Encoding;
    loaded.set(name, enc);
  }
  return enc;
}

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
  return encoding(cfg.tokenizer).countTokens(text, NO_SPECIAL);
}
