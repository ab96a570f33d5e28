/**
 * eld's n-gram -> (language, score) table held in two typed arrays: an open-addressing hash on
 * the n-gram packed into 48 bits, pointing into an array of (language, score). eld (Apache-2.0,
 * Nito T.M.) keeps the same data as one JS object per n-gram, ~150 MB per thread for its small
 * table; this holds it in ~4 MB.
 *
 * eld n-grams are strings of at most 6 "byte characters" (each char code is 1..255: a UTF-8 byte
 * mapped through eld's dictionary), so 4 chars pack into `lo` and 2 into `hi`; no char is 0, so
 * the packing is unique and lo = hi = 0 marks an empty slot.
 */

export interface NgramLanguageTable {
  /** ISO 639-1 code of each language index. */
  languages: string[];
  /**
   * The hash, SLOT ints a slot (one cache line per probe): packed chars 0-3, chars 4-5, and
   * first entry << 8 | number of entries.
   */
  slots: Int32Array;
  /** Slots - 1 (a power of two). */
  mask: number;
  /** Entries: language index << 16 | score, eld's base score (53) already added. */
  entries: Int32Array;
  ngrams: number;
}

/** Ints per slot of `slots`. */
export const SLOT = 3;

/** The longest n-gram the packing holds; eld's small table has none longer. */
export const MAX_PACKED_NGRAM = 6;
/** eld subtracts this from every stored score to shrink its files (languageDetector.js). */
const ELD_BASE_SCORE = 53;

export function hashNgram(lo: number, hi: number, mask: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & mask;
}

/** Offset in `slots` of the slot holding (lo, hi), or -1. */
export function findNgram(t: NgramLanguageTable, lo: number, hi: number): number {
  const slots = t.slots;
  let s = hashNgram(lo, hi, t.mask);
  for (;;) {
    const o = s * SLOT;
    const l = slots[o];
    const h = slots[o + 1];
    if (l === lo && h === hi) return o;
    if (l === 0 && h === 0) return -1;
    s = (s + 1) & t.mask;
  }
}

/** Packs an n-gram string; throws when it does not fit (the table's format changed). */
export function packNgram(key: string): [number, number] {
  if (key.length < 1 || key.length > MAX_PACKED_NGRAM) throw new Error(`eld n-gram "${key}" is longer than ${MAX_PACKED_NGRAM} characters`);
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 0 || c > 255) throw new Error(`eld n-gram "${key}" has a character outside 1..255`);
    if (i < 4) lo |= c << (8 * i);
    else hi |= c << (8 * (i - 4));
  }
  return [lo, hi];
}

/**
 * Fills the table as n-grams arrive (each once, its languages right after it), into arrays sized
 * once from upper bounds: no growing, so loading leaves no freed buffers behind in the thread.
 */
export class NgramLanguageTableBuilder {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly entries: Int32Array;
  private n = 0;
  private e = 0;
  private current = -1;

  constructor(
    private readonly maxNgrams: number,
    maxEntries: number,
  ) {
    let size = 1024;
    while (size < maxNgrams * 2) size *= 2; // load <= 0.5: misses (most n-grams of a text) end fast
    if (maxEntries >= 1 << 23) throw new Error(`eld table has up to ${maxEntries} entries, more than this packing holds`);
    this.slots = new Int32Array(size * SLOT);
    this.mask = size - 1;
    this.entries = new Int32Array(maxEntries);
  }

  /** Starts an n-gram, packed by packNgram; `add` gives its languages. */
  ngram(lo: number, hi: number): void {
    if (this.n === this.maxNgrams) throw new Error('eld table: more n-grams than announced');
    let s = hashNgram(lo, hi, this.mask);
    while (this.slots[s * SLOT] !== 0 || this.slots[s * SLOT + 1] !== 0) {
      if (this.slots[s * SLOT] === lo && this.slots[s * SLOT + 1] === hi) throw new Error(`eld n-gram #${this.n} appears twice`);
      s = (s + 1) & this.mask;
    }
    this.current = s * SLOT;
    this.slots[this.current] = lo;
    this.slots[this.current + 1] = hi;
    this.slots[this.current + 2] = this.e << 8;
    this.n++;
  }

  /** A language of the current n-gram, with the score as stored in eld's file. */
  add(lang: number, storedScore: number): void {
    if (this.current < 0) throw new Error('eld table: a language before any n-gram');
    if (!Number.isInteger(lang) || lang < 0 || lang > 255) throw new Error(`eld language index ${lang} out of range`);
    if (!Number.isInteger(storedScore) || storedScore < 0 || storedScore + ELD_BASE_SCORE > 0xffff) throw new Error(`eld n-gram score ${storedScore} out of range`);
    if (this.e === this.entries.length) throw new Error('eld table: more entries than announced');
    if ((this.slots[this.current + 2] & 0xff) === 255) throw new Error(`eld n-gram #${this.n - 1} has more than 255 languages`);
    this.entries[this.e++] = (lang << 16) | (storedScore + ELD_BASE_SCORE);
    this.slots[this.current + 2]++;
  }

  build(languages: string[]): NgramLanguageTable {
    return { languages, slots: this.slots, mask: this.mask, entries: this.entries.subarray(0, this.e), ngrams: this.n };
  }
}

/** Shape of eld's `ngramsData` export (src/ngrams/*.js). */
export interface EldNgramsData {
  languages: Record<number, string>;
  ngrams: Record<string, Record<number, number>>;
}

function languageList(languages: Record<number, string>): string[] {
  const out: string[] = [];
  for (const [i, code] of Object.entries(languages)) out[Number(i)] = code;
  for (let i = 0; i < out.length; i++) if (typeof out[i] !== 'string') throw new Error(`eld language list has no index ${i}`);
  return out;
}

/** Table from eld's own objects (the reference the parser is tested against, and its fallback). */
export function tableFromEldData(data: EldNgramsData): NgramLanguageTable {
  const keys = Object.keys(data.ngrams);
  let entries = 0;
  for (const key of keys) entries += Object.keys(data.ngrams[key]).length;
  const b = new NgramLanguageTableBuilder(keys.length, entries);
  for (const key of keys) {
    const langs = data.ngrams[key];
    const [lo, hi] = packNgram(key);
    b.ngram(lo, hi);
    for (const lang of Object.keys(langs)) b.add(Number(lang), langs[Number(lang)]);
  }
  return b.build(languageList(data.languages));
}

/**
 * Reads eld's n-gram file (`export const ngramsData = {type:'S60',languages:{0:'am',...},
 * isSubset:false,ngrams:{' Lé4L':{0:176},L_QL:{0:148},...}}`) without evaluating it: evaluating
 * builds the 150 MB of objects this table exists to avoid. Throws on anything unexpected.
 */
export function parseEldNgramSource(src: string): NgramLanguageTable {
  let p = 0;
  const fail = (what: string): never => {
    throw new Error(`eld n-gram file: expected ${what} at offset ${p} (near ${JSON.stringify(src.slice(p, p + 40))})`);
  };
  const expect = (s: string) => {
    if (!src.startsWith(s, p)) fail(JSON.stringify(s));
    p += s.length;
  };
  const int = (): number => {
    let v = 0;
    const s = p;
    for (let c = src.charCodeAt(p); c >= 48 && c <= 57 && p - s < 6; c = src.charCodeAt(++p)) v = v * 10 + (c - 48);
    if (p === s || (src.charCodeAt(p) >= 48 && src.charCodeAt(p) <= 57)) fail('an integer of at most 6 digits');
    return v;
  };
  // A key, packed like packNgram: '...' with \-escapes, or a bare identifier-like run up to ':'.
  let keyLo = 0;
  let keyHi = 0;
  const key = (): void => {
    const s = p;
    keyLo = 0;
    keyHi = 0;
    let n = 0;
    const quoted = src.charCodeAt(p) === 39;
    if (quoted) p++;
    for (;;) {
      if (p >= src.length) fail('the end of a key');
      let c = src.charCodeAt(p);
      if (quoted && c === 39) {
        p++;
        break;
      }
      if (!quoted && c === 58) break; // ':'
      if (quoted && c === 92) {
        c = src.charCodeAt(++p);
        if (c !== 39 && c !== 92 && c !== 34) fail('a simple escape');
      } else if (!quoted && !(c >= 128 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57 && n > 0) || c === 95 || c === 36)) {
        fail('an n-gram key');
      }
      if (c === 0 || c > 255 || n === MAX_PACKED_NGRAM) fail(`an n-gram of at most ${MAX_PACKED_NGRAM} chars 1..255 (key ${src.slice(s, p + 1)})`);
      if (n < 4) keyLo |= c << (8 * n);
      else keyHi |= c << (8 * (n - 4));
      n++;
      p++;
    }
    if (n === 0) fail('a non-empty key');
  };
  p = src.indexOf('ngramsData');
  if (p < 0) fail('ngramsData');
  p = src.indexOf('languages:{', p);
  if (p < 0) fail('languages:{');
  p += 'languages:{'.length;
  const languages: string[] = [];
  while (src[p] !== '}') {
    const i = int();
    expect(":'");
    const e = src.indexOf("'", p);
    languages[i] = src.slice(p, e);
    p = e + 1;
    if (src[p] === ',') p++;
  }
  p = src.indexOf('ngrams:{', p);
  if (p < 0) fail('ngrams:{');
  p += 'ngrams:{'.length;
  // Upper bounds: every n-gram opens one '{', every entry has one ':' (keys may hold either).
  let braces = 0;
  let colons = 0;
  for (let i = p; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 123) braces++;
    else if (c === 58) colons++;
  }
  const b = new NgramLanguageTableBuilder(braces, colons);
  while (src[p] !== '}') {
    key();
    b.ngram(keyLo, keyHi);
    expect(':{');
    while (src[p] !== '}') {
      const lang = int();
      expect(':');
      b.add(lang, int());
      if (src[p] === ',') p++;
    }
    p++;
    if (src[p] === ',') p++;
    else if (src[p] !== '}') fail("',' or '}'");
  }
  for (let i = 0; i < languages.length; i++) if (typeof languages[i] !== 'string') fail(`language ${i}`);
  return b.build(languages);
}

/** Bytes held by the table's arrays. */
export function tableBytes(t: NgramLanguageTable): number {
  return t.slots.buffer.byteLength + t.entries.buffer.byteLength;
}
