/**
 * eld's n-gram -> (language, score) table held in a few typed arrays: an open-addressing hash on
 * the n-gram packed into 48 bits, pointing into parallel (language, score) arrays. eld (Apache-2.0,
 * Nito T.M.) keeps the same data as one JS object per n-gram, ~150 MB per thread for its small
 * table; this holds it in ~3 MB.
 *
 * eld n-grams are strings of at most 6 "byte characters" (each char code is 1..255: a UTF-8 byte
 * mapped through eld's dictionary), so 4 chars pack into `lo` and 2 into `hi`; no char is 0, so
 * the packing is unique and lo = hi = 0 marks an empty slot.
 */

export interface NgramLanguageTable {
  /** ISO 639-1 code of each language index. */
  languages: string[];
  /** Slot of the hash: packed chars 0-3, chars 4-5, first entry, number of entries. */
  slotLo: Int32Array;
  slotHi: Int32Array;
  slotStart: Int32Array;
  slotCount: Uint8Array;
  mask: number;
  /** Entries: language index and score, eld's base score (53) already added. */
  entryLang: Uint8Array;
  entryScore: Uint16Array;
  ngrams: number;
}

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

/** Index of the slot holding (lo, hi), or -1. */
export function findNgram(t: NgramLanguageTable, lo: number, hi: number): number {
  let s = hashNgram(lo, hi, t.mask);
  for (;;) {
    const l = t.slotLo[s];
    const h = t.slotHi[s];
    if (l === lo && h === hi) return s;
    if (l === 0 && h === 0) return -1;
    s = (s + 1) & t.mask;
  }
}

/** Packs an n-gram string; throws when it does not fit (the table's format changed). */
function packKey(key: string): [number, number] {
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

/** Collects n-grams (each once, in any order) and freezes them into the hash. */
export class NgramLanguageTableBuilder {
  private keys: string[] = [];
  private starts: number[] = [];
  private langs: number[] = [];
  private scores: number[] = [];

  /** Starts an n-gram; `add` gives its languages. */
  ngram(ngram: string): void {
    this.keys.push(ngram);
    this.starts.push(this.langs.length);
  }

  /** A language of the current n-gram, with the score as stored in eld's file. */
  add(lang: number, storedScore: number): void {
    if (!Number.isInteger(lang) || lang < 0 || lang > 255) throw new Error(`eld language index ${lang} out of range`);
    this.langs.push(lang);
    this.scores.push(storedScore + ELD_BASE_SCORE);
  }

  build(languages: string[]): NgramLanguageTable {
    const n = this.keys.length;
    let size = 1024;
    while (size < n * 2) size *= 2; // load <= 0.5: misses (most n-grams of a text) end fast
    const t: NgramLanguageTable = {
      languages,
      slotLo: new Int32Array(size),
      slotHi: new Int32Array(size),
      slotStart: new Int32Array(size),
      slotCount: new Uint8Array(size),
      mask: size - 1,
      entryLang: Uint8Array.from(this.langs),
      entryScore: Uint16Array.from(this.scores),
      ngrams: n,
    };
    for (let k = 0; k < n; k++) {
      const [lo, hi] = packKey(this.keys[k]);
      if (findNgram(t, lo, hi) >= 0) throw new Error(`eld n-gram "${this.keys[k]}" appears twice`);
      let s = hashNgram(lo, hi, t.mask);
      while (t.slotLo[s] !== 0 || t.slotHi[s] !== 0) s = (s + 1) & t.mask;
      const end = k + 1 < n ? this.starts[k + 1] : this.langs.length;
      if (end - this.starts[k] > 255) throw new Error(`eld n-gram "${this.keys[k]}" has more than 255 languages`);
      t.slotLo[s] = lo;
      t.slotHi[s] = hi;
      t.slotStart[s] = this.starts[k];
      t.slotCount[s] = end - this.starts[k];
    }
    return t;
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
  const b = new NgramLanguageTableBuilder();
  for (const key of Object.keys(data.ngrams)) {
    const langs = data.ngrams[key];
    b.ngram(key);
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
    const s = p;
    while (p < src.length && src.charCodeAt(p) >= 48 && src.charCodeAt(p) <= 57) p++;
    if (p === s || p - s > 6) fail('an integer');
    return Number(src.slice(s, p));
  };
  // A key: '...' with \-escapes, or a bare identifier-like run up to ':'.
  const key = (): string => {
    if (src.charCodeAt(p) === 39) {
      let out = '';
      for (p++; ; p++) {
        if (p >= src.length) fail('a closing quote');
        const c = src[p];
        if (c === "'") break;
        if (c === '\\') {
          const e = src[++p];
          if (e !== "'" && e !== '\\' && e !== '"') fail('a simple escape');
          out += e;
        } else out += c;
      }
      p++;
      return out;
    }
    const s = p;
    while (p < src.length && src[p] !== ':') {
      if (!/[\p{L}\p{N}_$]/u.test(src[p])) fail('an n-gram key');
      p++;
    }
    if (p === s || /^[0-9]/.test(src.slice(s, p))) fail('an n-gram key');
    return src.slice(s, p);
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
  const b = new NgramLanguageTableBuilder();
  while (src[p] !== '}') {
    b.ngram(key());
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
  return t.slotLo.byteLength + t.slotHi.byteLength + t.slotStart.byteLength + t.slotCount.byteLength + t.entryLang.byteLength + t.entryScore.byteLength;
}
