/**
 * Finding 13 of issue 13: UTF-16 files with a BOM in a `files` source were rejected as binary
 * (while `curate extract` decoded them); a page whose <meta> says utf-16 but whose bytes are
 * ASCII became CJK garbage; a UTF-8 BOM broke line 1 of a JSONL file.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesSourceSchema, jsonlSourceSchema } from '../../src/config/sourceSchema.js';
import { decodeBytes } from '../../src/extract/charset.js';
import { extractRecord } from '../../src/extract/extractRecord.js';
import { filesReader } from '../../src/sources/filesReader.js';
import { jsonlReader } from '../../src/sources/jsonlReader.js';
import { readAll, testEnv } from '../sources/testContext.js';

const TEXT = 'Grüße aus Köln: a plain text file, saved by an editor as UTF-16.\n';

describe('encodings', () => {
  it('a files source decodes UTF-16 LE and BE files with a BOM instead of rejecting them as binary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curate-utf16-'));
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    writeFileSync(join(dir, 'le.txt'), le);
    writeFileSync(join(dir, 'be.txt'), be);
    const env = testEnv(dir);
    const recs = await readAll(filesReader, filesSourceSchema.parse({ id: 'f', kind: 'files', path: dir, license: 'CC0-1.0' }), env);
    expect(env.rejects).toEqual([]);
    expect(recs).toHaveLength(2);
    for (const r of recs) {
      const ex = extractRecord(r);
      expect(ex.ok && ex.text.trim()).toBe(TEXT.trim());
    }
  });

  it('a <meta charset="utf-16"> on ASCII bytes is read as UTF-8 (WHATWG prescan)', () => {
    const page = Buffer.from('<html><head><meta charset="utf-16"></head><body><p>Plain ASCII words, caf\u00e9.</p></body></html>', 'utf8');
    const d = decodeBytes(page);
    expect(d.charset).toBe('utf-8');
    expect(d.text).toContain('Plain ASCII words, café.');
    const ex = extractRecord({ source: 's', key: 'p.html', url: '', body: page, contentType: 'html', bytes: page.length });
    expect(ex.ok && ex.text).toContain('Plain ASCII words, café.');
  });

  it('a UTF-8 BOM on line 1 of a JSONL file is stripped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curate-bom-'));
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'd', 'x.jsonl'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"text": "first line"}\n{"text": "second line"}\n')]));
    const env = testEnv(dir);
    const recs = await readAll(jsonlReader, jsonlSourceSchema.parse({ id: 'j', kind: 'jsonl', path: 'd', license: 'CC0-1.0' }), env);
    expect(env.rejects).toEqual([]);
    expect(recs.map((r) => r.body)).toEqual(['first line', 'second line']);
  });
});
