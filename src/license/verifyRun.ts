import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileSha256 } from '../io/fileSha256.js';
import { readParquet } from '../io/parquetFile.js';
import { evaluateLicense, loadPolicy, type LicensePolicy } from './licensePolicy.js';
import type { Manifest } from './manifest.js';
import { verifyOptOuts } from './verifyOptOuts.js';

export interface VerifyFinding {
  /** The shard (or `manifest.json`) the finding is about. */
  file: string;
  /** Stable code: shard.missing, shard.sha256, shard.unreadable, shard.extra, row.license_denied, row.duplicate_id, count.rows, count.tokens, ... */
  code: string;
  detail: string;
}

export interface VerifyResult {
  ok: boolean;
  shards: number;
  rows: number;
  findings: VerifyFinding[];
  policy: string;
  /** Opt-out lists checked (those the manifest records). */
  optoutLists?: number;
}

type Counts = Record<string, { rows: number; tokens: number }>;

/**
 * Proves a finished run's shards match its manifest: re-hashes every shard, re-checks every row's
 * license against the policy, reconciles row and token counts (per shard, domain, source and
 * license, and the totals). Reads everything; trusts nothing but the policy file.
 */
export async function verifyRun(outDir: string, opts: { policyFile?: string; baseDir?: string } = {}): Promise<VerifyResult> {
  const manifestFile = join(outDir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} not found: is ${outDir} the output folder of a finished run?`);
  const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const findings: VerifyFinding[] = [];
  const add = (file: string, code: string, detail: string) => findings.push({ file, code, detail });

  const policyPath = resolve(opts.baseDir ?? process.cwd(), opts.policyFile ?? m.policy.file);
  if (!existsSync(policyPath)) throw new Error(`policy ${policyPath} not found: pass --policy <file> (the manifest names ${m.policy.file})`);
  const policy: LicensePolicy = loadPolicy(policyPath);
  if (!opts.policyFile && policy.sha256 !== m.policy.sha256) {
    add('manifest.json', 'policy.changed', `policy ${m.policy.file} has sha256 ${policy.sha256}, the manifest recorded ${m.policy.sha256}`);
  }

  const listed = new Set(m.shards.map((s) => s.file));
  const shardDir = join(outDir, 'shards');
  if (existsSync(shardDir)) {
    for (const f of readdirSync(shardDir).filter((x) => x.endsWith('.parquet')).sort()) {
      if (!listed.has(`shards/${f}`)) add(`shards/${f}`, 'shard.extra', 'a shard file not listed in the manifest');
    }
  }

  const licenseOk = new Map<string, boolean>();
  const seenIds = new Set<string>();
  const totalBySource: Counts = {};
  const totalByLicense: Counts = {};
  let rowsAll = 0;
  let tokensAll = 0;
  for (const s of m.shards) {
    const path = join(outDir, s.file);
    if (!existsSync(path)) {
      add(s.file, 'shard.missing', 'listed in the manifest but not on disk');
      continue;
    }
    const sha = fileSha256(path);
    if (sha !== s.sha256) add(s.file, 'shard.sha256', `sha256 ${sha} differs from the manifest's ${s.sha256}`);
    let rows: Record<string, unknown>[];
    try {
      rows = await readParquet(path, { columns: ['id', 'source', 'license', 'domain', 'tokens'] });
    } catch (e) {
      add(s.file, 'shard.unreadable', (e as Error).message.slice(0, 200));
      continue;
    }
    const byDomain: Record<string, number> = {};
    const bySource: Counts = {};
    const byLicense: Counts = {};
    let tokens = 0;
    for (const r of rows) {
      const id = r.id as string;
      const lic = r.license as string;
      const t = r.tokens as number;
      if (seenIds.has(id)) add(s.file, 'row.duplicate_id', `id ${id} appears more than once in the shards`);
      seenIds.add(id);
      let ok = licenseOk.get(lic);
      if (ok === undefined) licenseOk.set(lic, (ok = evaluateLicense(policy, lic).allowed));
      if (!ok) add(s.file, 'row.license_denied', `row ${id} (source ${r.source}) has license "${lic}", which policy ${policy.name} does not allow`);
      tokens += t;
      byDomain[r.domain as string] = (byDomain[r.domain as string] ?? 0) + t;
      bump(bySource, r.source as string, t);
      bump(byLicense, lic, t);
      bump(totalBySource, r.source as string, t);
      bump(totalByLicense, lic, t);
    }
    rowsAll += rows.length;
    tokensAll += tokens;
    if (rows.length !== s.rows) add(s.file, 'count.rows', `${rows.length} rows, the manifest says ${s.rows}`);
    if (tokens !== s.tokens) add(s.file, 'count.tokens', `${tokens} tokens, the manifest says ${s.tokens}`);
    for (const d of new Set([...Object.keys(byDomain), ...Object.keys(s.tokens_by_domain)])) {
      const a = byDomain[d] ?? 0;
      const b = (s.tokens_by_domain as Record<string, number>)[d] ?? 0;
      if (a !== b) add(s.file, 'count.domain', `${d}: ${a} tokens, the manifest says ${b}`);
    }
    compareCounts(s.file, 'count.source', bySource, s.by_source, add);
    compareCounts(s.file, 'count.license', byLicense, s.by_license, add);
  }
  if (rowsAll !== m.totals.rows) add('manifest.json', 'count.total_rows', `${rowsAll} rows in the shards, totals.rows says ${m.totals.rows}`);
  if (tokensAll !== m.totals.tokens) add('manifest.json', 'count.total_tokens', `${tokensAll} tokens in the shards, totals.tokens says ${m.totals.tokens}`);
  if (m.shards.length !== m.totals.shards) add('manifest.json', 'count.total_shards', `${m.shards.length} shards listed, totals.shards says ${m.totals.shards}`);
  const srcCounts: Counts = Object.fromEntries(m.sources.filter((s) => s.rows_in_shards > 0 || totalBySource[s.id]).map((s) => [s.id, { rows: s.rows_in_shards, tokens: s.tokens_in_shards }]));
  compareCounts('manifest.json', 'count.source_total', totalBySource, srcCounts, add);
  const licCounts: Counts = Object.fromEntries(m.licenses.map((l) => [l.license, { rows: l.rows, tokens: l.tokens }]));
  compareCounts('manifest.json', 'count.license_total', totalByLicense, licCounts, add);
  for (const s of m.sources) {
    if (s.status === 'excluded' && totalBySource[s.id]) add('manifest.json', 'source.excluded_present', `source ${s.id} is excluded but has ${totalBySource[s.id]!.rows} rows in the shards`);
  }
  // Opt-out / takedown lists the manifest records: no shard row may match them (src/license/verifyOptOuts.ts).
  const optout = await verifyOptOuts(outDir, m.optout, opts.baseDir ?? process.cwd());
  findings.push(...optout.findings);
  return { ok: findings.length === 0, shards: m.shards.length, rows: rowsAll, findings, policy: policyPath, optoutLists: optout.lists };
}

function bump(c: Counts, key: string, tokens: number): void {
  const e = (c[key] ??= { rows: 0, tokens: 0 });
  e.rows++;
  e.tokens += tokens;
}

function compareCounts(file: string, code: string, actual: Counts, recorded: Counts, add: (f: string, c: string, d: string) => void): void {
  for (const k of [...new Set([...Object.keys(actual), ...Object.keys(recorded)])].sort()) {
    const a = actual[k] ?? { rows: 0, tokens: 0 };
    const b = recorded[k] ?? { rows: 0, tokens: 0 };
    if (a.rows !== b.rows || a.tokens !== b.tokens) add(file, code, `${k}: ${a.rows} rows / ${a.tokens} tokens in the shards, the manifest says ${b.rows} / ${b.tokens}`);
  }
}
