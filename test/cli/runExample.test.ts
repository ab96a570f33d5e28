/**
 * The product as a user runs it: `curate run configs/example.yaml` on data-samples/, through the
 * real executable, with the shards read back by an independent reader (DuckDB).
 */
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { curate as runCli, workspace } from '../support/cliHarness.js';
import { readParquet, writeParquet } from '../../src/io/parquetFile.js';
import { SHARD_COLUMNS } from '../../src/pipeline/schemas.js';

const curate = (cwd: string, ...args: string[]) => runCli(cwd, args);

async function query(sql: string): Promise<unknown[][]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  return (await con.runAndReadAll(sql)).getRows() as unknown[][];
}

describe('curate run configs/example.yaml', () => {
  let ws: string;
  let out: string;
  let first: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    ws = workspace();
    out = join(ws, 'out/example');
    first = await curate(ws, 'run', 'configs/example.yaml', '--workers', '2');
  }, 600_000);

  it('exits 0 and says where the shards, manifest and stats went', () => {
    expect(first.stderr + first.stdout).not.toMatch(/curate: /);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/shards\s+out\/example\/shards\//);
    expect(first.stdout).toMatch(/manifest\s+out\/example\/manifest\.json/);
    expect(first.stdout).toMatch(/stats\s+out\/example\/stats\.json/);
  });

  it('writes several shards that DuckDB reads, matching the manifest, with no duplicate ids or empty texts', async () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const shards = readdirSync(join(out, 'shards')).filter((f) => f.endsWith('.parquet'));
    expect(shards.length).toBeGreaterThanOrEqual(2);
    expect(shards.length).toBe(manifest.shards.length);
    const glob = join(out, 'shards', '*.parquet');
    const cols = (await query(`DESCRIBE SELECT * FROM read_parquet('${glob}')`)).map((r) => r[0]);
    for (const c of ['id', 'text', 'domain', 'source', 'url', 'license', 'quality', 'tokens', 'lang', 'signals']) expect(cols).toContain(c);
    const [[rows, ids, empty, tokens]] = (await query(
      `SELECT count(*)::INT, count(DISTINCT id)::INT, count(*) FILTER (WHERE length(trim(text)) = 0)::INT, sum(tokens)::BIGINT FROM read_parquet('${glob}')`,
    )) as [[number, number, number, bigint]];
    expect(rows).toBe(manifest.totals.rows);
    expect(ids).toBe(rows);
    expect(empty).toBe(0);
    expect(Number(tokens)).toBe(manifest.totals.tokens);
    const domains = (await query(`SELECT DISTINCT domain FROM read_parquet('${glob}') ORDER BY 1`)).map((r) => r[0]);
    expect(domains).toEqual(['code', 'prose', 'science']);
    // signals is one JSON encoding: DuckDB's JSON functions read its fields.
    const [[objects, codeFrac]] = (await query(
      `SELECT count(*) FILTER (WHERE json_type(signals) = 'OBJECT')::INT, count(json_extract(signals, '$."domain.code_line_frac"'))::INT FROM read_parquet('${glob}')`,
    )) as [[number, number]];
    expect(objects).toBe(rows);
    expect(codeFrac).toBe(rows);
    for (const s of manifest.shards) {
      const [[n]] = (await query(`SELECT count(*)::INT FROM read_parquet('${join(out, s.file)}')`)) as [[number]];
      expect(n).toBe(s.rows);
    }
    // Every shard but the last follows the mix's domain token shares within 2 points (read by DuckDB).
    const shares = (await query(
      `SELECT filename, domain, t / sum(t) OVER (PARTITION BY filename) FROM (SELECT filename, domain, sum(tokens)::DOUBLE AS t FROM read_parquet('${glob}', filename = true) GROUP BY filename, domain) ORDER BY 1, 2`,
    )) as [string, string, number][];
    const mix: Record<string, number> = { code: 0.3, prose: 0.5, science: 0.2 };
    const lastShard = join(out, manifest.shards[manifest.shards.length - 1].file);
    for (const [file, domain, share] of shares) if (file !== lastShard) expect(Math.abs(share - mix[domain]!), `${file} ${domain}`).toBeLessThanOrEqual(0.02);
  });

  it('scores every shard row with the learned quality model and names the model in the manifest and report', async () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const { createHash } = await import('node:crypto');
    const modelSha = createHash('sha256').update(readFileSync(join(ws, 'models/example-quality.json'))).digest('hex');
    expect(manifest.quality_model).toMatchObject({ file: 'models/example-quality.json', sha256: modelSha, min_model_score: null });
    expect(readFileSync(join(out, 'MANIFEST.md'), 'utf8')).toContain(modelSha);
    const glob = join(out, 'shards', '*.parquet');
    const [[rows, scored, inRange]] = (await query(
      `SELECT count(*)::INT, count(quality_model)::INT, count(*) FILTER (WHERE quality_model BETWEEN 0 AND 1)::INT FROM read_parquet('${glob}')`,
    )) as [[number, number, number]];
    expect(scored).toBe(rows);
    expect(inRange).toBe(rows);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/Learned quality model example-quality/);
    // The dataset card names the model, the decontamination and the PII handling too.
    const card = readFileSync(join(out, 'README.md'), 'utf8');
    expect(card).toContain(modelSha);
    expect(card).toMatch(/## Decontamination\n\nChecked against 1 evaluation set\(s\) by 13-gram overlap/);
    expect(card).toMatch(/## Personal data and secrets\n[\s\S]*- email: \d+/);
  });

  it('keeps the denied source out and says why in the manifest', async () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const octave = manifest.sources.find((s: { id: string }) => s.id === 'octave-manual');
    expect(octave.status).toBe('excluded');
    expect(octave.reason).toMatch(/^license\./);
    expect(octave.docs.records).toBe(0);
    expect(manifest.excluded.sources.map((s: { id: string }) => s.id)).toContain('octave-manual');
    const [[n]] = (await query(`SELECT count(*)::INT FROM read_parquet('${join(out, 'shards', '*.parquet')}') WHERE source = 'octave-manual'`)) as [[number]];
    expect(n).toBe(0);
    expect(readFileSync(join(out, 'MANIFEST.md'), 'utf8')).toMatch(/octave-manual/);
  });

  it('accounts for every input record exactly once, per source', async () => {
    const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
    for (const [id, s] of Object.entries<any>(stats.sources)) {
      expect(s.records, id).toBe(s.rejected + s.staged);
      expect(s.staged, id).toBe(s.dedup_removed.exact + s.dedup_removed.near + s.unsampled + s.license_excluded_at_write + s.in_shards);
    }
    // Rejects on disk match the counts.
    const [[rejects]] = (await query(`SELECT count(*)::INT FROM read_parquet('${join(out, 'rejects', '*', '*.parquet')}')`)) as [[number]];
    expect(rejects).toBe(stats.totals.rejected);
  });

  it('rejects documents by quality, each with its text head, and the report shows examples per reason', async () => {
    const rows = (await query(`SELECT reason, text_head FROM read_parquet('${join(out, 'rejects', '*', '*.parquet')}') WHERE stage = 'quality'`)) as [string, string][];
    expect(rows.length).toBeGreaterThan(0);
    for (const [reason, head] of rows) {
      expect(reason).toMatch(/^quality\./);
      expect(head.length).toBeGreaterThan(0);
      expect(head.length).toBeLessThanOrEqual(300);
    }
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const reason of new Set(rows.map(([r]) => r))) expect(html).toContain(`data-reason="${reason}"`);
    expect(html).toContain('class="reject-head"');
  });

  it('keeps linked inline code of documentation pages in the shards (issue 15: "scipy.integrate", "list.sort()")', async () => {
    const glob = join(out, 'shards', '*.parquet');
    const line = async (url: string, pattern: string): Promise<string> => {
      const rows = (await query(
        `SELECT regexp_extract(text, '[^\\n]*${pattern}[^\\n]*') FROM read_parquet('${glob}') WHERE url = '${url}'`,
      )) as [string][];
      expect(rows.length, `${url} is in the shards`).toBe(1);
      return rows[0]![0];
    };
    expect(await line('file://scipy-docs/tutorial/integrate.html', 'sub-package provides several integration')).toContain('The scipy.integrate sub-package provides');
    expect(await line('file://python-docs/howto/sorting.html', 'method that modifies the list in-place')).toContain('Python lists have a built-in list.sort() method');
    expect(await line('file://python-docs/howto/sorting.html', 'have a key parameter')).toContain('Both list.sort() and sorted() have a key parameter');
    expect(await line('file://scipy-docs/tutorial/csgraph.html', 'Compressed Sparse Graph Routines')).toContain('Compressed Sparse Graph Routines (scipy.sparse.csgraph)');
  });

  it("reads source_version from the source when the config gives none (npm-code: each package's package.json; issue 16)", async () => {
    const glob = join(out, 'shards', '*.parquet');
    const rows = (await query(`SELECT DISTINCT split_part(url, '/', 4), source_version FROM read_parquet('${glob}') WHERE source = 'npm-code'`)) as [string, string][];
    const byPackage = new Map(rows);
    const pkgVersion = (dir: string) => (JSON.parse(readFileSync(join(ws, 'data-samples/code/npm-code', dir, 'package.json'), 'utf8')) as { version: string }).version;
    expect(byPackage.size).toBeGreaterThan(0);
    for (const [dir, version] of byPackage) expect(version, dir).toBe(pkgVersion(dir));
    // a configured version wins
    expect(await query(`SELECT DISTINCT source_version FROM read_parquet('${glob}') WHERE source = 'kjv-bible'`)).toEqual([['4.38']]);
  });

  it('exercises the reST, LaTeX, notebook and PDF extractors (issue 15)', async () => {
    const rows = (await query(
      `SELECT content_type, count(*)::INT FROM read_parquet('${join(out, 'staging', '**', '*.parquet')}') GROUP BY 1 ORDER BY 1`,
    )) as [string, number][];
    const types = Object.fromEntries(rows);
    for (const t of ['rst', 'latex', 'ipynb', 'pdf', 'html', 'code']) expect(types[t], t).toBeGreaterThan(0);
  });

  it('gives byte-identical shards and manifest (but for run_info) on a second run', async () => {
    const before = Object.fromEntries(readdirSync(join(out, 'shards')).map((f) => [f, readFileSync(join(out, 'shards', f))]));
    const manifestBefore = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    rmSync(out, { recursive: true });
    const again = await curate(ws, 'run', 'configs/example.yaml', '--workers', '1');
    expect(again.code).toBe(0);
    const after = Object.fromEntries(readdirSync(join(out, 'shards')).map((f) => [f, readFileSync(join(out, 'shards', f))]));
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const f of Object.keys(before)) expect(after[f]!.equals(before[f]!), f).toBe(true);
    const manifestAfter = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    delete manifestBefore.run_info;
    delete manifestAfter.run_info;
    expect(manifestAfter).toEqual(manifestBefore);
  });

  it('fails before any work, in one line, on a malformed config, a missing path and an unknown license', async () => {
    const cfg = readFileSync(join(ws, 'configs/example.yaml'), 'utf8');
    const cases: [string, string, RegExp][] = [
      ['bad-share', cfg.replace('code: 0.3', 'code: "lots"').replace('out/example', 'out/bad-share'), /^curate: configs\/bad-share\.yaml:\d+ mix\.domains\.code: expected a number between 0 and 1, got "lots"\n$/],
      ['bad-path', cfg.replace('path: data-samples/prose/kjv-bible', 'path: data-samples/prose/nope').replace('out/example', 'out/bad-path'), /^curate: configs\/bad-path\.yaml:\d+ sources\.\d+\.path: not found: data-samples\/prose\/nope/],
      ['bad-license', cfg.replace('license: BSD-3-Clause', 'license: Frobnicate-License-9').replace('out/example', 'out/bad-license'), /^curate: configs\/bad-license\.yaml:\d+ sources\.\d+\.license: .*Frobnicate-License-9/],
    ];
    for (const [name, text, re] of cases) {
      writeFileSync(join(ws, 'configs', `${name}.yaml`), text);
      const r = await curate(ws, 'run', `configs/${name}.yaml`);
      expect(r.code, name).not.toBe(0);
      expect(r.stderr, name).toMatch(re);
      expect(r.stderr.trim().split('\n').length, name).toBe(1);
      expect(existsSync(join(ws, 'out', name)), name).toBe(false);
    }
  });

  describe('curate verify', () => {
    /** A copy of the run's output to tamper with. */
    function copyOut(name: string): string {
      const dir = join(ws, 'out', name);
      cpSync(out, dir, { recursive: true });
      return dir;
    }

    it('passes on a fresh run', async () => {
      const r = await curate(ws, 'verify', 'out/example');
      expect(r.stdout).toMatch(/OK/);
      expect(r.code).toBe(0);
    });

    it('fails, naming the shard, after one byte of a shard changes', async () => {
      const dir = copyOut('tampered-byte');
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      const shard = manifest.shards[0].file as string;
      const bytes = readFileSync(join(dir, shard));
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      writeFileSync(join(dir, shard), bytes);
      const r = await curate(ws, 'verify', 'out/tampered-byte');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`${shard}: shard.sha256`);
    });

    it('fails when a row with a denied license is added', async () => {
      const dir = copyOut('tampered-row');
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      const shard = manifest.shards[1].file as string;
      const rows = await readParquet(join(dir, shard));
      rows.push({ ...rows[0]!, id: 'smuggled/1', doc_id: 'smuggled/1', license: 'GPL-3.0-only' });
      writeParquet(join(dir, shard), SHARD_COLUMNS, rows);
      const r = await curate(ws, 'verify', 'out/tampered-row');
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`${shard.replace('.', '\\.')}: row\\.license_denied: row smuggled/1 .*GPL-3\\.0-only`));
      expect(r.stdout).toContain(`${shard}: count.rows`);
    });

    it("fails when the manifest's counts are edited", async () => {
      const dir = copyOut('tampered-manifest');
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      manifest.shards[0].tokens += 1000;
      manifest.totals.rows -= 1;
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
      const r = await curate(ws, 'verify', 'out/tampered-manifest');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`${manifest.shards[0].file}: count.tokens`);
      expect(r.stdout).toContain('manifest.json: count.total_rows');
    });
  });
});
