/**
 * source_version read from the source when the config gives none (issue 16 item 5): a git commit
 * (loose ref, packed-refs, detached HEAD, worktree), the nearest package.json / pyproject.toml /
 * Cargo.toml, a WARC capture's WARC-Date, an http page's fetch date — through the real CLI.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readParquet } from '../../src/io/parquetFile.js';
import { gitCommit, statedVersion, versionOfFile } from '../../src/sources/sourceVersion.js';
import { httpResponseBlock, serializeWarcRecord } from '../../src/sources/warcRecordWriter.js';
import { curate, repoRoot, workspace } from '../support/cliHarness.js';

const hasGit = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasGit) console.warn('skipping the git source_version tests: no git binary on this machine');

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();

function gitRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'curate-git-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'first');
  return dir;
}

describe.skipIf(!hasGit)('the commit checked out, read from .git without git', () => {
  it('follows a loose ref, packed-refs, a detached HEAD and a worktree', () => {
    const dir = gitRepo({ 'a.txt': 'one\n' });
    expect(gitCommit(dir)).toBe(git(dir, 'rev-parse', 'HEAD'));
    writeFileSync(join(dir, 'a.txt'), 'two\n');
    git(dir, 'commit', '-q', '-am', 'second');
    git(dir, 'pack-refs', '--all'); // the branch now lives only in .git/packed-refs
    expect(existsSync(join(dir, '.git/refs/heads/main'))).toBe(false);
    expect(gitCommit(dir)).toBe(git(dir, 'rev-parse', 'HEAD'));
    git(dir, 'checkout', '-q', '--detach', 'HEAD~1');
    expect(gitCommit(dir)).toBe(git(dir, 'rev-parse', 'HEAD'));
    git(dir, 'checkout', '-q', 'main');
    const wt = join(dir, '..', `${dir.split('/').pop()}-wt`);
    git(dir, 'worktree', 'add', '-q', '-b', 'side', wt, 'HEAD~1');
    expect(readFileSync(join(wt, '.git'), 'utf8')).toMatch(/^gitdir: /); // a file, not a folder
    expect(gitCommit(wt)).toBe(git(wt, 'rev-parse', 'HEAD'));
    expect(gitCommit(wt)).not.toBe(gitCommit(dir));
    expect(statedVersion(wt)).toEqual({ version: git(wt, 'rev-parse', 'HEAD'), from: '.git/HEAD' });
  });
});

describe('package versions', () => {
  it("reads package.json, pyproject.toml and Cargo.toml, the nearest folder's first", () => {
    // A real installed package.
    const zod = join(repoRoot, 'node_modules/zod');
    expect(statedVersion(zod)).toEqual({ version: (JSON.parse(readFileSync(join(zod, 'package.json'), 'utf8')) as { version: string }).version, from: 'package.json' });
    const dir = mkdtempSync(join(tmpdir(), 'curate-ver-'));
    const put = (f: string, t: string) => {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), t);
    };
    put('py/pyproject.toml', '[build-system]\nrequires = ["setuptools>=61"]\nversion = "0.0"\n\n[project]\nname = "gyp-next"\nversion = "0.22.2"  # released\n');
    put('poetry/pyproject.toml', '[tool.poetry]\nname = "x"\nversion = \'1.4.0\'\n');
    put('rs/Cargo.toml', '[package]\nname = "serde"\nversion = "1.0.152"\nedition = "2018"\n\n[dependencies]\nversion = "9"\n');
    put('ws/Cargo.toml', '[package]\nname = "member"\nversion.workspace = true\n');
    put('bad/package.json', '{ not json');
    expect(statedVersion(join(dir, 'py'))).toEqual({ version: '0.22.2', from: 'pyproject.toml' });
    expect(statedVersion(join(dir, 'poetry'))?.version).toBe('1.4.0');
    expect(statedVersion(join(dir, 'rs'))).toEqual({ version: '1.0.152', from: 'Cargo.toml' });
    expect(statedVersion(join(dir, 'ws'))).toBeUndefined();
    expect(statedVersion(join(dir, 'bad'))).toBeUndefined();
    put('package.json', '{"name":"bundle","version":"3.0.0"}');
    put('rs/src/lib.rs', 'fn main() {}\n');
    const cache = new Map();
    expect(versionOfFile(dir, 'rs/src/lib.rs', cache)?.version).toBe('1.0.152');
    expect(versionOfFile(dir, 'other/x.txt', cache)?.version).toBe('3.0.0');
    expect(versionOfFile(dir, 'top.txt', cache)?.version).toBe('3.0.0');
  });
});

const CRAWL_DATE = '2024-05-18T01:58:10Z';

describe.skipIf(!hasGit)('source_version in the shards, per document, through the CLI', () => {
  let ws: string;
  let server: Server;
  let rows: Record<string, unknown>[] = [];
  let repoDir = '';

  beforeAll(async () => {
    const kjvDir = join(repoRoot, 'data-samples/prose/kjv-bible');
    const chapters = readdirSync(kjvDir).filter((f) => f.endsWith('.txt')).sort();
    const kjv = (i: number) => readFileSync(join(kjvDir, chapters[i]!), 'utf8');
    server = createServer((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<html><head><title>Page</title></head><body><main>${kjv(6).split('\n\n').map((p) => `<p>${p}</p>`).join('')}</main></body></html>`);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ws = workspace();
    repoDir = join(ws, 'repos/bundle');
    mkdirSync(repoDir, { recursive: true });
    for (const [f, t] of Object.entries({ 'top.txt': kjv(0), 'pkg-a/package.json': '{"name":"pkg-a","version":"2.3.4"}', 'pkg-a/notes.txt': kjv(1) })) {
      mkdirSync(join(repoDir, f, '..'), { recursive: true });
      writeFileSync(join(repoDir, f), t);
    }
    git(repoDir, 'init', '-q');
    git(repoDir, 'add', '.');
    git(repoDir, 'commit', '-q', '-m', 'import');
    mkdirSync(join(ws, 'repos/pinned'), { recursive: true });
    writeFileSync(join(ws, 'repos/pinned/package.json'), '{"version":"0.0.1"}');
    writeFileSync(join(ws, 'repos/pinned/doc.txt'), kjv(2));
    mkdirSync(join(ws, 'crawl'));
    const html = Buffer.from(`<!doctype html><html><head><title>Chapter</title></head><body><article>${kjv(3).split('\n\n').map((p) => `<p>${p}</p>`).join('')}</article></body></html>`);
    writeFileSync(
      join(ws, 'crawl/a.warc.gz'),
      Buffer.concat([
        serializeWarcRecord({ type: 'warcinfo', date: '2024-05-17T00:00:00Z', contentType: 'application/warc-fields', block: Buffer.from('software: test\r\n') }),
        serializeWarcRecord({ type: 'response', date: CRAWL_DATE, targetUri: 'https://a.test/ch', contentType: 'application/http; msgtype=response', block: httpResponseBlock(200, [['Content-Type', 'text/html']], html), payload: html }),
      ]),
    );
    writeFileSync(
      join(ws, 'configs/ver.yaml'),
      `name: ver
output: out/ver
policy: licenses/permissive.yaml
sources:
  - { id: bundle, kind: files, path: repos/bundle, license: CC0-1.0, upstream_url: "https://example.org/r/{version}/{path}" }
  - { id: pinned, kind: files, path: repos/pinned, license: CC0-1.0, version: "9.9" }
  - { id: crawl, kind: warc, path: crawl, license: CC-BY-4.0, domain: prose }
  - { id: web, kind: http, urls: ["${base}/page"], license: CC-BY-4.0 }
quality: { language: { enabled: false }, textbook: { min_score: 0 }, gopher_repetition: { enabled: false }, consensus: { enabled: false } }
mix:
  total_tokens: 10000000
  domains: { code: 0, prose: 1, science: 0 }
  max_epochs: 1
dedup: { near: false }
`,
    );
    const r = await curate(ws, ['run', 'configs/ver.yaml', '--workers', '1', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const dir = join(ws, 'out/ver/shards');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.parquet')).sort()) rows.push(...(await readParquet(join(dir, f))));
  }, 300_000);
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  const row = (url: string) => rows.find((r) => r.url === url);

  it("a files document gets the nearest package version, else the tree's commit; upstream_url uses it", () => {
    const commit = git(repoDir, 'rev-parse', 'HEAD');
    expect(row('file://bundle/top.txt')?.source_version).toBe(commit);
    expect(row('file://bundle/top.txt')?.upstream_url).toBe(`https://example.org/r/${commit}/top.txt`);
    expect(row('file://bundle/pkg-a/notes.txt')?.source_version).toBe('2.3.4');
  });

  it("the config's version wins over the source's", () => {
    expect(row('file://pinned/doc.txt')?.source_version).toBe('9.9');
  });

  it("a WARC capture's version is its WARC-Date; an http page's is the fetch date its archive records", () => {
    expect(row('https://a.test/ch')?.source_version).toBe(new Date(CRAWL_DATE).toISOString());
    const page = rows.find((r) => r.source === 'web')!;
    expect(page).toBeDefined();
    const archive = join(ws, 'out/ver/archive/web');
    const warc = readdirSync(archive).filter((f) => f.endsWith('.warc.gz'))[0]!;
    const text = gunzipSync(readFileSync(join(archive, warc))).toString('latin1');
    const responseDate = /WARC-Type: response\r\n(?:.*\r\n)*?WARC-Date: (\S+)/.exec(text)![1]!;
    expect(page.source_version).toBe(responseDate);
    expect(Number.isNaN(Date.parse(page.source_version as string))).toBe(false);
  });
});
