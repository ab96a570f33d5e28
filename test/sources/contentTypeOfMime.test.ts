import { describe, expect, it } from 'vitest';
import { contentTypeOfMime } from '../../src/sources/warcReader.js';

// WARC and HTTP records: each format reaches its own extractor, whether the server names it or only the URL does.
describe('contentTypeOfMime', () => {
  it('maps the MIME types of reST, notebooks and PDF to their content types', () => {
    expect(contentTypeOfMime('text/x-rst; charset=utf-8')).toBe('rst');
    expect(contentTypeOfMime('application/x-ipynb+json')).toBe('ipynb');
    expect(contentTypeOfMime('application/pdf')).toBe('pdf');
    expect(contentTypeOfMime('text/html')).toBe('html');
  });

  it('reads the URL name when the server says text/plain, octet-stream or nothing', () => {
    expect(contentTypeOfMime('text/plain', 'https://docs.example.org/_sources/intro.rst.txt')).toBe('rst');
    expect(contentTypeOfMime('text/plain', 'https://example.org/paper.tex?x=1')).toBe('latex');
    expect(contentTypeOfMime('application/octet-stream', 'https://example.org/a.ipynb')).toBe('ipynb');
    expect(contentTypeOfMime(undefined, 'https://example.org/README.md')).toBe('markdown');
    expect(contentTypeOfMime('text/plain', 'https://example.org/notes.txt')).toBe('text');
    // The server's word wins over the name.
    expect(contentTypeOfMime('text/html', 'https://example.org/page.rst')).toBe('html');
  });
});
