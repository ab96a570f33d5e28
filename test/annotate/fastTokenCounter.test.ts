/**
 * The fast counter must equal gpt-tokenizer's `countTokens(text, { disallowedSpecial: new Set() })`
 * for every input, and our pre-tokenizers must cut exactly where gpt-tokenizer's regexes do
 * (cl100k_base and o200k_base).
 * Real data (../shared, .bench/annotate-eval) is used when present and skipped otherwise.
 * More fuzz: CL100K_FUZZ=200000 npx vitest run test/annotate/fastTokenCounter.test.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cl100kPieceEnd, codePointClass, LETTER, NUMBER, SPACE } from '../../src/annotate/cl100kPreTokenizer.js';
import { countCl100kTokens, countTokensFast, pieceCounter, tokenCountCache, type FastEncodingName } from '../../src/annotate/fastTokenCounter.js';
import { o200kCodePointClass, o200kPieceEnd } from '../../src/annotate/o200kPreTokenizer.js';
import { TokenCountCache } from '../../src/annotate/tokenCountCache.js';

const require = createRequire(import.meta.url);
const patterns = require('gpt-tokenizer/cjs/encodingParams/constants') as Record<'CL100K_TOKEN_SPLIT_REGEX' | 'O200K_TOKEN_SPLIT_REGEX', RegExp>;
type Counter = { countTokens(text: string, opts: { disallowedSpecial: Set<string> }): number };
const NO_SPECIAL = { disallowedSpecial: new Set<string>() };
const ENCODINGS: FastEncodingName[] = ['cl100k_base', 'o200k_base'];
const gpt = {
  cl100k_base: require('gpt-tokenizer/cjs/encoding/cl100k_base') as Counter,
  o200k_base: require('gpt-tokenizer/cjs/encoding/o200k_base') as Counter,
};
const splitter = {
  cl100k_base: { regex: patterns.CL100K_TOKEN_SPLIT_REGEX, pieceEnd: cl100kPieceEnd },
  o200k_base: { regex: patterns.O200K_TOKEN_SPLIT_REGEX, pieceEnd: o200kPieceEnd },
};
const reference = (text: string, enc: FastEncodingName = 'cl100k_base') => gpt[enc].countTokens(text, NO_SPECIAL);

const repoRoot = resolve(import.meta.dirname, '../..');

/** First place where our pieces differ from the regex's matches, or null; counts the pieces. */
function splitDifference(text: string, enc: FastEncodingName, tally?: { pieces: number }): string | null {
  const { regex, pieceEnd } = splitter[enc];
  let pos = 0;
  for (const m of text.matchAll(regex)) {
    if (m.index !== pos) return `regex skipped text at ${pos}`;
    const end = pieceEnd(text, pos);
    if (end !== pos + m[0].length) return `at ${pos}: regex ${JSON.stringify(m[0])}, ours ${JSON.stringify(text.slice(pos, end))}`;
    pos = end;
    if (tally) tally.pieces++;
  }
  return pos === text.length ? null : `regex stopped at ${pos} of ${text.length}`;
}

function expectSame(text: string, tally?: { pieces: number }, label = JSON.stringify(text.slice(0, 200))): void {
  for (const enc of ENCODINGS) {
    const diff = splitDifference(text, enc, tally);
    if (diff !== null) expect.fail(`${enc} ${diff} in ${label}`);
    if (countTokensFast(text, enc) !== reference(text, enc)) expect.fail(`${enc}: count differs on ${label}`);
  }
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Units the fuzzer strings are drawn from: every class and boundary case of the split pattern.
const ALPHABET = [
  ...'abcXYZsStTdDmMlLvVeErR019_'.split(''),
  ' ', ' ', ' ', '  ', '\t', '\n', '\r', '\r\n', '\v', '\f', '\u00a0', '\u2028', '\u2029', '\u3000', '\ufeff', '\u1680', '\u200b',
  "'", "'", '"', '.', ',', '-', '!', '?', '/', '(', ')', '{', '}', '#', '$', '@', '\\', '|', '<', '>', '=', '*', '`', '~', '€',
  "'s", "'S", "'ll", "'LL", "'lL", "'ve", "'Ve", "'re", "'RE", "'d", "'m", "'t", "'x",
  '中', '文', '日本', 'ب', 'العربية', 'क', '्', 'ि', 'हिन्दी', '\u0301', 'é', 'e\u0301', 'ß', 'İ', 'Ω', 'я', 'ก', 'ั',
  '٣', '²', 'Ⅻ', '½', '𝟎', '𝐀', '𝒜', '😀', '👍🏽', '🇫🇷', '\ud800', '\udc00', '\udbff', '\udfff',
  '<|endoftext|>', '<|fim_prefix|>', '<|im_start|>', '<|endofprompt|>', '<|', '|>',
  '1234567890', '12', '3.14', 'http://x.org/a?b=c', 'the', ' the', 'The', '\n\n', '    ', '\t\t',
  // o200k's letter classes: titlecase, modifier and other letters, upper/lower mixes
  'ǅ', 'ʰ', 'ー', 'ª', 'Я', '𝒶', 'ABC', 'HTTPServer', 'iPhone', 'McDonald', '//', '/',
];

function fuzzString(next: () => number): string {
  const n = Math.floor(next() * next() * 40);
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return s;
}

describe('cl100kPreTokenizer', () => {
  it('classifies code points like the regex engine, astral ones included', () => {
    expect(codePointClass(0x61)).toBe(LETTER);
    expect(codePointClass(0x1d400)).toBe(LETTER); // 𝐀 MATHEMATICAL BOLD CAPITAL A
    expect(codePointClass(0x1d7ce)).toBe(NUMBER); // 𝟎
    expect(codePointClass(0x0301)).toBe(0); // combining acute: \p{M}, neither letter nor digit
    expect(codePointClass(0x093f)).toBe(0); // Devanagari vowel sign i
    expect(codePointClass(0x00a0)).toBe(SPACE);
    expect(codePointClass(0x2028)).toBe(SPACE);
    expect(codePointClass(0x200b)).toBe(0); // zero width space is not \s
    expect(codePointClass(0x1f600)).toBe(0);
  });

  it('has a class table equal to the regex engine on every BMP code point (both scanners)', () => {
    const is = (re: RegExp, ch: string, bit: number) => (re.test(ch) ? bit : 0);
    let differences = 0;
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c); // a lone surrogate half: the regex says class 0, and so must we
      const lns = is(/^\p{L}$/u, ch, 1) | is(/^\p{N}$/u, ch, 2) | is(/^\s$/u, ch, 4);
      const o200k = lns | is(/^[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]$/u, ch, 16) | is(/^[\p{Ll}\p{Lm}\p{Lo}\p{M}]$/u, ch, 32);
      if (codePointClass(c) !== lns || o200kCodePointClass(c) !== o200k) differences++;
    }
    expect(differences).toBe(0);
    expect(o200kCodePointClass(0x1d4b6)).toBe(1 | 32); // 𝒶 script small a: Ll
    expect(o200kCodePointClass(0x01c5)).toBe(1 | 16); // ǅ titlecase
    expect(o200kCodePointClass(0x0301)).toBe(16 | 32); // combining acute: a mark, in both sets
  });

  it('cuts where the regex does on hand-picked pieces', () => {
    const pieces = (t: string) => {
      const out: string[] = [];
      for (let p = 0; p < t.length; ) {
        const e = cl100kPieceEnd(t, p);
        out.push(t.slice(p, e));
        p = e;
      }
      return out;
    };
    expect(pieces("He'LL say 12345 things")).toEqual(['He', "'LL", ' say', ' ', '123', '45', ' things']);
    expect(pieces('a  \n  b  ')).toEqual(['a', '  \n', ' ', ' b', '  ']);
    expect(pieces(' ...\r\nx')).toEqual([' ...\r\n', 'x']);
    expect(pieces('\u00a0word')).toEqual(['\u00a0word']);
    expect(pieces('\nword')).toEqual(['\n', 'word']);
    expect(pieces('😀abc')).toEqual(['😀abc']);
    expect(pieces('x\ud800y')).toEqual(['x', '\ud800y']);
  });
});

describe('o200kPreTokenizer', () => {
  it('cuts where the regex does on upper/lower case mixes', () => {
    const pieces = (t: string) => {
      const out: string[] = [];
      for (let p = 0; p < t.length; ) {
        const e = o200kPieceEnd(t, p);
        out.push(t.slice(p, e));
        p = e;
      }
      return out;
    };
    expect(pieces("HTTPServer's iPhone DON'T")).toEqual(['HTTPServer\'s', ' i', 'Phone', ' DON\'T']);
    expect(pieces('a\u0301b !\u0301 x//\n')).toEqual(['a\u0301b', ' !\u0301', ' x', '//\n']);
    expect(pieces('x\n  ')).toEqual(['x', '\n', '  ']);
  });
});

describe('countTokensFast', () => {
  it('equals gpt-tokenizer on adversarial strings', () => {
    const cases = [
      '', ' ', '  ', '\t', '\n', '\r\n', '\r\n\r\n  ', ' \n ', '   x', 'x   ', 'x \t \n', '\n\n\n', '\u00a0', '\u00a0\u00a0x', 'a\u2028b', '\u2028\u2029',
      " \r \n\t\u000b\f\u00a0\u3000\ufeff ", "'s", "'S", "'ll", "'LL", "'lL", "'Ve", "'vE", "'re", "'RE", "'d'm't", "don't", "DON'T", "I'M", "y'all", "''s", " 's", "'",
      '1', '12', '123', '1234', '12345', '123456', '1234567', '12345678', '123456789', '1234567890', ' 42', 'x42', '٣٤٥٦', '²³', '𝟎𝟏𝟐𝟑',
      '中文字符串测试', '日本語のテキスト', 'العربية نص', 'हिन्दी में लिखा गया', 'नमस्ते', 'e\u0301e\u0301', '\u0301abc', 'a\u0301b',
      '😀', '😀😀 😀', '👍🏽👍🏽', '🇫🇷🇩🇪', '𝐀𝐁𝐂 𝐀', 'x𝐀y', '\ud800', '\udc00', 'a\ud800b', '\ud800\ud800', '\udc00\ud800', 'x\udbff',
      '<|endoftext|>', 'a <|endoftext|> b', '<|fim_prefix|><|fim_middle|><|fim_suffix|>', '<|im_start|>user<|im_sep|>hi<|im_end|>', '<|endofprompt|>',
      'function f(x) {\n    return x + 1;\n}\n', 'https://example.org/a/b?c=d&e=f#g', '$$\\frac{a}{b}$$', '-----', '=====\n\n', '...', '!?!?',
    ];
    for (const c of cases) expectSame(c);
    for (const enc of ENCODINGS) expect(countTokensFast('', enc)).toBe(0);
  });

  it('equals gpt-tokenizer on a 5 MB string', () => {
    // Mostly prose and code (gpt-tokenizer itself is slow on 5 MB of exotic text), with every 50th
    // line a fuzz string and every 10th a mixed-script one.
    const next = rng(5);
    const lines = ["The quick brown fox, aged 1234 days, didn't jump.", '\t\treturn x[i] + 42; // <|endoftext|>  '];
    const parts: string[] = [];
    let n = 0;
    for (let i = 0; n < 5_000_000; i++) {
      const line = i % 50 === 0 ? fuzzString(next) : i % 10 === 5 ? 'Übergrößenträger — 中文 😀 العربية' : lines[i % 2];
      const s = line + (i % 7 === 0 ? '\r\n' : '\n');
      parts.push(s);
      n += s.length;
    }
    expectSame(parts.join(''));
  });

  it('equals gpt-tokenizer on seeded random strings', () => {
    const next = rng(20261122);
    const count = Number(process.env.CL100K_FUZZ ?? 3000);
    const tally = { pieces: 0 };
    for (let i = 0; i < count; i++) expectSame(fuzzString(next), tally);
    if (process.env.CL100K_FUZZ) console.log(`fuzz: ${count} strings, ${tally.pieces} pieces (both encodings), 0 differences`);
  });

  it('stays exact through evictions of a tiny cache', () => {
    const tiny = new TokenCountCache(pieceCounter('cl100k_base'), 3, 32, 20);
    const next = rng(7);
    for (let i = 0; i < 500; i++) {
      const s = fuzzString(next);
      expect(countCl100kTokens(s, tiny)).toBe(reference(s));
    }
    expect(tiny.clears).toBeGreaterThan(10);
    expect(tiny.size).toBeLessThanOrEqual(4);
  });

  it('keeps the caches bounded', () => {
    for (const enc of ENCODINGS) expect(tokenCountCache(enc).bytes).toBeLessThan(8 * 1024 * 1024);
  });
});

describe('countTokensFast on real documents (skipped when the files are absent)', () => {
  const jsonl = [
    resolve(repoRoot, '../shared/samples/domains/samples.jsonl'),
    ...['domains', 'lang', 'textbook'].map((n) => resolve(repoRoot, `.bench/annotate-eval/${n}.jsonl`)),
  ].filter((f) => existsSync(f));
  if (jsonl.length === 0) console.warn('fastTokenCounter.test.ts: real-text equivalence skipped: neither ../shared/samples/domains/samples.jsonl nor .bench/annotate-eval is present (the generated-text tests still run)');
  it.skipIf(jsonl.length === 0)('equals gpt-tokenizer on every sample and eval text', () => {
    let texts = 0;
    const tally = { pieces: 0 };
    for (const f of jsonl) {
      for (const l of readFileSync(f, 'utf8').split('\n')) {
        if (!l.trim()) continue;
        expectSame((JSON.parse(l) as { text: string }).text, tally, `${f}:${texts}`);
        texts++;
      }
    }
    if (process.env.CL100K_ALL_PAGES) console.log(`jsonl: ${texts} texts, ${tally.pieces} pieces (both encodings), 0 differences`);
    expect(texts).toBeGreaterThan(50);
  });

  const htmlDir = resolve(repoRoot, '../shared/eval/extraction/trafilatura/html');
  // Every 20th page by default (parsing the HTML is the slow part); CL100K_ALL_PAGES=1 for all 500.
  if (!existsSync(htmlDir)) console.warn(`fastTokenCounter.test.ts: eval-page equivalence skipped: ${htmlDir} is absent`);
  it.skipIf(!existsSync(htmlDir))('equals gpt-tokenizer on the visible text of the extraction eval pages', async () => {
    const { htmlText } = await import('../../scripts/buildDomainEval.js');
    const step = process.env.CL100K_ALL_PAGES ? 1 : 20;
    const files = readdirSync(htmlDir).filter((f) => f.endsWith('.html.gz')).sort().filter((_, i) => i % step === 0);
    const tally = { pieces: 0 };
    const rawTally = { pieces: 0 };
    for (const f of files) {
      const html = gunzipSync(readFileSync(join(htmlDir, f))).toString('utf8');
      expectSame(htmlText(html, false), tally, f);
      if (step === 1) expectSame(html, rawTally, `${f} (raw)`); // the raw markup too: indentation, CRLF, entities, scripts
    }
    if (step === 1) console.log(`pages: ${files.length} visible texts (${tally.pieces} pieces) and their raw HTML (${rawTally.pieces} pieces), both encodings, 0 differences`);
    expect(files.length).toBeGreaterThan(10);
  }, 600_000);
});
