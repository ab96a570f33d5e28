/**
 * Synthetic shard files for the sample tests: small, fast, and with every column the real shards
 * declare (src/pipeline/schemas.ts), split over files in any order the test asks for.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeParquet, type Row } from '../../src/io/parquetFile.js';
import { SHARD_COLUMNS } from '../../src/pipeline/schemas.js';

const DOMAINS = ['code', 'prose', 'science'];
const SOURCES = ['alpha', 'beta', 'gamma', 'delta'];

/** `count` documents; every 7th is upsampled once more (an extra row with epoch 1 and id `<id>#2`). */
export function fixtureRows(count: number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const id = `doc-${String(i).padStart(4, '0')}`;
    const base: Row = {
      id,
      doc_id: id,
      epoch: 0,
      text: `Title line of ${id}\n\nsecond line ${i}\nthird line\nfourth line\nfifth line\n`,
      title: `Document ${i}`,
      domain: DOMAINS[i % 3],
      domain_confidence: 0.9,
      source: SOURCES[i % 4],
      url: `file:///data/${id}.txt`,
      license: i % 2 ? 'MIT' : 'BSD-3-Clause',
      license_rule: 'permissive',
      lang: 'en',
      lang_score: 0.99,
      quality: (i * 37) % 51 / 10,
      tokens: 10 + i,
      content_type: 'text',
      programming_language: '',
      date: '2024-01-01',
      signals: { words: i, mean_word_length: 4.5 },
      license_evidence: { kind: 'declared', raw: i % 2 ? 'MIT' : 'BSD-3-Clause' },
      source_version: '1.0',
      upstream_url: `https://example.org/data/${id}.txt`,
    };
    rows.push(base);
    if (i % 7 === 0) rows.push({ ...base, id: `${id}#2`, epoch: 1 });
  }
  return rows;
}

/** Writes `rows` into `files` shard files (round-robin), with small row groups; returns the run folder. */
export function writeFixtureRun(rows: Row[], files: number, prefix = 'fixture'): string {
  const out = mkdtempSync(join(tmpdir(), 'curate-sample-'));
  mkdirSync(join(out, 'shards'));
  for (let f = 0; f < files; f++) {
    const mine = rows.filter((_, i) => i % files === f);
    writeParquet(join(out, 'shards', `${prefix}-${String(f).padStart(5, '0')}.parquet`), SHARD_COLUMNS, mine, { rowGroupRows: 16 });
  }
  return out;
}
