import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryableStatus, retryAfterMs } from '../../src/sources/http/retryPolicy.js';
import { hostAllowed } from '../../src/sources/http/urlList.js';
import { dechunk, mediaTypeAllowed, parseHttpResponse } from '../../src/sources/httpMessage.js';
import { fileKind } from '../../src/sources/contentTypeByExtension.js';
import { generatedByName } from '../../src/sources/generatedFile.js';

describe('retry policy', () => {
  it('retries 429 and 5xx only', () => {
    expect([200, 301, 404, 429, 500, 503, 599].map(isRetryableStatus)).toEqual([false, false, false, true, true, true, true]);
  });
  it('backs off exponentially with equal jitter under a cap', () => {
    expect(backoffMs(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffMs(3, 100, 10_000, () => 1)).toBe(800);
    expect(backoffMs(20, 100, 10_000, () => 1)).toBe(10_000);
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('hosts and media types', () => {
  it('matches allowed hosts exactly or by *. wildcard', () => {
    expect(hostAllowed('docs.example.org', ['*.example.org'])).toBe(true);
    expect(hostAllowed('example.org', ['*.example.org'])).toBe(true);
    expect(hostAllowed('badexample.org', ['*.example.org'])).toBe(false);
    expect(hostAllowed('Example.ORG', ['example.org'])).toBe(true);
  });
  it('matches media types with parameters and wildcards', () => {
    expect(mediaTypeAllowed('text/html; charset=utf-8', ['text/html'])).toBe(true);
    expect(mediaTypeAllowed('text/plain', ['text/*'])).toBe(true);
    expect(mediaTypeAllowed('image/png', ['text/*'])).toBe(false);
    expect(mediaTypeAllowed(undefined, ['text/html'])).toBe(false);
  });
});

describe('stored HTTP messages', () => {
  it('de-chunks valid chunking and refuses broken chunking', () => {
    expect(dechunk(Buffer.from('5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n'))!.toString()).toBe('hello world');
    expect(dechunk(Buffer.from('<html>not chunked</html>'))).toBeUndefined();
  });
  it('parses status, headers and a gzip body', async () => {
    const { gzipSync } = await import('node:zlib');
    const block = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n'), gzipSync('<p>x</p>')]);
    const m = parseHttpResponse(block)!;
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toBe('text/html');
    expect(m.body.toString()).toBe('<p>x</p>');
    expect(parseHttpResponse(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toBeUndefined();
  });
});

describe('file names', () => {
  it('types files by extension and names the programming language', () => {
    expect(fileKind('a/b.HTM')).toEqual({ contentType: 'html' });
    expect(fileKind('x.rst')).toEqual({ contentType: 'rst' });
    expect(fileKind('_sources/angles.rst.txt')).toEqual({ contentType: 'rst' });
    expect(fileKind('x.cpp')).toEqual({ contentType: 'code', programmingLanguage: 'cpp' });
    expect(fileKind('bin/run.sh')).toEqual({ contentType: 'code', programmingLanguage: 'shell' });
    expect(fileKind('lib/Foo.pm')).toEqual({ contentType: 'code', programmingLanguage: 'perl' });
    expect(fileKind('Dockerfile')).toEqual({ contentType: 'code', programmingLanguage: 'dockerfile' });
    expect(fileKind('.bashrc')).toEqual({ contentType: 'text' });
    expect(fileKind('notes')).toEqual({ contentType: 'text' });
  });
  it('knows generated files by name', () => {
    expect(generatedByName('web/yarn.lock')).toBe('lockfile');
    expect(generatedByName('a/jquery.min.js')).toBe('minified');
    expect(generatedByName('a/app.js')).toBeUndefined();
  });
});
