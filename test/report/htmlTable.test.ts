import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escapeHtml.js';
import { htmlTable } from '../../src/report/htmlTable.js';

describe('htmlTable', () => {
  it('escapes every cell and header, right-aligns numbers and adds a footer row', () => {
    const html = htmlTable<{ name: string; n: number }>(
      'my-table',
      [
        { header: 'name <a>', cell: (r) => r.name },
        { header: 'n', cell: (r) => String(r.n), numeric: true },
      ],
      [{ name: '<script>alert("x")</script>', n: 3 }],
      { name: 'total & more', n: 3 },
    );
    expect(html).toContain('<table id="my-table">');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<th scope="col">name &lt;a&gt;</th><th scope="col" class="num">n</th>');
    expect(html).toContain('<td class="num">3</td>');
    expect(html).toContain('<tfoot><tr><th scope="row">total &amp; more</th>');
  });

  it('escapeHtml covers the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
  });
});
