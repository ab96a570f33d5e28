/**
 * Exact token counts, faster than gpt-tokenizer's `countTokens` but always equal to
 * `countTokens(text, { disallowedSpecial: new Set() })` (special-token strings count as text).
 *
 * cl100k_base: our allocation-free pre-tokenizer (cl100kPreTokenizer.ts) walks the text, and each
 * pre-token's count comes from a per-thread cache (tokenCountCache.ts) filled on a miss by
 * gpt-tokenizer's own byte-pair encoder on that very piece, exactly as its `countNative` does
 * per regex match, so the vocabulary and the merges stay theirs.
 * o200k_base: the same with its own pre-tokenizer (o200kPreTokenizer.ts) and cache.
 */
import { createRequire } from 'node:module';
import { cl100kPieceEnd } from './cl100kPreTokenizer.js';
import { o200kPieceEnd } from './o200kPreTokenizer.js';
import { TokenCountCache } from './tokenCountCache.js';

export type FastEncodingName = 'cl100k_base' | 'o200k_base';

/** The parts of gpt-tokenizer 4 we rely on; `bytePairEncodingCoreProcessor` is private in its typings. */
interface BytePairCore {
  getBpeRankFromString(piece: string): number | undefined;
  bytePairEncode(piece: string): number[];
}
interface EncodingModule {
  default?: { bytePairEncodingCoreProcessor?: BytePairCore };
}

const require = createRequire(import.meta.url);

/** Same module path as tokenCounter.ts, so both share one loaded vocabulary through require's cache. */
function loadEncoding(name: FastEncodingName): EncodingModule {
  return require(`gpt-tokenizer/cjs/encoding/${name}`) as EncodingModule;
}

/** gpt-tokenizer's count of one pre-token: the body of its `countNative` loop for one match. */
export function pieceCounter(name: FastEncodingName): (piece: string) => number {
  const core = loadEncoding(name).default?.bytePairEncodingCoreProcessor;
  if (!core || typeof core.getBpeRankFromString !== 'function' || typeof core.bytePairEncode !== 'function') {
    throw new Error(`gpt-tokenizer's internal byte-pair encoder for ${name} was not found: pin gpt-tokenizer to 4.x or update fastTokenCounter.ts`);
  }
  return (piece) => (core.getBpeRankFromString(piece) !== undefined ? 1 : core.bytePairEncode(piece).length);
}

const caches = new Map<FastEncodingName, TokenCountCache>();

/** The per-thread cache of an encoding (created on first use), exposed for benches and tests. */
export function tokenCountCache(name: FastEncodingName): TokenCountCache {
  let cache = caches.get(name);
  if (!cache) {
    cache = new TokenCountCache(pieceCounter(name));
    caches.set(name, cache);
  }
  return cache;
}

/** The per-thread cl100k cache. */
export function cl100kCountCache(): TokenCountCache {
  return tokenCountCache('cl100k_base');
}

/** Exact cl100k_base token count of `text` (`cache`: another cache, for tests of its eviction). */
export function countCl100kTokens(text: string, cache: TokenCountCache = tokenCountCache('cl100k_base')): number {
  const len = text.length;
  let total = 0;
  let pos = 0;
  while (pos < len) {
    const end = cl100kPieceEnd(text, pos);
    // One ASCII character is one token (every byte is in the vocabulary): skip the lookup.
    total += end - pos === 1 && text.charCodeAt(pos) < 0x80 ? 1 : cache.count(text, pos, end);
    pos = end;
  }
  return total;
}

/** Exact o200k_base token count of `text`. */
export function countO200kTokens(text: string, cache: TokenCountCache = tokenCountCache('o200k_base')): number {
  const len = text.length;
  let total = 0;
  let pos = 0;
  while (pos < len) {
    const end = o200kPieceEnd(text, pos);
    // One ASCII character is one token (every byte is in the vocabulary): skip the lookup.
    total += end - pos === 1 && text.charCodeAt(pos) < 0x80 ? 1 : cache.count(text, pos, end);
    pos = end;
  }
  return total;
}

/** Exact gpt-tokenizer token count of `text` for the encoding, special-token strings counted as text. */
export function countTokensFast(text: string, encoding: FastEncodingName): number {
  if (text.length === 0) return 0;
  return encoding === 'cl100k_base' ? countCl100kTokens(text) : countO200kTokens(text);
}
