import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParquetRowWriter } from '../src/io/parquetFile.js';
import { SHARD_COLUMNS } from '../src/pipeline/schemas.js';

/** Real text to fill rows with: the files of data-samples (any type), cycled. */
function sampleTexts(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (statSync(p).size < 300_000) out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(root);
  return out;
}

/**
 * Shard writing: rows with real texts through the same writer the mix phase uses
 * (zstd, dictionary encoding, row groups of 1,000). Reports MB/s of text and the RSS growth.
 */
export async function benchShardWrite(): Promise<Record<string, number | string>> {
  const texts = sampleTexts(new URL('../data-samples', import.meta.url).pathname);
  const dir = mkdtempSync(join(tmpdir(), 'curate-bench-shards-'));
  const rows = 60_000;
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  let textBytes = 0;
  const t0 = performance.now();
  const w = new ParquetRowWriter(join(dir, 'bench.parquet'), SHARD_COLUMNS, { rowGroupRows: 1000 });
  for (let i = 0; i < rows; i++) {
    const text = `${i} ${texts[i % texts.length]!}`;
    textBytes += Buffer.byteLength(text);
    w.add({
      id: `bench/${i}`, doc_id: `bench/${i}`, epoch: 0, text, title: '', domain: ['code', 'prose', 'science'][i % 3], domain_confidence: 0.9,
      source: `source-${i % 7}`, url: `https://example.org/${i}`, license: 'MIT', license_rule: 'allow:notice', lang: 'en', lang_score: 0.99,
      quality: (i % 50) / 10, tokens: Math.round(text.length / 4), content_type: 'text', programming_language: '', date: '', signals: { a: i % 13, b: 0.5 },
    });
    if (i % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  w.close();
  const secs = (performance.now() - t0) / 1000;
  const fileBytes = statSync(join(dir, 'bench.parquet')).size;
  rmSync(dir, { recursive: true, force: true });
  return {
    'shard_write.rows': rows,
    'shard_write.text_MB': +(textBytes / 1e6).toFixed(1),
    'shard_write.MB_per_s': +(textBytes / 1e6 / secs).toFixed(1),
    'shard_write.compression_ratio': +(textBytes / fileBytes).toFixed(2),
    'shard_write.rss_growth_MB': +((peak - rssBefore) / 1e6).toFixed(0),
  };
}
