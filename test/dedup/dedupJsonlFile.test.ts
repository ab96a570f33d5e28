import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dedupSchema } from '../../src/config/dedupSchema.js';
import { dedupJsonlFile } from '../../src/dedup/dedupJsonlFile.js';
import { randomWords, rng } from './synthetic.js';

const cfg = dedupSchema.parse({});

describe('dedupJsonlFile', () => {
  it('writes one decision per input line, in input order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dedup-'));
    const rand = rng(1);
    const a = randomWords(300, rand);
    const b = [...a];
    b[100] = 'changed';
    const docs = [
      { id: 'z-copy', text: b.join(' ') },
      { id: 'a-orig', text: a.join(' '), quality: 3 },
      { id: 'other', text: randomWords(300, rand).join(' ') },
      { id: 'exact', text: a.join(' ').toUpperCase() },
    ];
    const inPath = join(dir, 'corpus.jsonl');
    writeFileSync(inPath, docs.map((d) => JSON.stringify(d)).join('\n') + '\n\n');
    const outPath = join(dir, 'clusters.jsonl');
    const r = await dedupJsonlFile(inPath, outPath, cfg);
    expect(r).toMatchObject({ docs: 4, removed: 2, clusters: 1 });
    const out = readFileSync(outPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['z-copy', 'a-orig', 'other', 'exact']);
    expect(out[0]).toMatchObject({ cluster: 'a-orig', survivor: false, survivor_id: 'a-orig', kind: 'near' });
    expect(out[0].similarity).toBeGreaterThan(0.9);
    expect(out[1]).toMatchObject({ cluster: 'a-orig', survivor: true, survivor_id: 'a-orig', similarity: 1 });
    expect(out[2]).toMatchObject({ cluster: 'other', survivor: true, kind: 'unique' });
    expect(out[3]).toMatchObject({ survivor: false, survivor_id: 'a-orig', kind: 'exact', similarity: 1 });
  });

  it('names the line of a malformed record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dedup-'));
    const inPath = join(dir, 'bad.jsonl');
    writeFileSync(inPath, '{"id":"a","text":"x"}\n{"id":"b"}\n');
    await expect(dedupJsonlFile(inPath, join(dir, 'o.jsonl'), cfg)).rejects.toThrow(/bad\.jsonl:2: missing "text"/);
    writeFileSync(inPath, '{"id":"a","text":"x"}\nnot json\n');
    await expect(dedupJsonlFile(inPath, join(dir, 'o.jsonl'), cfg)).rejects.toThrow(/bad\.jsonl:2: invalid JSON/);
  });
});
