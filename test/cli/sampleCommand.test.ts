import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeParquet } from '../../src/io/parquetFile.js';
import { REJECT_COLUMNS } from '../../src/pipeline/schemas.js';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerSampleCommand } from '../../src/cli/sampleCommand.js';
import { fixtureRows, writeFixtureRun } from '../report/shardFixture.js';

/** Runs `curate sample ...` in-process through a fresh program and captures stdout, stderr and the exit code. */
async function sample(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command('curate').exitOverride();
  registerSampleCommand(program);
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => ((stdout += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((stderr += s), true)) as typeof process.stderr.write;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'curate', 'sample', ...args]);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  return { code: Number(process.exitCode ?? 0), stdout, stderr };
}

describe('curate sample', () => {
  let run: string;
  beforeAll(() => {
    run = writeFixtureRun(fixtureRows(120), 2);
    // Rejects as ingest writes them: two sources, three reasons, quality rejects with their text head.
    const reasons = ['quality.gopher.word_count', 'quality.gopher_repetition.dup_line_frac', 'extract.empty'];
    for (const source of ['alpha', 'beta']) {
      mkdirSync(join(run, 'rejects', source), { recursive: true });
      const rows = Array.from({ length: 30 }, (_, i) => {
        const reason = reasons[i % 3]!;
        return { id: `${source}/r${i}`, source, url: `https://x.test/${source}/${i}`, reason, detail: `detail ${i}`, stage: reason.split('.')[0], text_head: reason.startsWith('quality') ? `Head of ${source}/r${i}\n${'word '.repeat(50)}` : '' };
      });
      writeParquet(join(run, 'rejects', source, 'files-00000-chunk-00000.parquet'), REJECT_COLUMNS, rows, { rowGroupRows: 8 });
    }
  });
  afterAll(() => rmSync(run, { recursive: true, force: true }));
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('--json prints one parseable object per line with every shard column but signals', async () => {
    const r = await sample(run, '--json', '--n', '7', '--seed', '11');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(7);
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const row of rows) {
      for (const c of ['id', 'doc_id', 'text', 'domain', 'source', 'url', 'license', 'lang', 'quality', 'tokens']) expect(row).toHaveProperty(c);
      expect(row).not.toHaveProperty('signals');
    }
    const withSignals = (await sample(run, '--json', '--n', '7', '--seed', '11', '--signals')).stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(withSignals.map((x) => x.id)).toEqual(rows.map((x) => x.id));
    expect(typeof withSignals[0].signals).toBe('object');
  });

  it('is deterministic for a seed and applies the filters', async () => {
    const a = await sample(run, '--json', '--n', '5', '--seed', '3', '--domain', 'code', '--min-quality', '2');
    const b = await sample(run, '--json', '--n', '5', '--seed', '3', '--domain', 'code', '--min-quality', '2');
    expect(a.stdout).toBe(b.stdout);
    const rows = a.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows.length).toBe(5);
    for (const row of rows) {
      expect(row.domain).toBe('code');
      expect(row.quality).toBeGreaterThanOrEqual(2);
    }
    const other = await sample(run, '--json', '--n', '5', '--seed', '4', '--domain', 'code', '--min-quality', '2');
    expect(other.stdout).not.toBe(a.stdout);
    const src = (await sample(run, '--json', '--n', '50', '--source', 'gamma')).stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(src.length).toBe(30);
    expect(new Set(src.map((x) => x.source))).toEqual(new Set(['gamma']));
  });

  it('prints a readable block per document: id, source, license, domain, quality and the first lines of text', async () => {
    const r = await sample(run, '--n', '3', '--seed', '11');
    expect(r.code).toBe(0);
    const json = (await sample(run, '--json', '--n', '3', '--seed', '11')).stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    const blocks = r.stdout.trimEnd().split('\n\n');
    expect(blocks.length).toBe(3);
    for (let i = 0; i < 3; i++) {
      const [head, ...text] = blocks[i]!.split('\n');
      expect(head).toContain(`#${i + 1} ${json[i].id}`);
      expect(head).toContain(`source=${json[i].source}`);
      expect(head).toContain(`license=${json[i].license}`);
      expect(head).toContain(`domain=${json[i].domain}`);
      expect(head).toContain(`quality=${json[i].quality.toFixed(2)}`);
      expect(text[0]).toBe(`    Title line of ${json[i].id}`);
      expect(text.length).toBe(5); // four lines and "… N more lines"
      expect(text[4]).toMatch(/^ {4}… 1 more line$/);
    }
    expect(r.stdout).not.toContain('\x1b['); // no colour when stdout is not a terminal
  });

  it('--rejects samples rejected records, filtered by a reason glob, with their text head', async () => {
    const r = await sample(run, '--rejects', '--reason', 'quality.gopher.*', '--n', '50', '--json');
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows.length).toBe(20); // 10 per source; gopher_repetition does not match quality.gopher.*
    for (const row of rows) {
      expect(row.reason).toBe('quality.gopher.word_count');
      expect(row.text_head).toBe(`Head of ${row.id}\n${'word '.repeat(50)}`);
    }
    expect((await sample(run, '--rejects', '--reason', 'quality.gopher.*', '--n', '50', '--json')).stdout).toBe(r.stdout);
    const beta = (await sample(run, '--rejects', '--source', 'beta', '--reason', 'extract.*', '--n', '3', '--json')).stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(beta.map((x) => [x.source, x.reason])).toEqual(Array(3).fill(['beta', 'extract.empty']));
    const text = await sample(run, '--rejects', '--reason', 'quality.gopher.word_count', '--n', '1');
    expect(text.stdout).toMatch(/^#1 \S+ {2}source=\w+ stage=quality url=\S+\n {4}quality\.gopher\.word_count {2}detail \d+\n {4}\| Head of /);
    const none = await sample(run, '--rejects', '--reason', 'license.*');
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/no reject matches these filters; reasons in this run: .*quality\.gopher\.word_count \(20\)/);
  });

  it('exits 2 with one line on a bad flag or a folder that is not a run', async () => {
    for (const args of [[run, '--n', 'ten'], [run, '--seed', '1.5'], [run, '--min-quality', 'high'], ['/nonexistent/out'], [run, '--domain', 'sciense'], [run, '--reason', 'quality.*']]) {
      const r = await sample(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n').length).toBe(1);
      expect(r.stderr).toMatch(/^curate sample: /);
    }
  });
});
