/**
 * Per-character normalisation table shared by `normalizeText` and the allocation-free shingle
 * hasher, so both see exactly the same words.
 *
 * Rules (REFERENCE.md, datatrove): strip diacritics (NFD, drop combining marks), lowercase,
 * decimal digits → "0", punctuation, symbols, control characters and whitespace → word separator;
 * format characters (zero-width joiners, soft hyphens) are dropped. Each UTF-16 code unit maps on
 * its own, so context-dependent case rules (Greek final sigma) never apply: the result is a
 * per-character function, which is what makes the fast path and the string path identical.
 */

/** Table values: ≥ 0 one output code unit; SEP a word separator; DROP nothing; ≤ MULTI_BASE an index into `multi`. */
export const SEP = -1;
export const DROP = -2;
export const MULTI_BASE = -3;

const SEP_RE = /^[\p{P}\p{S}\p{Cc}\p{Z}\s]$/u;
const DROP_RE = /^[\p{M}\p{Cf}]$/u;
const DIGIT_RE = /^\p{Nd}$/u;

export interface CharTable {
  /** For every BMP code unit (surrogates excluded): the mapping described above. */
  map: Int32Array;
  /** Mappings that produce several code units (Hangul syllables decompose into jamo under NFD). */
  multi: Uint16Array[];
}

/** Maps one character (a BMP unit or an astral code point) to its normalised form, or SEP/DROP. */
export function mapChar(ch: string): string | typeof SEP | typeof DROP {
  if (SEP_RE.test(ch)) return SEP;
  if (DROP_RE.test(ch)) return DROP;
  if (DIGIT_RE.test(ch)) return '0';
  let out = '';
  for (const part of ch.normalize('NFD')) {
    if (DROP_RE.test(part)) continue;
    for (const low of part.toLowerCase().normalize('NFD')) {
      if (DROP_RE.test(low)) continue;
      if (SEP_RE.test(low)) continue;
      out += DIGIT_RE.test(low) ? '0' : low;
    }
  }
  return out === '' ? DROP : out;
}

function buildTable(): CharTable {
  const map = new Int32Array(0x10000);
  const multi: Uint16Array[] = [];
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      map[c] = DROP; // surrogates are decoded by the callers, never looked up
      continue;
    }
    const ch = String.fromCharCode(c);
    const m = mapChar(ch);
    if (m === SEP || m === DROP) map[c] = m;
    else if (m.length === 1) map[c] = m.charCodeAt(0);
    else {
      const units = new Uint16Array(m.length);
      for (let k = 0; k < m.length; k++) units[k] = m.charCodeAt(k);
      map[c] = MULTI_BASE - multi.length;
      multi.push(units);
    }
  }
  return { map, multi };
}

let table: CharTable | undefined;

/** The table, built once per process (65,536 lookups; 0.1–0.3 s here). */
export function charTable(): CharTable {
  table ??= buildTable();
  return table;
}

const astralCache = new Map<number, Uint16Array | typeof SEP | typeof DROP>();

/** Mapping of an astral code point (emoji → separator, astral letters lowercased); cached. */
export function mapAstral(cp: number): Uint16Array | typeof SEP | typeof DROP {
  let m = astralCache.get(cp);
  if (m === undefined) {
    const r = mapChar(String.fromCodePoint(cp));
    if (r === SEP || r === DROP) m = r;
    else {
      m = new Uint16Array(r.length);
      for (let k = 0; k < r.length; k++) m[k] = r.charCodeAt(k);
    }
    if (astralCache.size < 100_000) astralCache.set(cp, m);
  }
  return m;
}
