/**
 * Finding 16 (run half): a run writing 0 shards exited 0 without a word. Now it is an error
 * (exit 1) naming why, after writing stats.json and the manifest so the reasons can be read.
 * A FIFO inside a files source never blocks the run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curate, workspace } from '../support/cliHarness.js';
import { kjvTexts, tinyConfig, writeTinyDump } from './hardeningFixtures.js';

describe('no silent empty run', () => {
  it('a run whose only source the policy excludes exits 1 with the reason', async () => {
    const ws = workspace({ 'empty.yaml': tinyConfig('empty', { license: 'GPL-3.0-only' }) });
    writeTinyDump(ws);
    const r = await curate(ws, ['run', 'configs/empty.yaml', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/curate run: error: no document reached the shards \(0 shard\(s\), 0 rows\); sources excluded by license: bible; see stats\.json and report\.html/);
    expect(existsSync(join(ws, 'out/empty/stats.json'))).toBe(true);
  }, 120_000);

  it('a FIFO inside a files source is not read (the run does not hang) and the other files are', async () => {
    const ws = workspace();
    mkdirSync(join(ws, 'tree'));
    writeFileSync(join(ws, 'tree/a.txt'), kjvTexts(1)[0]!);
    execFileSync('mkfifo', [join(ws, 'tree/pipe.txt')]);
    writeFileSync(join(ws, 'configs/fifo.yaml'), tinyConfig('fifo').replace(/kind: jsonl, path: dump, id_field: id,/, 'kind: files, path: tree,'));
    const r = await curate(ws, ['run', 'configs/fifo.yaml', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/in shards 1 docs/);
  }, 120_000);
});
