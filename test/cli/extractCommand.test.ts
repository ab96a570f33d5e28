import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { outputName, registerExtractCommand } from '../../src/cli/extractCommand.js';
import { runCommandInProcess, type InProcessResult } from '../support/runCommandInProcess.js';

const PAGE = `<html><head><title>Page</title></head><body><nav><a href="/">Home</a> <a href="/about">About us</a></nav>
<article><h1>Heading</h1>${'<p>Body text of the article, with commas, clauses and a full stop at the end.</p>'.repeat(3)}</article>
<footer>Copyright footer</footer></body></html>`;

let dir: string;

async function run(...args: string[]): Promise<InProcessResult> {
  return runCommandInProcess(registerExtractCommand, args);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'curate-extract-'));
  writeFileSync(path.join(dir, 'a.html'), PAGE);
  writeFileSync(path.join(dir, 'b.html.gz'), gzipSync(Buffer.from(PAGE.replace('Heading', 'Gzipped heading'))));
  writeFileSync(path.join(dir, 'empty.html'), '<html><body><script>x()</script></body></html>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('curate extract', () => {
  it('prints the main text of one page', async () => {
    const r = await run('extract', path.join(dir, 'a.html'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Heading\n\nBody text of the article/);
    expect(r.out).not.toMatch(/Home|About us|Copyright/);
  });

  it('prints JSON with --json, including the URL and charset', async () => {
    const r = await run('extract', '--json', '--url', 'https://example.org/a', path.join(dir, 'b.html.gz'));
    const obj = JSON.parse(r.out.trim());
    expect(obj).toMatchObject({ ok: true, url: 'https://example.org/a', title: 'Page', contentType: 'html', charset: 'utf-8' });
    expect(obj.text).toContain('Gzipped heading');
  });

  it('writes one .txt per input with --out-dir and reports rejects on stderr with exit code 1', async () => {
    const out = path.join(dir, 'out');
    const r = await run('extract', '--out-dir', out, path.join(dir, 'a.html'), path.join(dir, 'b.html.gz'), path.join(dir, 'empty.html'));
    expect(r.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['a.txt', 'b.txt']);
    expect(readFileSync(path.join(out, 'b.txt'), 'utf8')).toContain('Gzipped heading');
    expect(r.err).toContain('empty.html: extract.empty');
    expect(r.out).toContain('2 written');
  });

  it('reports unreadable files and bad numbers', async () => {
    const missing = await run('extract', path.join(dir, 'nope.html'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('extract.unreadable');
    const bad = await run('extract', '--max-bytes', 'lots', path.join(dir, 'a.html'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--max-bytes expects a positive integer');
  });

  it('applies --max-bytes', async () => {
    const r = await run('extract', '--max-bytes', '100', path.join(dir, 'a.html'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('extract.too_large');
  });

  it('names outputs after the input without its extensions', () => {
    expect(outputName('/x/page.html.gz')).toBe('page');
    expect(outputName('notes.md')).toBe('notes');
    expect(outputName('README')).toBe('README');
  });
});
