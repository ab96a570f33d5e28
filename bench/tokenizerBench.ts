/**
 * Token counting throughput on one core (CPU time): gpt-tokenizer's `countTokens` against our
 * exact counter (src/annotate/fastTokenCounter.ts), on the corpus of bench/annotateBench.ts:
 * /work/shared/samples/domains/samples.jsonl plus .bench/annotate-eval/domains.jsonl when built.
 * Run alone: node --import tsx bench/tokenizerBench.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cl100kPieceEnd } from '../src/annotate/cl100kPreTokenizer.js';
import { countTokensFast, tokenCountCache } from '../src/annotate/fastTokenCounter.js';
import { o200kPieceEnd } from '../src/annotate/o200kPreTokenizer.js';

const repoRoot = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const NO_SPECIAL = { disallowedSpecial: new Set<string>() };
type Counter = { countTokens(text: string, opts: typeof NO_SPECIAL): number };

function readJsonl(f: string): string[] {
  if (!existsSync(f)) return [];
  return readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

function corpus(): string[] {
  return [resolve(repoRoot, '../shared/samples/domains/samples.jsonl'), resolve(repoRoot, '.bench/annotate-eval/domains.jsonl')].flatMap(readJsonl);
}

function cpuSeconds(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const u = process.cpuUsage(c0);
  return (u.user + u.system) / 1e6;
}

/** MB/s of CPU time over repeated passes after one warm-up pass; `beforePass` runs before each pass. */
function mbps(texts: string[], fn: (t: string) => number, beforePass: () => void = () => {}, minMs = 2000): number {
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  beforePass();
  for (const t of texts) fn(t);
  let done = 0;
  const c0 = process.cpuUsage();
  const cpuMs = () => {
    const u = process.cpuUsage(c0);
    return (u.user + u.system) / 1000;
  };
  while (cpuMs() < minMs) {
    beforePass();
    for (const t of texts) fn(t);
    done += bytes;
  }
  return done / 1e6 / (cpuMs() / 1000);
}

export async function benchTokenizer(): Promise<Record<string, number | string>> {
  const texts = corpus();
  const res: Record<string, number | string> = {
    'tokenizer.docs': texts.length,
    'tokenizer.corpus_MB': Number((texts.reduce((s, t) => s + Buffer.byteLength(t), 0) / 1e6).toFixed(2)),
  };
  // One pass over all the annotate eval texts (multilingual man pages included), both sides cold
  // (first use in this process): what a fresh worker sees on diverse text.
  const all = [...texts, ...['lang', 'textbook'].flatMap((n) => readJsonl(resolve(repoRoot, `.bench/annotate-eval/${n}.jsonl`)))];
  const allMB = all.reduce((s, t) => s + Buffer.byteLength(t), 0) / 1e6;
  res['tokenizer.cold_single_pass_MB'] = Number(allMB.toFixed(2));
  for (const name of ['cl100k_base', 'o200k_base'] as const) {
    const enc = require(`gpt-tokenizer/cjs/encoding/${name}`) as Counter;
    res[`tokenizer.${name}_gpt_tokenizer_cold_single_pass_MBps`] = Number((allMB / cpuSeconds(() => all.forEach((t) => enc.countTokens(t, NO_SPECIAL)))).toFixed(1));
    const clears0 = tokenCountCache(name).clears;
    res[`tokenizer.${name}_fast_cold_single_pass_MBps`] = Number((allMB / cpuSeconds(() => all.forEach((t) => countTokensFast(t, name)))).toFixed(1));
    res[`tokenizer.${name}_cache_clears_in_single_pass`] = tokenCountCache(name).clears - clears0;
  }
  for (const name of ['cl100k_base', 'o200k_base'] as const) {
    const enc = require(`gpt-tokenizer/cjs/encoding/${name}`) as Counter;
    for (const t of texts) {
      if (countTokensFast(t, name) !== enc.countTokens(t, NO_SPECIAL)) throw new Error(`${name}: fast count differs from gpt-tokenizer; run test/annotate/fastTokenCounter.test.ts`);
    }
    res[`tokenizer.${name}_gpt_tokenizer_MBps`] = Number(mbps(texts, (t) => enc.countTokens(t, NO_SPECIAL)).toFixed(1));
    res[`tokenizer.${name}_fast_MBps`] = Number(mbps(texts, (t) => countTokensFast(t, name)).toFixed(1));
    const cache = tokenCountCache(name);
    // A worker starting cold: the cache is emptied before every pass over the corpus.
    res[`tokenizer.${name}_fast_cache_cleared_each_pass_MBps`] = Number(mbps(texts, (t) => countTokensFast(t, name), () => cache.clear()).toFixed(1));
    cache.clear();
    const misses0 = cache.misses;
    let pieces = 0;
    const pieceEnd = name === 'cl100k_base' ? cl100kPieceEnd : o200kPieceEnd;
    for (const t of texts) {
      countTokensFast(t, name);
      for (let p = 0; p < t.length; pieces++) p = pieceEnd(t, p);
    }
    res[`tokenizer.${name}_pieces_per_pass`] = pieces;
    res[`tokenizer.${name}_cache_hit_rate_first_pass`] = Number((1 - (cache.misses - misses0) / pieces).toFixed(4));
    res[`tokenizer.${name}_cache_entries_after_first_pass`] = cache.size;
    res[`tokenizer.${name}_cache_MB`] = Number((cache.bytes / 1e6).toFixed(1));
  }
  return res;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchTokenizer());
}
