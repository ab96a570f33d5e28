/**
 * The decontamination stage on real text (data-samples): each edit kind is caught, near misses and
 * clean documents are untouched, mask cuts only the overlap and counts it, and bad evaluation
 * input is an error naming the file and line, or a counted skip.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPlantedEval, scorePlanted } from '../../bench/decontamEval.js';
import { decontamSchema, type DecontamConfig } from '../../src/config/decontamSchema.js';
import { buildDecontamIndex, type DecontamIndex } from '../../src/decontam/decontamIndex.js';
import { cutSpans, decontaminate } from '../../src/decontam/decontaminate.js';
import { FILTER_MUL, filterBits } from '../../src/decontam/ngramTable.js';
import { writeParquet } from '../../src/io/parquetFile.js';

const repo = resolve(import.meta.dirname, '../..');
const texts = (dir: string) =>
  readdirSync(join(repo, dir))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(repo, dir, f), 'utf8'));

const tmp = mkdtempSync(join(tmpdir(), 'decontam-'));
function jsonl(name: string, rows: unknown[]): string {
  const p = join(tmp, name);
  writeFileSync(p, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return p;
}
async function indexOf(rows: unknown[], opts: Partial<DecontamConfig> & { fields?: string[] } = {}): Promise<DecontamIndex> {
  const { fields, ...rest } = opts;
  const cfg = decontamSchema.parse({ sets: [{ id: 'bench', path: jsonl(`s${Math.random()}.jsonl`, rows), fields: fields ?? ['text'] }], ...rest });
  return (await buildDecontamIndex(cfg, tmp)).index;
}

// A real passage (KJV, public domain) and a real carrier (Jargon File, public domain).
const ruth = texts('data-samples/prose/kjv-bible').join('\n');
const passage = 'And Ruth said, Intreat me not to leave thee, or to return from following after thee: for whither thou goest, I will go; and where thou lodgest, I will lodge: thy people shall be my people, and thy God my God';
const carrier = texts('data-samples/prose/jargon-file')[0]!;

describe('decontaminate on planted real text', () => {
  let index: DecontamIndex;
  beforeAll(async () => {
    expect(ruth.replace(/\s+/g, ' ')).toContain(passage.slice(0, 60)); // the passage really is from the sample
    index = await indexOf([{ id: 'ruth-1-16', text: passage }]);
  });

  const at = carrier.indexOf('\n\n', 2000) + 2;
  const planted = (piece: string) => `${carrier.slice(0, at)}${piece}\n\n${carrier.slice(at)}`;

  it('catches the passage verbatim, with case and punctuation changed, and re-wrapped', () => {
    const variants = {
      verbatim: passage,
      case_punct: passage.toUpperCase().replace(/[,:;]/g, ' -- '),
      rewrap: passage.split(' ').reduce((s, w, i) => s + (i === 0 ? '' : i % 6 === 0 ? '\n   ' : ' ') + w, ''),
    };
    for (const [kind, piece] of Object.entries(variants)) {
      const r = decontaminate({ id: kind, source: 's', text: planted(piece) }, index);
      expect(r.kind, kind).toBe('reject');
      if (r.kind !== 'reject') continue;
      expect(r.reason).toBe('decontam.bench');
      expect(r.detail).toContain('ruth-1-16');
      expect(r.hit.coverage).toBe(1);
      expect(r.hit.ngrams).toBe(passage.split(' ').length - 13 + 1);
    }
  });

  it('leaves near misses (12 consecutive words of the item) and the clean carrier alone', () => {
    const words = passage.split(' ');
    for (let start = 0; start + 12 <= words.length; start += 5) {
      expect(decontaminate({ id: 'near', source: 's', text: planted(words.slice(start, start + 12).join(' ')) }, index).kind).toBe('clean');
    }
    expect(decontaminate({ id: 'clean', source: 's', text: carrier }, index).kind).toBe('clean');
  });

  it('mask cuts exactly the overlap, keeps the rest byte for byte and counts the cut', async () => {
    const mask = await indexOf([{ id: 'ruth-1-16', text: passage }], { action: 'mask' });
    const text = planted(passage);
    const r = decontaminate({ id: 'm', source: 's', text }, mask);
    expect(r.kind).toBe('keep');
    if (r.kind !== 'keep') return;
    expect(r.hit.outcome).toBe('masked');
    expect(r.hit.spans).toBe(1);
    expect(r.text).toBe(`${carrier.slice(0, at)}\n\n${carrier.slice(at)}`);
    expect(r.hit.chars).toBe(text.length - r.text.length);
    expect(r.hit.chars).toBe(passage.length);
    // A document that is nothing but the item is rejected, not kept empty.
    const all = decontaminate({ id: 'all', source: 's', text: passage }, mask);
    expect(all.kind).toBe('reject');
  });

  it('cutSpans keeps words apart where a cut falls between two of them', () => {
    expect(cutSpans('abc def ghi', [[4, 7]])).toBe('abc  ghi');
    expect(cutSpans('abcdefghi', [[3, 6]])).toBe('abc ghi');
  });

  it('report keeps the text unchanged', async () => {
    const rep = await indexOf([{ id: 'ruth-1-16', text: passage }], { action: 'report' });
    const text = planted(passage);
    const r = decontaminate({ id: 'r', source: 's', text }, rep);
    expect(r.kind === 'keep' && r.text === text && r.hit.outcome === 'reported').toBe(true);
  });

  it('short items match whole between min_item_words and ngram; shorter ones are skipped and counted', async () => {
    const cfg = decontamSchema.parse({
      sets: [{ id: 'short', path: jsonl('short.jsonl', [{ id: 'nine', text: 'thy people shall be my people, and thy God' }, { id: 'two', text: 'my God' }]) }],
    });
    const { index: idx, info } = await buildDecontamIndex(cfg, tmp);
    expect(info.sets[0]).toMatchObject({ items: 2, items_whole: 1, items_too_short: 1, items_ngrams: 0 });
    const hit = decontaminate({ id: 'x', source: 's', text: planted(passage) }, idx);
    expect(hit.kind === 'reject' && hit.detail.includes('nine') && !hit.detail.includes('two')).toBe(true);
    // The nine words must appear whole: eight of them are not enough.
    expect(decontaminate({ id: 'y', source: 's', text: planted('thy people shall be my people, and thy') }, idx).kind).toBe('clean');
  });

  it('min_coverage counts a document only when it holds enough of the item', async () => {
    const half = passage.split(' ').slice(0, 22).join(' ');
    const strict = await indexOf([{ id: 'ruth-1-16', text: passage }], { min_coverage: 0.7 });
    expect(decontaminate({ id: 'h', source: 's', text: planted(half) }, strict).kind).toBe('clean');
    expect(decontaminate({ id: 'f', source: 's', text: planted(passage) }, strict).kind).toBe('reject');
    expect(decontaminate({ id: 'h', source: 's', text: planted(half) }, index).kind).toBe('reject');
  });

  it('keeps the index in shared memory', () => {
    for (const a of [index.table.slots, index.itemNgrams, index.idOffsets, index.idBytes]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('the pre-filter (shared memory too) passes every key of the table, so it never hides a match', async () => {
    const big = await indexOf(ruth.split(/\n\s*\n/).map((t, i) => ({ id: `p${i}`, text: t })));
    for (const t of [index.table, big.table]) {
      expect(t.filter.buffer).toBeInstanceOf(SharedArrayBuffer);
      let keys = 0;
      for (let o = 0; o < t.slots.length; o += 3) {
        if (t.slots[o + 2] === 0) continue;
        keys++;
        const bits = filterBits(t.slots[o]!);
        expect(t.filter[Math.imul(t.slots[o]!, FILTER_MUL) >>> t.filterShift]! & bits).toBe(bits);
      }
      expect(keys).toBe(t.size);
    }
    expect(big.table.size).toBeGreaterThan(1000);
  });
});

describe('planted evaluation on data-samples (KJV items in Jargon File / Devil\'s Dictionary carriers)', () => {
  it('recall and precision ≥ 0.99, no near miss or clean document flagged', async () => {
    const ev = buildPlantedEval(texts('data-samples/prose/kjv-bible'), [...texts('data-samples/prose/jargon-file'), ...texts('data-samples/prose/devils-dictionary')], { seed: 1, items: 300, perKind: 60, ngram: 13 });
    const idx = await indexOf(ev.items);
    const flagged = new Map<string, string[]>();
    for (const d of ev.docs) {
      const r = decontaminate({ id: d.id, source: 's', text: d.text }, idx);
      if (r.kind !== 'clean') flagged.set(d.id, r.hit.sets.flatMap((s) => s.items));
    }
    const s = scorePlanted(ev.docs, flagged);
    expect(s.byKind.verbatim!.flagged).toBe(60);
    expect(s.byKind.case_punct!.flagged).toBe(60);
    expect(s.byKind.rewrap!.flagged).toBe(60);
    expect(s.nearMissFlagged).toBe(0);
    expect(s.cleanFlagged).toBe(0);
    expect(s.wrongItem).toBe(0);
    expect(s.recall).toBeGreaterThanOrEqual(0.99);
    expect(s.precision).toBeGreaterThanOrEqual(0.99);
  });
});

describe('evaluation set input', () => {
  const cfg = (path: string, extra: Record<string, unknown> = {}) => decontamSchema.parse({ sets: [{ id: 'e', path, fields: ['question'], ...extra }] });

  it('an empty set, a missing file, a field no item has: errors that say what to do', async () => {
    writeFileSync(join(tmp, 'empty.jsonl'), '\n');
    await expect(buildDecontamIndex(cfg('empty.jsonl'), tmp)).rejects.toThrow(/set "e" \(empty.jsonl\) is empty: it holds no item/);
    await expect(buildDecontamIndex(cfg('nope.jsonl'), tmp)).rejects.toThrow(/set "e": file not found: nope.jsonl/);
    await expect(buildDecontamIndex(cfg('missing/*.jsonl'), tmp)).rejects.toThrow(/no file matches missing\/\*\.jsonl/);
    jsonl('nofield.jsonl', [{ prompt: passage }]);
    await expect(buildDecontamIndex(cfg('nofield.jsonl'), tmp)).rejects.toThrow(/none of its 1 record\(s\) has the field\(s\) "question"/);
  });

  it('non-UTF-8 and bad JSON name the file and line', async () => {
    writeFileSync(join(tmp, 'latin1.jsonl'), Buffer.concat([Buffer.from(`${JSON.stringify({ question: passage })}\n{"question":"caf`), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    await expect(buildDecontamIndex(cfg('latin1.jsonl'), tmp)).rejects.toThrow(/latin1\.jsonl:2 is not valid UTF-8 \(near byte 1[67]/);
    writeFileSync(join(tmp, 'bad.jsonl'), `${JSON.stringify({ question: passage })}\n{"question": \n`);
    await expect(buildDecontamIndex(cfg('bad.jsonl'), tmp)).rejects.toThrow(/bad\.jsonl:2 is not valid JSON/);
  });

  it('items without the field or with empty text are counted, the rest indexed; several fields are joined', async () => {
    jsonl('mixed.jsonl', [{ question: passage, id: 'a' }, { other: 1 }, { question: '  ' }, { question: 'Who said it?', context: passage, id: 'b' }]);
    const { info } = await buildDecontamIndex(cfg('mixed.jsonl', { fields: ['context', 'question'] }), tmp);
    expect(info.sets[0]).toMatchObject({ items: 2, items_missing_field: 1, items_empty: 1, items_ngrams: 2 });
  });

  it('reads Parquet and plain-text sets (line, paragraph, file items)', async () => {
    writeParquet(join(tmp, 'set.parquet'), [{ name: 'id', type: 'STRING' }, { name: 'question', type: 'STRING' }], [{ id: 'p1', question: passage }]);
    const pq = await buildDecontamIndex(cfg('set.parquet'), tmp);
    expect(pq.info.sets[0]!.items_ngrams).toBe(1);
    const r = decontaminate({ id: 'd', source: 's', text: `x ${passage} y` }, pq.index);
    expect(r.kind === 'reject' && r.detail.includes('p1')).toBe(true);
    writeFileSync(join(tmp, 'set.txt'), `${passage}\nsecond line of the file, a sentence long enough to be one item here\n\nthird\n`);
    for (const [mode, n] of [['line', 3], ['paragraph', 2], ['file', 1]] as const) {
      const t = await buildDecontamIndex(cfg('set.txt', { text_items: mode }), tmp);
      expect(t.info.sets[0]!.items, mode).toBe(n);
    }
  });

  it('a set of a million items builds (one-line items of 14 words)', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 1_000_000; i++) lines.push(`item ${i.toString(36)} ${(i * 7919).toString(36)} alpha beta gamma delta epsilon zeta eta theta iota kappa`);
    writeFileSync(join(tmp, 'million.txt'), lines.join('\n'));
    const { index: idx, info } = await buildDecontamIndex(decontamSchema.parse({ sets: [{ id: 'm', path: 'million.txt' }] }), tmp);
    expect(info.sets[0]!.items).toBe(1_000_000);
    // Digits normalise to 0, so items differing only in digits share n-grams: that is the dedup normalisation.
    expect(info.ngrams).toBeGreaterThan(100_000);
    const r = decontaminate({ id: 'd', source: 's', text: `prefix ${lines[123_456]} suffix` }, idx);
    expect(r.kind).toBe('reject');
  }, 120_000);
});
