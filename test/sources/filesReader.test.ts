import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesSourceSchema, type FilesSourceConfig } from '../../src/config/sourceSchema.js';
import { FILES_PER_PARTITION, filesReader } from '../../src/sources/filesReader.js';
import { readAll, testEnv } from './testContext.js';

let dir: string;
const cfg = (o: Partial<FilesSourceConfig> = {}): FilesSourceConfig => filesSourceSchema.parse({ id: 'repo', kind: 'files', path: 'tree', license: 'MIT', ...o });

function put(rel: string, content: string | Uint8Array): void {
  const p = join(dir, 'tree', rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'curate-files-'));
  put('README.md', '# Hello\n');
  put('LICENSE', 'MIT License\n\nPermission is hereby granted...');
  put('COPYING.md', 'copying text');
  put('docs/LICENSE', 'nested license is a document');
  put('src/main.py', 'print("hi")\n');
  put('src/lib/util.ts', 'export const x = 1;\n');
  put('src/b.rs', 'fn main() {}\n');
  put('page.html', '<p>hi</p>');
  put('paper.tex', '\\section{A}');
  put('notes.txt', 'plain');
  put('Makefile', 'all:\n');
  put('node_modules/dep/index.js', 'vendored');
  put('vendor/x.go', 'package x');
  put('dist/bundle.js', 'built');
  put('.git/config', 'x');
  put('static/app.min.js', 'a=1');
  put('package-lock.json', '{}');
  put('img.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
  put('big.txt', 'x'.repeat(2000));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('files reader', () => {
  it('yields one record per file in sorted order, keyed by posix relative path, typed by extension', async () => {
    const env = testEnv(dir);
    const recs = await readAll(filesReader, cfg({ max_file_bytes: 1000 }), env);
    expect(recs.map((r) => r.key)).toEqual(['Makefile', 'README.md', 'docs/LICENSE', 'notes.txt', 'page.html', 'paper.tex', 'src/b.rs', 'src/lib/util.ts', 'src/main.py']);
    const by = Object.fromEntries(recs.map((r) => [r.key, r]));
    expect(by['README.md']!.contentType).toBe('markdown');
    expect(by['page.html']!.contentType).toBe('html');
    expect(by['paper.tex']!.contentType).toBe('latex');
    expect(by['notes.txt']!.contentType).toBe('text');
    expect(by['src/main.py']).toMatchObject({ contentType: 'code', programmingLanguage: 'python', url: 'file://repo/src/main.py', source: 'repo', bytes: 12 });
    expect(by['src/lib/util.ts']!.programmingLanguage).toBe('typescript');
    expect(by['src/b.rs']!.programmingLanguage).toBe('rust');
    expect(by['Makefile']!.programmingLanguage).toBe('makefile');
    expect(Buffer.from(by['src/main.py']!.body as Uint8Array).toString()).toBe('print("hi")\n');
    expect(recs.every((r) => r.date === undefined)).toBe(true);
    const reasons = Object.fromEntries(env.rejects.map((r) => [r.url, r.reason]));
    expect(reasons).toEqual({
      'file://repo/big.txt': 'source.too_large',
      'file://repo/img.png': 'source.binary',
      'file://repo/package-lock.json': 'source.generated',
      'file://repo/static/app.min.js': 'source.generated',
    });
  });

  it('exposes root license files instead of yielding them', async () => {
    const lic = await filesReader.licenseFiles!(cfg(), testEnv(dir));
    expect(lic.map((l) => l.file)).toEqual(['COPYING.md', 'LICENSE']);
    expect(lic[1]!.text).toContain('Permission is hereby granted');
  });

  it('honours include/exclude globs and can walk vendored folders when asked', async () => {
    const env = testEnv(dir);
    const py = await readAll(filesReader, cfg({ include: ['**/*.py', '**/*.go'], skip_vendored: false }), env);
    expect(py.map((r) => r.key)).toEqual(['src/main.py', 'vendor/x.go']);
    const noSrc = await readAll(filesReader, cfg({ exclude: ['src/**'] }), testEnv(dir));
    expect(noSrc.some((r) => r.key.startsWith('src/'))).toBe(false);
  });

  it('reads a single file path with its base name as key', async () => {
    const recs = await readAll(filesReader, cfg({ path: join(dir, 'tree', 'src', 'main.py') }), testEnv(dir));
    expect(recs.map((r) => [r.key, r.programmingLanguage])).toEqual([['main.py', 'python']]);
  });

  it('splits many files into stable partitions and reads them identically twice', async () => {
    const many = mkdtempSync(join(tmpdir(), 'curate-many-'));
    for (let i = 0; i < FILES_PER_PARTITION + 10; i++) writeFileSync(join(many, `f${i}.txt`), `file ${i}`);
    const src = cfg({ path: many });
    const env = testEnv(dir);
    const parts = await filesReader.listPartitions(src, env);
    expect(parts.map((p) => p.id)).toEqual(['files-00000', 'files-00001']);
    const second: string[] = [];
    for await (const r of filesReader.read(cfg({ path: many }), parts[1]!, env)) second.push(r.key);
    expect(second).toHaveLength(10);
    const again: string[] = [];
    for await (const r of filesReader.read(cfg({ path: many }), parts[1]!, env)) again.push(r.key);
    expect(again).toEqual(second);
    rmSync(many, { recursive: true, force: true });
  });

  it('throws a source-level error when the path vanished', async () => {
    await expect(filesReader.listPartitions(cfg({ path: 'nope' }), testEnv(dir))).rejects.toThrow(/not found/);
  });
});
