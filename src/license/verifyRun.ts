import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isSameOrInside, realPathish } from '../config/outputPath.js';
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (e) {
    return malformed(`not JSON: ${(e as Error).message}`);
  }
  const shapeError = manifestShapeError(parsed);
  if (shapeError) return malformed(shapeError);
  const m = parsed as Manifest;
  const findings: VerifyFinding[] = [];
  const add = (file: string, code: string, detail: string) => findings.push({ file, code, detail });

  // The policy the manifest names is found next to the output it describes (where finalize recorded
  // it), never relative to wherever verify happens to be started; --policy is the user's own path.
  const policyPath = opts.policyFile ? resolve(opts.baseDir ?? process.cwd(), opts.policyFile) : resolve(outDir, m.policy.from_output ?? m.policy.file);
  if (!existsSync(policyPath) || !statSync(policyPath).isFile()) {
    throw new Error(`policy ${policyPath} not found: pass --policy <file> (the manifest names ${m.policy.from_output ?? m.policy.file}, relative to ${outDir})`);
  }
  const policy: LicensePolicy = loadPolicy(policyPath);
  if (!opts.policyFile && policy.sha256 !== m.policy.sha256) {
    add('manifest.json', 'policy.changed', `policy ${m.policy.file} has sha256 ${policy.sha256}, the manifest recorded ${m.policy.sha256}`);
  }
  // Every path the manifest names must stay inside the output folder (no ../../etc/passwd).
  const root = realPathish(outDir);
  const inside = (file: string) => {
    const p = realPathish(resolve(outDir, file));
    return p !== root && isSameOrInside(p, root);
  };
  for (const s of m.shards) if (!inside(s.file)) add(s.file, 'shard.path_outside', `the manifest names a shard outside ${outDir}; refused`);
  const shardsInside = m.shards.filter((s) => inside(s.file));

  checkSourceLicenses(m, policy, !opts.policyFile, add);

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
  const rowsBySourceLicense: Record<string, Counts> = {};
  for (const s of shardsInside) {
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
      bump((rowsBySourceLicense[r.source as string] ??= {}), lic, t);
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
    // The licenses the manifest lists for a source are the ones its rows carry.
    compareCounts('manifest.json', `source.document_licenses`, rowsBySourceLicense[s.id] ?? {}, s.document_licenses ?? {}, (f, c, d) => add(f, c, `source ${s.id}: ${d}`));
    if (s.status === 'allowed' && !s.license_field && s.license) {
      const other = Object.keys(rowsBySourceLicense[s.id] ?? {}).filter((l) => l !== s.license);
      if (other.length) add('manifest.json', 'source.license_rows', `source ${s.id}: the manifest says license ${s.license}, its rows carry ${other.join(', ')}`);
    }
  }
  // Opt-out / takedown lists the manifest records: no shard row may match them (src/license/verifyOptOuts.ts).
  const optout = await verifyOptOuts(outDir, m.optout, opts.baseDir ?? process.cwd());
  findings.push(...optout.findings);
  return { ok: findings.length === 0, shards: m.shards.length, rows: rowsAll, findings, policy: policyPath, optoutLists: optout.lists };
}

function malformed(why: string): VerifyResult {
  return { ok: false, shards: 0, rows: 0, findings: [{ file: 'manifest.json', code: 'manifest.malformed', detail: `${why}; it is not a manifest curate wrote (re-run \`curate finalize <config>\`)` }], policy: '' };
}

/** The first field a manifest must have and does not (a hand-edited or foreign file). */
function manifestShapeError(m: unknown): string | undefined {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return 'expected a JSON object';
  const o = m as Record<string, unknown>;
  const obj = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!obj(o.policy) || typeof (o.policy as Record<string, unknown>).file !== 'string' || typeof (o.policy as Record<string, unknown>).sha256 !== 'string') return 'missing policy.file / policy.sha256';
  if (!Array.isArray(o.shards)) return 'missing shards (a list)';
  for (const [i, s] of (o.shards as unknown[]).entries()) {
    if (!obj(s) || typeof (s as Record<string, unknown>).file !== 'string' || typeof (s as Record<string, unknown>).sha256 !== 'string') return `shards.${i}: missing file / sha256`;
    const r = s as Record<string, unknown>;
    if (!obj(r.tokens_by_domain) || !obj(r.by_source) || !obj(r.by_license) || typeof r.rows !== 'number' || typeof r.tokens !== 'number') return `shards.${i}: missing rows, tokens or their breakdowns`;
  }
  if (!Array.isArray(o.sources) || (o.sources as unknown[]).some((s) => !obj(s) || typeof (s as Record<string, unknown>).id !== 'string')) return 'missing sources (a list of objects with id)';
  if (!Array.isArray(o.licenses)) return 'missing licenses (a list)';
  if (!obj(o.totals)) return 'missing totals';
  return undefined;
}

/**
 * Each source's license, recomputed from what the config declared: an edited `license` or
 * `status` in the manifest no longer matches (the status only under the manifest's own policy).
 */
function checkSourceLicenses(m: Manifest, policy: LicensePolicy, samePolicy: boolean, add: (f: string, c: string, d: string) => void): void {
  for (const s of m.sources) {
    const declared = s.declared_license;
    if (!declared || declared === 'detect' || s.evidence?.kind === 'detected') continue;
    const d = evaluateLicense(policy, declared);
    if (d.expression !== s.license) add('manifest.json', 'source.license', `source ${s.id}: the manifest says license ${JSON.stringify(s.license)}, the declared ${JSON.stringify(declared)} is ${JSON.stringify(d.expression)}`);
    // `evidence: strict` excludes a source its own LICENSE files contradict, whatever the declared license's decision.
    const evidenceExcluded = s.status === 'excluded' && s.reason === 'license.declared_mismatch' && policy.evidence === 'strict';
    if (samePolicy && !evidenceExcluded && (s.status === 'allowed') !== d.allowed) add('manifest.json', 'source.status', `source ${s.id}: the manifest says ${s.status}, policy ${policy.name} ${d.allowed ? 'allows' : 'denies'} ${d.expression}`);
  }
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
