/**
 * Finding 16 (config half): every bad config is one line with file:line — a policy that is a folder,
 * `run <folder>`, a YAML alias bomb, a 300-character source id, "expected a int", 1e400 shown as null,
 * a source that is a FIFO or /dev/zero.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/configError.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { repoRoot } from '../support/cliHarness.js';

const base = (over: Record<string, string> = {}) => {
  const f = { name: 'x', output: 'out/x', policy: 'licenses/permissive.yaml', path: 'data-samples/prose/kjv-bible', id: 'kjv', extra: '', ...over };
  return `name: ${f.name}\noutput: ${f.output}\npolicy: ${f.policy}\nsources:\n  - { id: ${f.id}, kind: files, path: ${f.path}, license: MIT }\nmix: { total_tokens: 1000, domains: { prose: 1 } }\n${f.extra}`;
};

function errorOf(text: string | null, file?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'curate-cfg-'));
  const path = file ?? join(dir, 'c.yaml');
  if (text !== null) writeFileSync(path, text);
  try {
    loadConfig(path, { baseDir: repoRoot });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const msg = (e as Error).message;
    expect(msg.split('\n')).toHaveLength(1);
    return msg;
  }
  throw new Error('expected a ConfigError');
}

describe('config errors name file:line and say what was expected', () => {
  it('a policy path that is a folder', () => {
    expect(errorOf(base({ policy: 'licenses' }))).toMatch(/c\.yaml:3 policy: expected a policy file, got a folder: licenses/);
  });

  it('a config path that is a folder', () => {
    expect(errorOf(null, join(repoRoot, 'configs'))).toMatch(/configs:1 expected a YAML config file, got a folder/);
  });

  it('a YAML alias bomb stops at the alias limit, with its line', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(',')}]`), 'name: x'].join('\n');
    expect(errorOf(bomb)).toMatch(/c\.yaml:2 invalid YAML: .*alias/);
  });

  it('a 300-character source id (it names folders) is refused before any work', () => {
    expect(errorOf(base({ id: 'x'.repeat(300) }))).toMatch(/c\.yaml:5 sources\.0\.id: expected an id of at most 64 characters, got "x+"… \(300 characters\)/);
  });

  it('"expected a whole number", not "expected a int"; bounds in words', () => {
    expect(errorOf(base({ extra: 'ingest: { batch_size: 1.5 }\n' }))).toMatch(/c\.yaml:7 ingest\.batch_size: expected a whole number, got 1\.5$/);
    expect(errorOf(base({ extra: 'ingest: { batch_size: -3 }\n' }))).toMatch(/c\.yaml:7 ingest\.batch_size: expected a number > 0, got -3$/);
  });

  it('1e400 is shown as written, not as null', () => {
    expect(errorOf(base({ extra: 'ingest: { batch_size: 1e400 }\n' }))).toMatch(/c\.yaml:7 ingest\.batch_size: expected a number, got 1e400 \(not a finite number\)$/);
  });

  it('a source that is /dev/zero or a FIFO is refused, not read forever or silently empty', () => {
    expect(errorOf(base({ path: '/dev/zero' }))).toMatch(/c\.yaml:5 sources\.0\.path: expected a file or a folder, got a device: \/dev\/zero/);
    const dir = mkdtempSync(join(tmpdir(), 'curate-fifo-'));
    const fifo = join(dir, 'pipe.jsonl');
    execFileSync('mkfifo', [fifo]);
    expect(existsSync(fifo)).toBe(true);
    expect(errorOf(base({ path: fifo }))).toMatch(/sources\.0\.path: expected a file or a folder, got a named pipe \(FIFO\)/);
  });

  it('an output of /, a system folder, or overlapping a source path is refused (finding 1)', () => {
    expect(errorOf(base({ output: '/' }))).toMatch(/c\.yaml:2 output: "\/" resolves to \/, a folder shared/);
    expect(errorOf(base({ output: '/usr/local/out' }))).toMatch(/c\.yaml:2 output: .*inside the system folder \/usr/);
    expect(errorOf(base({ output: 'data-samples/prose/kjv-bible/out' }))).toMatch(/c\.yaml:2 output: .* lies inside the path of source "kjv" \(.*c\.yaml:5: data-samples\/prose\/kjv-bible\)/);
    expect(errorOf(base({ output: 'data-samples' }))).toMatch(/c\.yaml:2 output: "data-samples" contains the path of source "kjv"/);
    expect(errorOf(base({ output: 'data-samples/prose/kjv-bible' }))).toMatch(/c\.yaml:2 output: .* is the path of source "kjv"/);
    // A parquet source whose files live in the output's shards/ folder.
    const dir = mkdtempSync(join(tmpdir(), 'curate-own-'));
    mkdirSync(join(dir, 'out/x/shards'), { recursive: true });
    const text = base({ output: join(dir, 'out/x') }).replace('kind: files, path: data-samples/prose/kjv-bible', `kind: parquet, path: ${join(dir, 'out/x/shards')}`);
    expect(errorOf(text)).toMatch(/output: .* contains the path of source "kjv"/);
  });
});
