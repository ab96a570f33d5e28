/**
 * Dedup figures: signature throughput (MB/s of text per core, 112 permutations), clustering time
 * for a million signatures, and peak memory per million documents (measured in a child process
 * so the figure is that process's own VmHWM), for dedupItems and for the pipeline's compact path with
 * signatures in memory and on disk (out-of-core). `npm run bench dedup`, or directly:
 *   node --import tsx bench/dedupBench.ts
 * (one child alone: node --import tsx bench/dedupBench.ts --table-child 1000000 disk)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dedupSchema } from '../src/config/dedupSchema.js';
import { findBandEdges, mergeEdges } from '../src/dedup/bandEdges.js';
import { decideDedup, decideDedupTable, planDedup, planDedupTable, type DedupItem } from '../src/dedup/dedupItems.js';
import { DedupTable } from '../src/dedup/dedupTable.js';
import { SignatureFile } from '../src/dedup/signatureFile.js';
import { allBands } from '../src/dedup/lshBands.js';
import { exactHash } from '../src/dedup/exactHash.js';
import { minhashSignature, signatureJs } from '../src/dedup/minhash.js';
import { shingleHashes, wordHashesShared } from '../src/dedup/shingles.js';
import { benchTexts } from './benchTexts.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '..');


/**
 * MB/s of text per core: bytes over the CPU time of this process (user + system), so the figure
 * stays meaningful when other processes share the cores (wall-clock rates here swung 4× with load).
 */
function rate(texts: string[], bytes: number, fn: (t: string) => void, minCpuMs = 2500): number {
  for (const t of texts.slice(0, 200)) fn(t); // warm-up
  let done = 0;
  const c0 = process.cpuUsage();
  let cpuMs = 0;
  while (cpuMs < minCpuMs) {
    for (const t of texts) fn(t);
    done += bytes;
    const c = process.cpuUsage(c0);
    cpuMs = (c.user + c.system) / 1000;
  }
  return done / 1e6 / (cpuMs / 1000);
}

function signatureFigures(): Record<string, number | string> {
  const cfg = dedupSchema.parse({});
  const texts = benchTexts(8_000_000);
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  const shingles = texts.reduce((s, t) => s + shingleHashes(t, 5).length, 0);
  const jsCfg = { num_perm: 112, seed: 1 };
  return {
    'dedup.bench_text_MB': +(bytes / 1e6).toFixed(1),
    'dedup.bench_text_docs': texts.length,
    'dedup.shingles_per_MB': Math.round(shingles / (bytes / 1e6)),
    'dedup.word_hashing_MB_s': +rate(texts, bytes, (t) => wordHashesShared(t)).toFixed(1),
    'dedup.signature_MB_s_112perm': +rate(texts, bytes, (t) => minhashSignature(t, cfg)).toFixed(1),
    'dedup.signature_js_only_MB_s_112perm': +rate(texts, bytes, (t) => {
      const sh = new Int32Array(shingleHashes(t, 5).buffer);
      signatureJs(sh, sh.length, jsCfg);
    }, 1500).toFixed(1),
    'dedup.exact_hash_MB_s': +rate(texts, bytes, (t) => exactHash(t), 1500).toFixed(1),
  };
}

/** xorshift32 stream for synthetic signatures. */
function xorshift(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/**
 * Child: n synthetic documents, 10% of them near copies (≈90% of slots shared) of another and 2%
 * exact copies; signatures are views into one buffer, as a phase-2 reader would hold them.
 */
function clusterChild(n: number): void {
  const cfg = dedupSchema.parse({});
  const P = cfg.num_perm;
  const next = xorshift(42);
  const buf = new Uint32Array(n * P);
  const items: DedupItem[] = new Array(n);
  let nearCopies = 0;
  for (let d = 0; d < n; d++) {
    const sig = buf.subarray(d * P, (d + 1) * P);
    const r = next() % 100;
    let hash = `h${d}`;
    if (d > 0 && r < 10) {
      const src = next() % d;
      sig.set(buf.subarray(src * P, (src + 1) * P));
      for (let i = 0; i < P; i++) if (next() % 100 < 10) sig[i] = next();
      nearCopies++;
    } else if (d > 0 && r < 12) {
      const src = next() % d;
      sig.set(buf.subarray(src * P, (src + 1) * P));
      hash = items[src].exactHash;
    } else for (let i = 0; i < P; i++) sig[i] = next();
    items[d] = { id: `doc/${d.toString(16).padStart(8, '0')}`, source: `s${d % 7}`, licenseRank: next() % 3, quality: next() % 6, length: 500 + (next() % 5000), exactHash: hash, signature: sig };
  }
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  // dedupItems, step by step, to report where the time goes.
  const { phases, lap } = cpuLaps();
  const plan = planDedup(items, cfg);
  lap('plan');
  const found = findBandEdges(plan.index, cfg, allBands(cfg));
  lap('bands');
  const merged = mergeEdges([found.edges]);
  lap('merge');
  const r = decideDedup(plan, merged, cfg, found.stats);
  lap('decide');
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const status = readFileSync('/proc/self/status', 'utf8');
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  process.stdout.write(JSON.stringify({ n, seconds, cpuSeconds, phases, load: readFileSync('/proc/loadavg', 'utf8').split(' ')[0], rssBefore, hwm, nearCopies, stats: r.stats, alarms: r.alarms.length }));
}

/** CPU seconds per named step: `lap(name)` closes the step that started at the previous lap. */
function cpuLaps(): { phases: Record<string, number>; lap: (name: string) => void } {
  const phases: Record<string, number> = {};
  let last = process.cpuUsage();
  const lap = (name: string): void => {
    const c = process.cpuUsage(last);
    phases[name] = +((c.user + c.system) / 1e6).toFixed(2);
    last = process.cpuUsage();
  };
  return { phases, lap };
}

/**
 * Child: the pipeline's phase 2 over n synthetic documents (the same stream as clusterChild, so the
 * same decisions): compact DedupTable, signatures in one array (`memory`) or in a scratch file
 * (`disk`, the out-of-core path), then plan, all bands, merge, decide and the id sort of the output.
 * Peak RSS is over the runtime's own baseline, measured before anything is built.
 */
function tableChild(n: number, where: 'memory' | 'disk'): void {
  const cfg = dedupSchema.parse({});
  const P = cfg.num_perm;
  const rssBase = process.memoryUsage().rss;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { phases, lap } = cpuLaps();
  const next = xorshift(42);
  const table = new DedupTable(n);
  const memory = where === 'memory' ? new Uint32Array(n * P) : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'dedup-bench-'));
  const file = where === 'disk' ? new SignatureFile(join(dir, 'signatures.bin'), P) : undefined;
  const hashOf = new Int32Array(n); // bench bookkeeping: which document's text each one copies
  const sig = new Uint32Array(P);
  const sigBytes = new Uint8Array(sig.buffer);
  const copyFrom = (src: number) => sig.set(memory ? memory.subarray(src * P, (src + 1) * P) : file!.read(src, 0));
  for (let d = 0; d < n; d++) {
    const r = next() % 100;
    hashOf[d] = d;
    if (d > 0 && r < 10) {
      copyFrom(next() % d);
      for (let i = 0; i < P; i++) if (next() % 100 < 10) sig[i] = next();
    } else if (d > 0 && r < 12) {
      const src = next() % d;
      copyFrom(src);
      hashOf[d] = hashOf[src];
    } else for (let i = 0; i < P; i++) sig[i] = next();
    const licenseRank = next() % 3;
    const quality = next() % 6;
    const length = 500 + (next() % 5000);
    table.add(`doc/${d.toString(16).padStart(8, '0')}`, `s${d % 7}`, licenseRank, quality, length, hashOf[d].toString(16).padStart(32, '0'), true);
    if (memory) memory.set(sig, d * P);
    else file!.append(sigBytes);
  }
  file?.flush();
  lap('load');
  const rssLoaded = process.memoryUsage().rss;
  const plan = planDedupTable(table, memory ? { memory } : { file }, cfg);
  lap('plan');
  const found = findBandEdges(plan.index, cfg, allBands(cfg));
  lap('bands');
  const merged = mergeEdges([found.edges]);
  lap('merge');
  const o = decideDedupTable(plan, merged, cfg, found.stats);
  lap('decide');
  // The output step: rows by id, one row object at a time.
  const byId = new Int32Array(n);
  for (let i = 0; i < n; i++) byId[i] = i;
  byId.sort((x, y) => table.compareIds(x, y));
  const rankOfRow = new Int32Array(n);
  for (let r = 0; r < n; r++) rankOfRow[plan.order[r]] = r;
  let chars = 0;
  for (let k = 0; k < n; k++) {
    const row = byId[k];
    const s = o.survivorOf[rankOfRow[row]];
    chars += table.id(row).length + table.id(plan.order[s]).length;
  }
  lap('output');
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const status = readFileSync('/proc/self/status', 'utf8');
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  const fileBytes = file?.bytes ?? 0;
  file?.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ n, where, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, phases, load: readFileSync('/proc/loadavg', 'utf8').split(' ')[0], rssBase, rssLoaded, hwm, tableBytes: table.bytesUsed(), fileBytes, chars, stats: o.stats }));
}

export async function benchDedup(): Promise<Record<string, number | string>> {
  const out = signatureFigures();
  const self = fileURLToPath(import.meta.url);
  for (const n of [1_000_000]) {
    const raw = execFileSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', self, '--cluster-child', String(n)], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 24 });
    const r = JSON.parse(raw) as { n: number; seconds: number; cpuSeconds: number; phases: Record<string, number>; load: string; rssBefore: number; hwm: number; stats: Record<string, number> };
    const perM = 1e6 / r.n;
    Object.assign(out, {
      'dedup.cluster_docs': r.n,
      'dedup.cluster_seconds': +r.seconds.toFixed(1),
      'dedup.cluster_cpu_seconds': +r.cpuSeconds.toFixed(1),
      'dedup.cluster_load_average': r.load,
      'dedup.cluster_cpu_seconds_by_step': Object.entries(r.phases).map(([k, v]) => `${k} ${v}`).join(', '),
      'dedup.cluster_removed_near': r.stats.removed_near,
      'dedup.cluster_removed_exact': r.stats.removed_exact,
      'dedup.cluster_comparisons': r.stats.comparisons,
      'dedup.cluster_edges': r.stats.edges,
      'dedup.peak_rss_MB_per_M_docs_total': Math.round((r.hwm / 1e6) * perM),
      'dedup.peak_extra_MB_per_M_docs_dedupItems': Math.round(((r.hwm - r.rssBefore) / 1e6) * perM),
    });
    // The pipeline's path (compact table) with the signatures in memory, then on disk (out-of-core).
    for (const where of ['memory', 'disk'] as const) {
      const rawT = execFileSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', self, '--table-child', String(n), where], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 24 });
      const t = JSON.parse(rawT) as { seconds: number; cpuSeconds: number; phases: Record<string, number>; load: string; rssBase: number; hwm: number; tableBytes: number; fileBytes: number; stats: Record<string, number> };
      const same = ['removed_near', 'removed_exact', 'edges', 'comparisons', 'clusters'].every((k) => t.stats[k] === r.stats[k]);
      Object.assign(out, {
        [`dedup.table_${where}_seconds`]: +t.seconds.toFixed(1),
        [`dedup.table_${where}_cpu_seconds`]: +t.cpuSeconds.toFixed(1),
        [`dedup.table_${where}_load_average`]: t.load,
        [`dedup.table_${where}_cpu_seconds_by_step`]: Object.entries(t.phases).map(([k, v]) => `${k} ${v}`).join(', '),
        [`dedup.table_${where}_peak_MB_per_M_docs`]: Math.round(((t.hwm - t.rssBase) / 1e6) * perM),
        [`dedup.table_${where}_peak_rss_MB_total`]: Math.round(t.hwm / 1e6),
        [`dedup.table_${where}_table_MB_per_M_docs`]: Math.round((t.tableBytes / 1e6) * perM),
        [`dedup.table_${where}_signature_file_MB`]: Math.round(t.fileBytes / 1e6),
        [`dedup.table_${where}_same_stats_as_dedupItems`]: same ? 'yes' : `NO: ${JSON.stringify(t.stats)}`,
      });
    }
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const k = process.argv.indexOf('--cluster-child');
  const t = process.argv.indexOf('--table-child');
  if (k >= 0) clusterChild(Number(process.argv[k + 1]));
  else if (t >= 0) tableChild(Number(process.argv[t + 1]), process.argv[t + 2] === 'disk' ? 'disk' : 'memory');
  else if (process.argv.includes('--signatures-only')) {
    for (const [key, v] of Object.entries(signatureFigures())) process.stdout.write(`${key.padEnd(44)} ${v}\n`);
  } else {
    const r = await benchDedup();
    for (const [key, v] of Object.entries(r)) process.stdout.write(`${key.padEnd(44)} ${v}\n`);
  }
}
