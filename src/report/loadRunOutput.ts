import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readParquet, type Row } from '../io/parquetFile.js';
import type { Manifest } from '../license/manifest.js';
import type { RunStats } from '../pipeline/runStats.js';
import { LinearHistogram, Log2Histogram, type Bin } from './histogram.js';
import { sampleShardsPerDomain } from './sampleShards.js';
import { RunOutputError, listShardFiles } from './shardFiles.js';
import { rejectExamplesPerReason } from './sampleRejects.js';

/** Everything the report shows, read from a finished run output folder. */
export interface RunOutput {
  outDir: string;
  manifest: Manifest;
  stats: RunStats;
  dedup: DedupView;
  /** Per domain, over the shard rows (an upsampled repeat counts each time: it is trained on each time). */
  distributions: DomainDistribution[];
  /** A seeded sample of documents per domain, for the sample browser. */
  samples: Row[];
  sampleSeed: number;
  samplePerDomain: number;
  /** Up to 3 seeded rejects per reason code (with their text heads), for the funnel's examples. */
  rejectExamples: Map<string, Row[]>;
}

export interface DomainDistribution {
  domain: string;
  rows: number;
  tokens: number;
  quality: Bin[];
  length: Bin[];
  /** Learned quality model's probability (quality_model column), when the run used a model. */
  qualityModel?: Bin[];
}

export interface DedupCluster {
  /** The cluster id: the survivor's document id. */
  cluster: string;
  size: number;
  exact: number;
  near: number;
  /** Lowest similarity of a removed member to the survivor. */
  minSimilarity: number;
  sources: string[];
  /** URLs of up to MEMBER_URLS members, survivor first (from staging; empty when staging is gone). */
  members: string[];
}

const MEMBER_URLS = 4;

export interface DedupView {
  /** False when the run has no dedup/clusters.parquet (dedup off or an older run). */
  present: boolean;
  docs: number;
  /** Clusters with at least one removed member. */
  clusters: number;
  sizes: Bin[];
  top: DedupCluster[];
  alarms: { kind: string; detail: string }[];
}

export interface LoadOptions {
  /** Documents sampled per domain for the browser (default 50). */
  samplePerDomain?: number;
  /** Sampling seed (default: the mix seed from manifest.json). */
  seed?: number;
  /** How many of the largest clusters to list (default 15). */
  topClusters?: number;
}

function readJson<T>(path: string, what: string): T {
  if (!existsSync(path)) throw new RunOutputError(`${path}: missing ${what}; the run did not finish — run \`curate run <config>\` (or \`curate finalize <config>\`) first`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export async function loadRunOutput(outDir: string, opts: LoadOptions = {}): Promise<RunOutput> {
  const manifest = readJson<Manifest>(join(outDir, 'manifest.json'), 'manifest.json');
  const stats = readJson<RunStats>(join(outDir, 'stats.json'), 'stats.json');
  // A run that put nothing in its shards (every source excluded or rejected) still gets a report:
  // that is when the funnel matters most.
  const files = listShardFiles(outDir);
  const seed = opts.seed ?? manifest.mix.seed;
  const perDomain = opts.samplePerDomain ?? 50;

  type Acc = { rows: number; tokens: number; quality: LinearHistogram; wholeQuality: LinearHistogram; integral: boolean; length: Log2Histogram; model: LinearHistogram };
  const byDomain = new Map<string, Acc>();
  const withModel = !!manifest.quality_model;
  for (const f of files) {
    for (const r of await readParquet(f, { columns: ['domain', 'quality', 'tokens', ...(withModel ? ['quality_model'] : [])] })) {
      const d = r.domain as string;
      let h = byDomain.get(d);
      if (!h) {
        h = { rows: 0, tokens: 0, quality: new LinearHistogram(0, 5, 0.5), wholeQuality: new LinearHistogram(0, 6, 1, 'start'), integral: true, length: new Log2Histogram(), model: new LinearHistogram(0, 1, 0.1) };
        byDomain.set(d, h);
      }
      const q = r.quality as number;
      h.rows++;
      h.tokens += r.tokens as number;
      h.quality.add(q);
      h.wholeQuality.add(q);
      if (!Number.isInteger(q)) h.integral = false;
      h.length.add(r.tokens as number);
      if (typeof r.quality_model === 'number') h.model.add(r.quality_model);
    }
  }
  const domains = [...byDomain.keys()].sort();
  const distributions = domains.map((domain) => {
    const h = byDomain.get(domain)!;
    // The textbook score is a sum of whole points: one bar per score reads better than half-point bins.
    return { domain, rows: h.rows, tokens: h.tokens, quality: (h.integral ? h.wholeQuality : h.quality).bins(), length: h.length.bins(), ...(withModel && { qualityModel: h.model.bins() }) };
  });

  const samples: Row[] = files.length > 0 ? await sampleShardsPerDomain(outDir, { n: perDomain, seed }) : [];

  const rejectExamples = await rejectExamplesPerReason(outDir, 3, seed);
  return { outDir, manifest, stats, dedup: await loadDedup(outDir, stats, opts.topClusters ?? 15), distributions, samples, sampleSeed: seed, samplePerDomain: perDomain, rejectExamples };
}

async function loadDedup(outDir: string, stats: RunStats, topN: number): Promise<DedupView> {
  const alarms = (stats.dedup?.alarms ?? []).map((a) => {
    const x = a as { kind?: string; detail?: string };
    return { kind: String(x.kind ?? 'alarm'), detail: String(x.detail ?? JSON.stringify(a)) };
  });
  const file = join(outDir, 'dedup', 'clusters.parquet');
  if (!existsSync(file)) return { present: false, docs: 0, clusters: 0, sizes: [], top: [], alarms };
  const rows = await readParquet(file, { columns: ['id', 'cluster', 'source', 'similarity', 'kind', 'survivor'] });
  const clusters = new Map<string, DedupCluster & { sourceSet: Set<string>; ids: string[] }>();
  for (const r of rows) {
    const id = r.cluster as string;
    let c = clusters.get(id);
    if (!c) clusters.set(id, (c = { cluster: id, size: 0, exact: 0, near: 0, minSimilarity: 1, sources: [], members: [], sourceSet: new Set(), ids: [] }));
    c.size++;
    if (r.survivor) c.ids.unshift(r.id as string);
    else if (c.ids.length < MEMBER_URLS) c.ids.push(r.id as string);
    c.sourceSet.add(r.source as string);
    if (!r.survivor) {
      if (r.kind === 'exact') c.exact++;
      else c.near++;
      c.minSimilarity = Math.min(c.minSimilarity, r.similarity as number);
    }
  }
  const multi = [...clusters.values()].filter((c) => c.size > 1);
  const sizes = new Log2Histogram();
  for (const c of multi) sizes.add(c.size);
  const topClusters = multi.sort((a, b) => b.size - a.size || (a.cluster < b.cluster ? -1 : 1)).slice(0, topN);
  const urls = await stagedUrls(outDir, new Set(topClusters.flatMap((c) => c.ids.slice(0, MEMBER_URLS))));
  const top = topClusters.map(({ sourceSet, ids, ...c }) => ({
    ...c,
    sources: [...sourceSet].sort(),
    members: ids.slice(0, MEMBER_URLS).map((id) => urls.get(id) ?? id),
  }));
  return { present: true, docs: rows.length, clusters: multi.length, sizes: sizes.bins(), top, alarms };
}

/** URL of each wanted document id, from the staging files (phase 1 output); empty when staging was removed. */
async function stagedUrls(outDir: string, wanted: Set<string>): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  const dir = join(outDir, 'staging');
  if (wanted.size === 0 || !existsSync(dir)) return urls;
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.parquet')).sort();
  for (const f of files) {
    for (const r of await readParquet(join(dir, f), { columns: ['id', 'url'] })) if (wanted.has(r.id as string)) urls.set(r.id as string, (r.url as string) || (r.id as string));
    if (urls.size === wanted.size) break;
  }
  return urls;
}
