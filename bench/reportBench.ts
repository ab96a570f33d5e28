import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParquetRowWriter } from '../src/io/parquetFile.js';
import { SHARD_COLUMNS } from '../src/pipeline/schemas.js';
import { histogramChart, mixChart } from '../src/report/reportCharts.js';
import { LinearHistogram } from '../src/report/histogram.js';
import { sampleShards } from '../src/report/sampleShards.js';
import { renderVegaLite } from '../src/report/vegaSvg.js';
import { writeReport } from '../src/report/writeReport.js';

const ROWS = 200_000;
const FILES = 8;

/** Synthetic shards: ROWS rows of ~1.5 KB text over FILES files, rows groups of 1,000 as the mix writes them. */
function writeShards(dir: string): number {
  let bytes = 0;
  const para = 'The quick brown fox jumps over the lazy dog while the compiler checks every branch of the proof. ';
  for (let f = 0; f < FILES; f++) {
    const w = new ParquetRowWriter(join(dir, 'shards', `bench-${String(f).padStart(5, '0')}.parquet`), SHARD_COLUMNS, { rowGroupRows: 1000 });
    for (let i = f; i < ROWS; i += FILES) {
      const text = `${i}\n${para.repeat(15)}`;
      bytes += text.length;
      w.add({
        id: `bench/${i}`, doc_id: `bench/${i}`, epoch: 0, text, title: '', domain: ['code', 'prose', 'science'][i % 3], domain_confidence: 0.9,
        source: `source-${i % 7}`, url: `https://example.org/${i}`, license: 'MIT', license_rule: 'allow:notice', lang: 'en', lang_score: 0.99,
        quality: i % 6, tokens: 300 + (i % 5000), content_type: 'text', programming_language: '', date: '', signals: { a: i % 13 },
      });
    }
    w.close();
  }
  return bytes;
}

/**
 * `curate sample` and `curate report` costs: the seeded sample over 200,000 shard rows (the first
 * pass reads only id/epoch/domain/source/quality; the second only the row groups of picked rows),
 * one chart rendered server-side by Vega, and — when out/example exists — the whole report of the
 * example run.
 */
export async function benchReport(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'curate-bench-report-'));
  const results: Record<string, number | string> = {};
  try {
    writeShards(dir);
    let t = performance.now();
    const s = await sampleShards(dir, { n: 50, seed: 1 });
    let ms = performance.now() - t;
    results['report.sample_200k_rows_n50_ms'] = Math.round(ms);
    results['report.sample_rows_per_s'] = Math.round(ROWS / (ms / 1000));
    t = performance.now();
    await sampleShards(dir, { n: 50, seed: 2, domain: 'prose', minQuality: 4 });
    results['report.sample_filtered_200k_rows_n50_ms'] = Math.round(performance.now() - t);
    if (s.length !== 50) throw new Error(`sample returned ${s.length} rows, expected 50`);

    const h = new LinearHistogram(0, 6, 1, 'start');
    for (let i = 0; i < 1000; i++) h.add(i % 6);
    await renderVegaLite(histogramChart(h.bins(), { xTitle: 'q', yTitle: 'rows' })); // warm-up
    t = performance.now();
    for (let i = 0; i < 10; i++) await renderVegaLite(mixChart([{ domain: 'code', plannedTokens: 10, actualTokens: 9 }, { domain: 'prose', plannedTokens: 20, actualTokens: 21 }]));
    results['report.chart_svg_ms'] = Math.round((performance.now() - t) / 10);

    const example = new URL('../out/example', import.meta.url).pathname;
    if (existsSync(join(example, 'manifest.json'))) {
      t = performance.now();
      await writeReport(example);
      results['report.write_example_ms'] = Math.round(performance.now() - t);
    } else {
      results['report.write_example_ms'] = 'skipped: run `curate run configs/example.yaml` first';
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
