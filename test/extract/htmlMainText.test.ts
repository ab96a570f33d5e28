import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/htmlMainText.js';

const para = (n: number, topic: string): string =>
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} about ${topic}: the committee met on Tuesday, discussed the budget at length, and agreed, after a long debate, to publish the full report next month.</p>`).join('\n');

/** A typical news page: header, nav, cookie banner, article, share bar, related links, comments, sidebar, footer. */
const NEWS_PAGE = `<!doctype html><html><head><title>Budget report | Example Times</title>
<meta property="og:title" content="Committee agrees to publish budget report"></head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. Accept all cookies</div>
<header class="site-header"><a href="/">Example Times</a><nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="layout">
<main>
<article>
<h1>Committee agrees to publish budget report</h1>
<div class="byline">By Jane Doe, 3 March 2024</div>
${para(4, 'the budget')}
<h2>What happens next</h2>
${para(2, 'the next steps')}
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<section class="related-articles"><h3>Related stories</h3><ul><li><a href="/a">Council raises parking fees again</a></li><li><a href="/b">Mayor opens new library wing</a></li><li><a href="/c">Bus routes change in spring</a></li></ul></section>
<section id="comments" class="comments"><h3>2 comments</h3><div class="comment"><p>Great article, thanks for writing this, I learned a lot today.</p></div></section>
</main>
<aside class="sidebar"><h3>Most read</h3><ol><li><a href="/x">Ten things to do this weekend</a></li><li><a href="/y">Weather warning issued</a></li></ol></aside>
</div>
<footer><p>© 2024 Example Times. All rights reserved. Imprint · Privacy policy</p></footer>
</body></html>`;

describe('extractHtml: boilerplate removal', () => {
  const { title, text } = extractHtml(NEWS_PAGE);

  it('keeps the title, headings and every article paragraph, each as its own paragraph', () => {
    expect(title).toBe('Committee agrees to publish budget report');
    expect(text).toContain('Committee agrees to publish budget report\n\nParagraph 1 about the budget');
    expect(text).toContain('\n\nWhat happens next\n\n');
    for (let i = 1; i <= 4; i++) expect(text).toContain(`Paragraph ${i} about the budget`);
    expect(text).toContain('Paragraph 2 about the next steps');
    expect(text.split('\n\n').filter((p) => p.startsWith('Paragraph')).length).toBe(6);
  });

  it('drops navigation, cookie banner, share bar, related links, comments, sidebar and footer', () => {
    for (const junk of ['Politics', 'Accept all cookies', 'Share on Facebook', 'Council raises parking fees', 'Related stories', 'Great article', 'Most read', 'Weather warning', 'All rights reserved', 'By Jane Doe']) {
      expect(text).not.toContain(junk);
    }
  });

  it('drops hidden elements, scripts and styles', () => {
    const html = `<body><article>${para(3, 'x')}<div style="display:none">secret hidden text</div><p hidden>also hidden</p><script>var tracking = 1;</script><style>.a{color:red}</style></article></body>`;
    const t = extractHtml(html).text;
    expect(t).toContain('Paragraph 3 about x');
    expect(t).not.toMatch(/secret|also hidden|tracking|color:red/);
  });

  it('finds the article among link-dense blocks without any semantic tags', () => {
    const links = Array.from({ length: 30 }, (_, i) => `<a href="/p${i}">Link number ${i}</a>`).join(' | ');
    const html = `<body><div class="top">${links}</div><div class="x1"><div class="x2">${para(5, 'plain divs')}</div></div><div class="bottom">${links}</div></body>`;
    const t = extractHtml(html).text;
    expect(t).toContain('Paragraph 5 about plain divs');
    expect(t).not.toContain('Link number');
  });

  it('prefers the schema.org articleBody and never picks the comment section, even when comments are longer', () => {
    const comments = Array.from({ length: 8 }, (_, i) => `<li class="comment"><div class="comment-content"><p>Comment ${i}: I read this twice, and honestly, I think the author is right about most things, but not all.</p></div></li>`).join('');
    const html = `<body><div class="wrap"><h1>Title</h1><div itemprop="articleBody">${para(2, 'the article')}</div><section class="comments"><ol class="comment-list">${comments}</ol></section></div></body>`;
    const t = extractHtml(html).text;
    expect(t).toContain('Paragraph 2 about the article');
    expect(t).not.toContain('Comment 3');
  });

  it('falls back to the page text when there is no clear article', () => {
    expect(extractHtml('<html><body><div>Just one short line.</div></body></html>').text).toBe('Just one short line.');
  });
});

describe('extractHtml: structure', () => {
  it('puts list items on their own lines', () => {
    const html = `<body><article>${para(2, 'lists')}<ul><li>First point, with some words.</li><li>Second point, with some words.</li></ul>${para(1, 'after')}</article></body>`;
    expect(extractHtml(html).text).toContain('\n\nFirst point, with some words.\nSecond point, with some words.\n\n');
  });

  it('renders table rows one per line with " | " between cells', () => {
    const html = `<body><article>${para(2, 'tables')}<table><thead><tr><th>City</th><th>Population</th></tr></thead><tbody><tr><td>Berlin</td><td>3,850,809</td></tr><tr><td>Hamburg</td><td>1,945,532</td></tr></tbody></table></article></body>`;
    expect(extractHtml(html).text).toContain('City | Population\nBerlin | 3,850,809\nHamburg | 1,945,532');
  });

  it('keeps code blocks verbatim, whitespace included', () => {
    const code = 'def greet(name):\n    if name:\n        return f"hi {name}"\n\treturn None';
    const html = `<body><article>${para(2, 'code')}<pre><code class="language-python">${code.replace(/</g, '&lt;')}</code></pre><p>Inline <code>x  =  1</code> stays inline, as the sentence goes on and on.</p></article></body>`;
    const t = extractHtml(html).text;
    expect(t).toContain(`\n\n${code}\n\n`);
    expect(t).toContain('Inline x = 1 stays inline');
  });

  it('turns <br><br> into paragraph breaks and a single <br> into a line break', () => {
    const html = `<body><div class="post">${'First sentence of a long enough paragraph, with commas, words and more words. '.repeat(3)}<br><br>Second paragraph starts here, and it also goes on for a while, with commas.<br>Same paragraph, next line.</div></body>`;
    const t = extractHtml(html).text;
    expect(t).toMatch(/more words\.\n\nSecond paragraph starts here/);
    expect(t).toContain('with commas.\nSame paragraph, next line.');
  });

  it('decodes entities and collapses whitespace', () => {
    const t = extractHtml(`<body><p>Fish &amp; chips   cost&nbsp;5&euro;\n   today.</p></body>`).text;
    expect(t).toBe('Fish & chips cost 5€ today.');
  });
});

describe('extractHtml: math', () => {
  it('keeps MathJax v2 TeX sources and drops the rendered glyphs', () => {
    const html = `<body><article>${para(2, 'math')}<p>Euler wrote <span class="MathJax_Preview">e^iπ</span><span class="MathJax" id="MathJax-Element-1-Frame">e i π + 1 = 0</span><script type="math/tex" id="MathJax-Element-1">e^{i\\pi}+1=0</script> once.</p><script type="math/tex; mode=display">\\int_0^1 x\\,dx = \\tfrac12</script></article></body>`;
    const t = extractHtml(html).text;
    expect(t).toContain('Euler wrote $e^{i\\pi}+1=0$ once.');
    expect(t).toContain('\n\n$$\\int_0^1 x\\,dx = \\tfrac12$$');
    expect(t).not.toContain('e i π');
  });

  it('uses the TeX annotation of KaTeX output and drops its aria-hidden HTML rendering', () => {
    const html = `<body><article>${para(2, 'katex')}<p>Area is <span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">\\pi r^2</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span>πr2</span></span></span> here.</p></article></body>`;
    expect(extractHtml(html).text).toContain('Area is $\\pi r^2$ here.');
  });

  it('converts presentation MathML without annotation to LaTeX', () => {
    const html = `<body><article>${para(2, 'mathml')}<p>Then <math display="block"><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><msqrt><mi>c</mi></msqrt></mfrac><mo>≤</mo><msub><mi>x</mi><mn>1</mn></msub></math></p></article></body>`;
    expect(extractHtml(html).text).toContain('$$\\frac{a + b}{\\sqrt{c}} \\leq x_1$$');
  });
});

describe('extractHtml: heading permalinks', () => {
  it('drops Sphinx/Markdown permalink anchors but keeps ordinary links', () => {
    const html = `<body><article><h2>8. Errors and Exceptions<a class="headerlink" href="#errors" title="Link to this heading">¶</a></h2>${para(3, 'errors')}<h3 id="x">Syntax<a href="#x">#</a></h3><p>See <a href="/tutorial">the tutorial</a> for the rest, which explains everything in order and at length.</p></article></body>`;
    const text = extractHtml(html).text;
    expect(text).toContain('8. Errors and Exceptions\n');
    expect(text).not.toContain('¶');
    expect(text).toMatch(/Syntax\n/);
    expect(text).toContain('See the tutorial for the rest');
  });
});
