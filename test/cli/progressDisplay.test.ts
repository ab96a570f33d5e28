/**
 * The progress display as a user sees it: through a real pseudo-terminal (util-linux `script`),
 * as plain lines when stderr is a pipe, and as JSON with --log-format json.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { curate, curateBin, workspace } from '../support/cliHarness.js';

const exec = promisify(execFile);

const TINY = `name: tiny
output: out/tiny
policy: licenses/permissive.yaml
sources:
  - { id: jargon-file, kind: files, path: data-samples/prose/jargon-file, license: LicenseRef-Public-Domain, domain: prose, exclude: ["**/SOURCE.md", "**/LICENSE"] }
  - { id: devils-dictionary, kind: files, path: data-samples/prose/devils-dictionary, license: LicenseRef-Public-Domain, domain: prose, exclude: ["**/SOURCE.md", "**/LICENSE"] }
mix:
  total_tokens: 20000
  domains: { prose: 1 }
  seed: 1
`;

// Progress on (the harness turns it off by default), one line a second at most when not on a terminal.
const SHOW = { CURATE_PROGRESS: '1', CURATE_PROGRESS_INTERVAL: '1' };

describe('progress display', () => {
  let ws: string;
  beforeAll(() => {
    ws = workspace({ 'tiny.yaml': TINY });
  });

  it('writes plain lines when stderr is not a terminal, and a resumed ingest says what it reused', async () => {
    const r = await curate(ws, ['ingest', 'configs/tiny.yaml', '--workers', '1'], SHOW);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/\x1b\[|\r/); // no terminal control codes in a log
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^ingest jargon-file\/files-00000: \d+ records, \d+ kept, \d+ rejected$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ingest tiny: 2\/2 partitions, \d+ records, [\d.]+ [KM]?B, [\d.]+ rec\/s, .*\/s, \d+ rejected, \d+ s/));
    const again = await curate(ws, ['ingest', 'configs/tiny.yaml', '--workers', '1'], SHOW);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^ingest tiny: reused 2 partition\(s\) done by an earlier run \(\d+ records, \d+ staged\); nothing left to read$/m);
    expect(again.stderr).not.toMatch(/0 records, 0 B, 0\.0 rec\/s/);
  });

  it('--log-format json writes one JSON object per line, progress events included', async () => {
    const dir = workspace({ 'tiny.yaml': TINY });
    const r = await curate(dir, ['--log-format', 'json', 'run', 'configs/tiny.yaml', '--workers', '1'], SHOW);
    expect(r.code, r.stderr).toBe(0);
    const events = r.stderr.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.every((e) => typeof e.time === 'string' && typeof e.level === 'string')).toBe(true);
    expect(events).toContainEqual(expect.objectContaining({ event: 'progress', label: 'ingest tiny', unit: 'partitions', value: 2, total: 2, done: true }));
    expect(events).toContainEqual(expect.objectContaining({ msg: expect.stringMatching(/^ingest jargon-file\/files-00000: /) }));
    expect(events.some((e) => e.event === 'progress' && String(e.label).startsWith('mix tiny'))).toBe(true);
    const bad = await curate(dir, ['--log-format', 'xml', 'run', 'configs/tiny.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('curate: --log-format: expected text or json, got "xml"\n');
  });

  const SCRIPT = '/usr/bin/script';
  if (!existsSync(SCRIPT)) console.warn(`progressDisplay.test.ts: terminal test skipped: ${SCRIPT} (util-linux) is absent`);
  it.skipIf(!existsSync(SCRIPT))('draws bars with totals, MB/s and ETA on a terminal, log lines above them, never glued', async () => {
    const dir = workspace({ 'tiny.yaml': TINY });
    const typescript = join(dir, 'tty.log');
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(curateBin)} run configs/tiny.yaml --workers 1`;
    await exec(SCRIPT, ['-qfc', cmd, typescript], { cwd: dir, env: { ...process.env, ...SHOW, COLUMNS: '160' } });
    const out = readFileSync(typescript, 'utf8');
    expect(out).toMatch(/ingest tiny \[[█░]+\] +\d+% \d\/2 partitions \| \d+ records \| [\d.]+ [KM]?B \| [\d.]+ MB\/s \| \d+ rejected \| ETA/);
    expect(out).toMatch(/dedup tiny: load \[[█░]+\]/);
    expect(out).toMatch(/mix tiny \[[█░]+\]/);
    // Each log line starts on a fresh line: after a newline or after the bar line was erased (ESC[2K).
    for (const m of out.matchAll(/ingest (jargon-file|devils-dictionary)\/files-00000: /g)) {
      const before = out.slice(Math.max(0, m.index! - 4), m.index);
      expect(before, JSON.stringify(out.slice(Math.max(0, m.index! - 60), m.index! + 40))).toMatch(/(\x1b\[2K|\n)$/);
    }
    expect(out).toMatch(/curate run tiny: done in/);
  });
});
