/**
 * `npm run bench`: every stage's throughput and the end-to-end pipeline, with peak memory.
 * Each stage owner exports a bench function from bench/<stage>Bench.ts; this runs them in turn
 * and prints one table (and writes .bench/results.json). Speed targets live here, not in tests.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const BENCHES: [file: string, fn: string][] = [
  ['./sourcesBench.ts', 'benchSources'],
  ['./extractBench.ts', 'benchExtraction'],
  ['./formatsBench.ts', 'benchFormats'],
  ['./annotateBench.ts', 'benchAnnotate'],
  ['./domainTextbookBench.ts', 'benchDomainTextbook'],
  ['./tokenizerBench.ts', 'benchTokenizer'],
  ['./dedupBench.ts', 'benchDedup'],
  ['./decontamBench.ts', 'benchDecontam'],
  ['./licenseBench.ts', 'benchLicense'],
  ['./piiBench.ts', 'benchPii'],
  ['./shardWriteBench.ts', 'benchShardWrite'],
  ['./reportBench.ts', 'benchReport'],
  ['./qualityModelBench.ts', 'benchQualityModel'],
  ['./pipelineBench.ts', 'benchPipeline'],
];

const only = process.argv.slice(2);
const results: Record<string, number | string> = {};
for (const [file, fn] of BENCHES) {
  if (only.length && !only.some((o) => file.toLowerCase().includes(o.toLowerCase()))) continue;
  if (!existsSync(new URL(file, import.meta.url))) continue;
  const mod = (await import(file)) as Record<string, () => Promise<Record<string, number | string>>>;
  if (typeof mod[fn] !== 'function') continue;
  process.stderr.write(`bench: ${fn}…\n`);
  const t0 = performance.now();
  try {
    const r = await mod[fn]!();
    Object.assign(results, r);
    for (const [k, v] of Object.entries(r)) process.stdout.write(`${k.padEnd(44)} ${v}\n`);
  } catch (e) {
    process.stdout.write(`${fn.padEnd(44)} FAILED: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
  process.stderr.write(`bench: ${fn} took ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
results['process.peak_rss_MB'] = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${'process.peak_rss_MB'.padEnd(44)} ${results['process.peak_rss_MB']}\n`);
mkdirSync(new URL('../.bench/', import.meta.url), { recursive: true });
writeFileSync(new URL('../.bench/results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
