/**
 * eld's small model (npm `eld`, Apache-2.0, Nito T.M.), read from the installed package so the
 * model stays eld's: the n-gram table (compact, loaded on first use), the byte dictionary, the
 * average winning score per language and the letter class of its word-separator regex.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { parseEldNgramSource, tableBytes, tableFromEldData, type EldNgramsData, type NgramLanguageTable } from './ngramLanguageTable.js';

// eld's package exports only its entry points; its other modules are reached beside them.
const eldEntry = import.meta.resolve('eld/small');
const eldModule = (rel: string) => new URL(`../${rel}`, eldEntry).href;
const [{ dictionary }, { avgScore }, { separators }] = (await Promise.all([
  import(eldModule('dictionary.js')),
  import(eldModule('avgScore.js')),
  import(eldModule('regexPatterns.js')),
])) as [{ dictionary: string[] }, { avgScore: Record<string, number> }, { separators: RegExp }];

/** Character kinds of eld's separator regex `[^<letters>]+(?<![<apostrophes>])`. */
export const SEPARATOR = 0;
export const LETTER = 1;
export const APOSTROPHE = 2;

export interface EldSmallModel {
  table: NgramLanguageTable;
  /** Char code eld writes for each UTF-8 byte (dictionary.js). */
  byteChar: Uint8Array;
  /** Kind of every UTF-16 code unit (surrogates are separators: the letter class is BMP only). */
  charKind: Uint8Array;
  /** Lower case of each letter when it is one context-free char, else 0 (İ, Σ): see languageDetector. */
  lowerCase: Uint16Array;
  /** eld's average score of a correct detection, per language index (avgScore.js). */
  avgScore: Float64Array;
}

function charKinds(re: RegExp): Uint8Array {
  const m = /^\[\^(.+)\]\+\(\?<!\[(.+)\]\)$/s.exec(re.source);
  if (!m || !re.flags.includes('u')) throw new Error(`eld's separator regex changed shape (${re.source.slice(0, 40)}...): update src/annotate/eldSmallModel.ts`);
  const letter = new RegExp(`[${m[1]}]`, 'u');
  const apostrophe = new RegExp(`[${m[2]}]`, 'u');
  const kinds = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c < 0xe000) continue;
    const ch = String.fromCharCode(c);
    if (letter.test(ch)) kinds[c] = LETTER;
    else if (apostrophe.test(ch)) kinds[c] = APOSTROPHE;
  }
  return kinds;
}

function lowerCases(kinds: Uint8Array): Uint16Array {
  const lower = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (kinds[c] !== LETTER || c === 0x3a3) continue; // Σ lower-cases by context (final sigma)
    const l = String.fromCharCode(c).toLowerCase();
    if (l.length === 1) lower[c] = l.charCodeAt(0);
  }
  return lower;
}

function byteChars(dict: string[]): Uint8Array {
  if (dict.length !== 256) throw new Error(`eld's dictionary has ${dict.length} entries, expected 256: update src/annotate/eldSmallModel.ts`);
  return Uint8Array.from(dict, (c) => {
    const code = c.charCodeAt(0);
    if (c.length !== 1 || code === 0 || code > 255) throw new Error(`eld's dictionary maps a byte to ${JSON.stringify(c)}: update src/annotate/eldSmallModel.ts`);
    return code;
  });
}

/** Path of eld's small n-gram file. */
export const eldSmallNgramFile = fileURLToPath(eldModule('ngrams/small.js'));

/** eld's own objects for the small table, by evaluating its file (slow and ~150 MB: tests and fallback only). */
export function evaluateEldNgramFile(src: string): EldNgramsData {
  const start = src.indexOf('{', src.indexOf('ngramsData'));
  const end = src.lastIndexOf('}');
  return runInNewContext(`(${src.slice(start, end + 1)})`) as EldNgramsData;
}

function loadTable(): NgramLanguageTable {
  const src = readFileSync(eldSmallNgramFile, 'utf8');
  try {
    return parseEldNgramSource(src);
  } catch (e) {
    // A new eld file layout: still exact through eld's own objects, at eld's memory cost until fixed.
    console.warn(`curate: ${(e as Error).message}; evaluating eld's file instead (slower start, more memory): update src/annotate/ngramLanguageTable.ts`);
    return tableFromEldData(evaluateEldNgramFile(src));
  }
}

let model: EldSmallModel | undefined;

/** The model of this thread, built on first use (~50 ms). */
export function eldSmallModel(): EldSmallModel {
  if (model) return model;
  const table = loadTable();
  const avg = Float64Array.from(table.languages, (code) => {
    if (typeof avgScore[code] !== 'number') throw new Error(`eld has no average score for "${code}": update src/annotate/eldSmallModel.ts`);
    return avgScore[code];
  });
  const charKind = charKinds(separators);
  model = { table, byteChar: byteChars(dictionary), charKind, lowerCase: lowerCases(charKind), avgScore: avg };
  return model;
}

/** Bytes the model holds in each thread (its typed arrays), for the bench. */
export function eldSmallModelBytes(): number {
  const m = eldSmallModel();
  return tableBytes(m.table) + m.byteChar.byteLength + m.charKind.byteLength + m.lowerCase.byteLength + m.avgScore.byteLength;
}
