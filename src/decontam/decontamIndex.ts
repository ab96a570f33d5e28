import { ConfigError } from '../config/configError.js';
import type { DecontamConfig } from '../config/decontamSchema.js';
import { decontamFingerprint, evalSetDigests, evalSetFiles, type EvalSetDigest } from './evalSetFiles.js';
import { readEvalSet, type EvalReadCounts } from './evalSetReader.js';
import { basePowers, keyA, keyB, prefixHashes } from './ngramKey.js';
import { NgramTableBuilder, tableBytes, type NgramTableData } from './ngramTable.js';
import { scanWords } from './wordScan.js';

/**
 * The evaluation n-grams of every set, ready to match documents against. Plain data whose large
 * parts are typed arrays over SharedArrayBuffers: it rides in RecordSettings to the worker
 * threads, which then read the same memory (structured cloning shares, not copies, a SAB).
 */
export interface DecontamIndex {
  /** sha256 of the options and of every set file's content. */
  fingerprint: string;
  ngram: number;
  minCoverage: number;
  action: DecontamConfig['action'];
  /** Word counts of the short items matched whole (each one is scanned for as its own window size). */
  wholeLengths: number[];
  /** The items' n-grams. */
  table: NgramTableData;
  /** The whole-item keys of short items: a separate, small table, so their lookups stay in cache. */
  wholeTable: NgramTableData;
  /**
   * 65,536 bits: bit (lane-A hash of a word) & 0xffff is set when some whole-matched item starts
   * with that word. A document position whose word is not marked skips every whole-item length.
   */
  wholeFirst: Int32Array;
  /** Distinct indexed n-grams of each item (1 for an item matched whole): the coverage denominator. */
  itemNgrams: Int32Array;
  /** Item ids, UTF-8, item i at bytes [idOffsets[i], idOffsets[i+1]). */
  idOffsets: Int32Array;
  idBytes: Uint8Array;
  /** Items of set k are [start, end). */
  sets: { id: string; start: number; end: number }[];
}

/** Per set: what was read, indexed, matched whole or skipped (stats.json, manifest, report). */
export interface EvalSetInfo {
  id: string;
  license: string | null;
  fields: string[];
  files: EvalSetDigest['files'];
  sha256: string;
  /** Items read (after skipping items without the fields or with empty text). */
  items: number;
  /** Items with at least `ngram` words: indexed by their n-grams. */
  items_ngrams: number;
  /** Items with min_item_words..ngram-1 words: matched as a whole word sequence. */
  items_whole: number;
  /** Items under min_item_words words: skipped (they would match ordinary phrases). */
  items_too_short: number;
  items_missing_field: number;
  items_empty: number;
  /** Distinct n-grams (and whole-item keys) this set added. */
  ngrams: number;
}

export interface DecontamIndexInfo {
  fingerprint: string;
  ngram: number;
  min_item_words: number;
  min_coverage: number;
  action: DecontamConfig['action'];
  sets: EvalSetInfo[];
  /** Distinct keys in the table over all sets, and the table's bytes. */
  ngrams: number;
  index_bytes: number;
}

function sharedInt32From(values: ArrayLike<number>, n: number): Int32Array {
  const out = new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4));
  for (let i = 0; i < n; i++) out[i] = values[i]!;
  return out;
}

/**
 * Reads every set and builds the index: items of ≥ ngram words add each n-gram, items of
 * min_item_words..ngram-1 words add one key for their whole word sequence, shorter ones are
 * counted and skipped. An empty set, or a set where no item has the configured fields, is an error.
 */
export async function buildDecontamIndex(cfg: DecontamConfig, baseDir: string, digests: EvalSetDigest[] = evalSetDigests(cfg, baseDir)): Promise<{ index: DecontamIndex; info: DecontamIndexInfo }> {
  const n = cfg.ngram;
  const builder = new NgramTableBuilder();
  const wholeBuilder = new NgramTableBuilder();
  const wholeFirst = new Int32Array(new SharedArrayBuffer(1 << 13));
  const powN = basePowers(n);
  const wholeLengths = new Set<number>();
  let itemNgrams = new Int32Array(1 << 12);
  // Item ids, UTF-8, appended as they come (no per-item objects kept: a million items stay cheap).
  let idBuf = Buffer.allocUnsafe(1 << 16);
  let idLen = 0;
  let idOffs = new Int32Array(1 << 12);
  const sets: DecontamIndex['sets'] = [];
  const infos: EvalSetInfo[] = [];
  let item = 0;
  let keysBefore = 0;
  for (const [k, set] of cfg.sets.entries()) {
    const counts: EvalReadCounts = { missing_field: 0, empty: 0 };
    const start = item;
    const info: EvalSetInfo = {
      id: set.id, license: set.license ?? null, fields: set.fields, files: digests[k]!.files, sha256: digests[k]!.sha256,
      items: 0, items_ngrams: 0, items_whole: 0, items_too_short: 0, items_missing_field: 0, items_empty: 0, ngrams: 0,
    };
    for await (const it of readEvalSet(set, evalSetFiles(set, baseDir), counts)) {
      info.items++;
      const w = scanWords(it.text);
      let distinct = 0;
      if (w.count >= n) {
        const p = prefixHashes(w);
        for (let i = 0; i + n <= w.count; i++) if (builder.add(keyA(p, i, n, powN.pa), keyB(p, i, n, powN.pb), item)) distinct++;
        info.items_ngrams++;
      } else if (w.count >= cfg.min_item_words) {
        const p = prefixHashes(w);
        const pw = basePowers(w.count);
        wholeBuilder.add(keyA(p, 0, w.count, pw.pa), keyB(p, 0, w.count, pw.pb), item);
        const f = w.a[0]! & 0xffff;
        wholeFirst[f >>> 5] |= 1 << (f & 31);
        distinct = 1;
        wholeLengths.add(w.count);
        info.items_whole++;
      } else {
        info.items_too_short++;
        continue; // not indexed: no item number, no id kept
      }
      if (item === itemNgrams.length) {
        const bigger = new Int32Array(itemNgrams.length * 2);
        bigger.set(itemNgrams);
        itemNgrams = bigger;
      }
      if (idBuf.length - idLen < it.id.length * 3) {
        const bigger = Buffer.allocUnsafe(Math.max(idBuf.length * 2, idLen + it.id.length * 3));
        idBuf.copy(bigger, 0, 0, idLen);
        idBuf = bigger;
      }
      if (item + 1 >= idOffs.length) {
        const bigger = new Int32Array(idOffs.length * 2);
        bigger.set(idOffs);
        idOffs = bigger;
      }
      idOffs[item] = idLen;
      idLen += idBuf.write(it.id, idLen, 'utf8');
      itemNgrams[item++] = distinct;
    }
    info.items_missing_field = counts.missing_field;
    info.items_empty = counts.empty;
    const sizeNow = builder.size + wholeBuilder.size;
    info.ngrams = sizeNow - keysBefore;
    keysBefore = sizeNow;
    if (info.items === 0) {
      const why = counts.missing_field > 0
        ? `none of its ${counts.missing_field} record(s) has the field(s) ${set.fields.map((f) => JSON.stringify(f)).join(', ')}; check the set's fields (config \`fields:\`, or --field)`
        : counts.empty > 0 ? `all its ${counts.empty} item(s) are empty` : 'it holds no item';
      throw new ConfigError(`decontaminate: set "${set.id}" (${set.path}) is empty: ${why}`);
    }
    sets.push({ id: set.id, start, end: item });
    infos.push(info);
  }
  const table = builder.finish();
  const wholeTable = wholeBuilder.finish();
  idOffs[item] = idLen;
  const idOffsets = sharedInt32From(idOffs, item + 1);
  const idBytes = new Uint8Array(new SharedArrayBuffer(Math.max(1, idLen)));
  idBytes.set(idBuf.subarray(0, idLen));
  const fingerprint = decontamFingerprint(cfg, digests);
  const index: DecontamIndex = {
    fingerprint,
    ngram: n,
    minCoverage: cfg.min_coverage,
    action: cfg.action,
    wholeLengths: [...wholeLengths].sort((a, b) => a - b),
    table,
    wholeTable,
    wholeFirst,
    itemNgrams: sharedInt32From(itemNgrams, item),
    idOffsets,
    idBytes,
    sets,
  };
  const indexBytes = tableBytes(table) + tableBytes(wholeTable) + wholeFirst.byteLength + index.itemNgrams.byteLength + idOffsets.byteLength + idBytes.byteLength;
  return {
    index,
    info: { fingerprint, ngram: n, min_item_words: cfg.min_item_words, min_coverage: cfg.min_coverage, action: cfg.action, sets: infos, ngrams: table.size + wholeTable.size, index_bytes: indexBytes },
  };
}

/** The id of item i (copied out of the shared buffer: decoders refuse shared memory). */
export function itemId(index: DecontamIndex, i: number): string {
  return Buffer.from(index.idBytes.subarray(index.idOffsets[i]!, index.idOffsets[i + 1]!)).toString('utf8');
}

/** Index of the set item i belongs to. */
export function setOfItem(index: DecontamIndex, i: number): number {
  for (let k = 0; k < index.sets.length; k++) if (i < index.sets[k]!.end) return k;
  return index.sets.length - 1;
}
