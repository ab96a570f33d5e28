/**
 * PII stage throughput on one core (CPU time of this thread): MB of text per second through
 * scanPii + the replace action, on web text and on code.
 *   web text: the main text of the real pages of ../shared/eval/extraction (benchmark use only),
 *             extracted by the project's extractor; without ../shared, the prose and science
 *             texts of data-samples.
 *   code:     the code files of data-samples plus the code samples of ../shared/samples/domains.
 * Steady state (2 s CPU warm-up, median of 3 rounds). Target (issue 18): ≥ 50 MB/s each. Run alone: node --import tsx bench/piiBench.ts
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { extractRecord } from '../src/extract/extractRecord.js';
import { redactPii } from '../src/pii/redactPii.js';
import { piiSchema } from '../src/config/piiSchema.js';

const repoRoot = path.resolve(import.meta.dirname, '..');

function walk(dir: string, keep: (f: string) => boolean, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, keep, out);
    else if (keep(p)) out.push(p);
  }
  return out;
}

function webTexts(): { texts: string[]; origin: string } {
  const dir = path.resolve(repoRoot, '../shared/eval/extraction/trafilatura/html');
  if (existsSync(dir)) {
    const texts: string[] = [];
    for (const f of readdirSync(dir).sort().slice(0, 300)) {
      const body = gunzipSync(readFileSync(path.join(dir, f)));
      const ex = extractRecord({ source: 'bench', key: f, url: '', body, contentType: 'html', bytes: body.length });
      if (ex.ok) texts.push(ex.text);
    }
    return { texts, origin: 'shared-eval-pages' };
  }
  const texts = walk(path.join(repoRoot, 'data-samples/prose'), (f) => f.endsWith('.txt')).map((f) => readFileSync(f, 'utf8'));
  return { texts, origin: 'data-samples-prose' };
}

function codeTexts(): string[] {
  const texts = walk(path.join(repoRoot, 'data-samples/code'), (f) => /\.(py|js|mjs|cjs|ts|md)$/.test(f)).map((f) => readFileSync(f, 'utf8'));
  const samples = path.resolve(repoRoot, '../shared/samples/domains/samples.jsonl');
  if (existsSync(samples)) {
    for (const line of readFileSync(samples, 'utf8').split('\n')) {
      if (!line) continue;
      const r = JSON.parse(line) as { domain: string; text: string };
      if (r.domain === 'code') texts.push(r.text);
    }
  }
  return texts;
}

const cpuSeconds = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

/** MB/s of CPU time in the steady state: 2 s of warm-up (the JIT tiers up), then the median of 3 rounds of ≥ 1 s each. */
function throughput(texts: string[]): { mbps: number; mb: number } {
  const cfg = piiSchema.parse({});
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const w0 = process.cpuUsage();
  while (cpuSeconds(w0) < 2) for (const t of texts) redactPii(t, cfg);
  const rates: number[] = [];
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    let reps = 0;
    do {
      for (const t of texts) redactPii(t, cfg);
      reps++;
    } while (cpuSeconds(c0) < 1);
    rates.push((bytes * reps) / 1e6 / cpuSeconds(c0));
  }
  rates.sort((a, b) => a - b);
  return { mbps: Number(rates[1]!.toFixed(1)), mb: Number((bytes / 1e6).toFixed(2)) };
}

export async function benchPii(): Promise<Record<string, number | string>> {
  const web = webTexts();
  const w = throughput(web.texts);
  const c = throughput(codeTexts());
  return {
    'pii.web_text_MB_per_s_cpu': w.mbps,
    'pii.web_text_MB': w.mb,
    'pii.web_text_origin': web.origin,
    'pii.code_MB_per_s_cpu': c.mbps,
    'pii.code_MB': c.mb,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await benchPii())) process.stdout.write(`${k.padEnd(44)} ${v}\n`);
}
