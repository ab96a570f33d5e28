/**
 * The PII stage inside `curate run`: placeholders in the shards (read back by DuckDB), spans in the
 * `pii` column, tagged spans left in place, a `reject` type sending its documents to rejects, and
 * the per-source counts in stats.json, manifest.json, MANIFEST.md and report.html.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../../src/io/parquetFile.js';
import { curate } from '../support/cliHarness.js';
import { cpSync } from 'node:fs';

const filler =
  'The committee met on Tuesday to review the budget for the coming year, and the members agreed that the library should open two more evenings each week. ' +
  'Several residents asked how they could volunteer, and the chair explained that forms are available at the front desk of the main building. ';

const pem = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAr5k1q0Zx9Yt3Ls7Mv2Nw8Kp4Rr6Tt1Uu', '-----END RSA PRIVATE KEY-----'].join('\n');
const docs = [
  { id: 'a', text: `${filler}Questions go to maria.lopez@gmail.com or, for the press, to press@example.com. ${filler}` },
  { id: 'b', text: `${filler}The archive server moved to 93.184.216.34 last spring; call (415) 555-0132 if it is down. ${filler}` },
  { id: 'c', text: `${filler}Deployment notes follow.\n${pem}\n${filler}` },
];

async function query(sql: string): Promise<unknown[][]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  return (await con.runAndReadAll(sql)).getRows() as unknown[][];
}

describe('pii stage in a run', () => {
  it('replaces, tags and rejects per type, and counts per source', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'curate-pii-'));
    cpSync(join(import.meta.dirname, '../../licenses'), join(ws, 'licenses'), { recursive: true });
    writeFileSync(join(ws, 'notes.jsonl'), `${docs.map((d) => JSON.stringify(d)).join('\n')}\n`);
    writeFileSync(
      join(ws, 'pii.yaml'),
      `name: piirun
output: out
policy: licenses/permissive.yaml
sources:
  - { id: notes, kind: jsonl, path: notes.jsonl, id_field: id, license: CC0-1.0, domain: prose }
pii:
  actions: { phone: tag, private_key: reject }
dedup: { near: false }
mix:
  total_tokens: 2000
  domains: { code: 0, prose: 1, science: 0 }
`,
    );
    const r = await curate(ws, ['run', 'pii.yaml', '--workers', '1', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const shard = join(ws, 'out/shards', readdirSync(join(ws, 'out/shards')).find((f) => f.endsWith('.parquet'))!);
    const rows = (await query(`SELECT doc_id, text, pii::VARCHAR FROM read_parquet('${shard}') ORDER BY doc_id`)) as [string, string, string | null][];
    expect(await query(`SELECT DISTINCT json_type(pii) FROM read_parquet('${shard}')`)).toEqual([['ARRAY']]);
    const texts = rows.map((x) => x[1]).join('\n');
    expect(rows).toHaveLength(2); // c was rejected
    expect(texts).toContain('Questions go to <EMAIL> or, for the press, to press@example.com.');
    expect(texts).toContain('moved to <IP_ADDRESS> last spring; call (415) 555-0132 if');
    expect(texts).not.toMatch(/maria|93\.184|PRIVATE KEY/);
    for (const [, text, pii] of rows) {
      const spans = (pii ? JSON.parse(pii) : []) as { type: string; start: number; end: number }[];
      for (const s of spans) {
        const v = text.slice(s.start, s.end);
        if (s.type === 'phone') expect(v).toBe('(415) 555-0132');
        else expect(v).toMatch(/^<[A-Z_]+>$/);
      }
    }
    const spansOf = rows.map((x) => (x[2] ? JSON.parse(x[2]).map((s: { type: string }) => s.type) : []));
    expect(spansOf.map((x: string[]) => x.join(',')).sort()).toEqual(['email', 'ipv4,phone']);

    const rejects = await readParquet(join(ws, 'out/rejects/notes', readdirSync(join(ws, 'out/rejects/notes'))[0]!));
    expect(rejects.map((x) => [x.reason, x.stage])).toEqual([['pii.private_key', 'pii']]);
    expect(String(rejects[0]!.detail)).not.toContain('MIIE');

    const stats = JSON.parse(readFileSync(join(ws, 'out/stats.json'), 'utf8'));
    expect(stats.pii.sources.notes).toEqual({ documents: 2, found: { email: 1, ipv4: 1, phone: 1 }, rejected: { private_key: 1 } });
    expect(stats.sources.notes.rejected_by_reason).toEqual({ 'pii.private_key': 1 });
    const manifest = JSON.parse(readFileSync(join(ws, 'out/manifest.json'), 'utf8'));
    expect(manifest.pii.totals.found).toEqual({ email: 1, ipv4: 1, phone: 1 });
    expect(manifest.pii.actions).toEqual({ phone: 'tag', private_key: 'reject' });
    const md = readFileSync(join(ws, 'out/MANIFEST.md'), 'utf8');
    expect(md).toContain('## Personal data and secrets');
    expect(md).toMatch(/\| notes \| 2 \| 1 \| 1 \| 1 \| 0 \(\+1 docs rejected\) \|/);
    const html = readFileSync(join(ws, 'out/report.html'), 'utf8');
    expect(html).toContain('<section id="pii">');
    expect(html).toMatch(/<table id="pii-table">[\s\S]*<th scope="row">notes<\/th><td class="num">2<\/td>/);
  }, 120_000);
});
