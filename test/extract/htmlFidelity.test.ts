/**
 * Issue 15, HTML: nothing of the main content lost (linked inline code, definition terms, kbd/var/
 * samp/abbr, hidden tab panels, numbered captions), chrome left out (permalinks, [source] links, copy
 * buttons, line-number gutters). Real Sphinx pages from data-samples, plus the constructs other
 * generators emit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/htmlMainText.js';

const page = (rel: string): string => extractHtml(readFileSync(new URL(`../../data-samples/${rel}`, import.meta.url), 'utf8')).text;

/** A documentation page around a fragment: enough prose that the fragment sits inside the main content. */
function docPage(fragment: string): string {
  const prose = '<p>This module provides functions for working with things, in a way that is both simple and complete, and the tutorial below shows how.</p>'.repeat(4);
  return `<html><body><nav><a href="/">Home</a> <a href="/api">API</a></nav><div class="body" role="main"><section id="intro"><h1>Things</h1>${prose}${fragment}${prose}</section></div><footer>© 2024</footer></body></html>`;
}

describe('HTML fidelity on real Sphinx pages (data-samples)', () => {
  it('keeps cross-references whose text is inline code', () => {
    expect(page('science/scipy-docs/tutorial/integrate.html')).toContain('The scipy.integrate sub-package provides several integration techniques');
    const sorting = page('prose/python-docs/howto/sorting.html');
    expect(sorting).toContain('Python lists have a built-in list.sort() method that modifies the list in-place.');
    expect(sorting).toContain('Both list.sort() and sorted() have a key parameter');
    expect(page('science/scipy-docs/tutorial/csgraph.html')).toContain('Compressed Sparse Graph Routines (scipy.sparse.csgraph)');
  });

  it('leaves heading permalinks out', () => {
    const t = page('prose/python-docs/howto/sorting.html');
    expect(t).not.toContain('¶');
    expect(t).toMatch(/^Sorting Basics$/m);
  });

  it('keeps API signatures (dt), their linked type annotations and field lists, without [source] links', () => {
    const html = docPage(`<dl class="py function"><dt class="sig sig-object py" id="requests.cookies.cookiejar_from_dict">
<span class="sig-prename descclassname"><span class="pre">requests.cookies.</span></span><span class="sig-name descname"><span class="pre">cookiejar_from_dict</span></span><span class="sig-paren">(</span><em class="sig-param"><span class="n"><span class="pre">value</span></span><span class="p"><span class="pre">:</span></span><span class="w"> </span><span class="n"><a class="reference external" href="https://docs.python.org/3/library/stdtypes.html#str"><span class="pre">str</span></a></span></em><span class="sig-paren">)</span><a class="reference internal" href="_modules/requests/cookies.html"><span class="viewcode-link"><span class="pre">[source]</span></span></a><a class="headerlink" href="#requests.cookies.cookiejar_from_dict" title="Permalink to this definition">¶</a></dt>
<dd><p>Returns a CookieJar from a key/value dictionary.</p>
<dl class="field-list simple"><dt class="field-odd">Parameters<span class="colon">:</span></dt>
<dd class="field-odd"><ul class="simple"><li><p><strong>cj</strong> (<a class="reference external" href="https://x/typing.Optional"><em>Optional</em></a><em>[</em><a class="reference internal" href="#CookieJar"><em>CookieJar</em></a><em>]</em>) – </p></li></ul></dd></dl></dd></dl>`);
    const t = extractHtml(html).text;
    expect(t).toContain('requests.cookies.cookiejar_from_dict(value: str)');
    expect(t).toContain('Parameters:');
    expect(t).toContain('cj (Optional[CookieJar]) –');
    expect(t).not.toContain('[source]');
    expect(t).not.toContain('¶');
  });

  it('keeps a section whose id is the slug of its own heading even when the id is a furniture word', () => {
    const html = docPage(`<section id="cookies"><span id="api-cookies"></span><h2>Cookies<a class="headerlink" href="#cookies">¶</a></h2><p>Cookies are sent back to the server, and <code class="docutils literal"><span class="pre">Session.cookies</span></code> holds them.</p></section>
<section class="comments" id="comments"><h2>Leave a comment</h2><p>Name, email, website, all of it required, please.</p></section>`);
    const t = extractHtml(html).text;
    expect(t).toContain('Cookies are sent back to the server, and Session.cookies holds them.');
    expect(t).not.toContain('Leave a comment');
  });

  it('keeps kbd, var, samp, abbr and linked code in tables; drops copy buttons and line-number gutters', () => {
    const html = docPage(`<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop; set <var>n</var> to the <abbr title="number">no.</abbr> of items; it prints <samp>done</samp>.</p>
<table class="docutils"><tbody><tr><td><p><a class="reference internal" href="#abs"><code class="xref py py-func"><span class="pre">abs()</span></code></a></p></td><td><p><a class="reference internal" href="#map"><code class="xref py py-func"><span class="pre">map()</span></code></a></p></td></tr></tbody></table>
<div class="highlight"><button class="copybtn">Copy</button><table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre>1
2</pre></div></td><td class="code"><pre>def f(x):
    return x + 1</pre></td></tr></table></div>`);
    const t = extractHtml(html).text;
    expect(t).toContain('Press Ctrl+C to stop; set n to the no. of items; it prints done.');
    expect(t).toContain('abs() | map()');
    expect(t).toContain('def f(x):\n    return x + 1');
    expect(t).not.toMatch(/^1\n2$/m);
    expect(t).not.toContain('Copy');
  });

  it('keeps hidden tab panels (the zsh/fish variants) and numbered figure captions, drops photo credits', () => {
    const html = docPage(`<div role="tablist"><button>Bash</button><button>Zsh</button></div>
<div role="tabpanel" id="p1"><p>Add this to <code class="docutils literal"><span class="pre">~/.bashrc</span></code>:</p></div>
<div role="tabpanel" id="p2" hidden="true"><p>Add this to <code class="docutils literal"><span class="pre">~/.zshrc</span></code>:</p></div>
<figure><img src="a.png"><figcaption><span class="caption-number">Fig. 1 </span><span class="caption-text">The integration grid of the solver.</span></figcaption></figure>
<figure><img src="b.jpg"><figcaption>A snowy slope near the village (Photo: A. Person).</figcaption></figure>`);
    const t = extractHtml(html).text;
    expect(t).toContain('Add this to ~/.bashrc:');
    expect(t).toContain('Add this to ~/.zshrc:');
    expect(t).toContain('Fig. 1 The integration grid of the solver.');
    expect(t).not.toContain('snowy slope');
  });

  it('keeps math as LaTeX and pre blocks verbatim with indentation', () => {
    const html = docPage(`<p>The area is <math><semantics><mrow><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">\\pi r^2</annotation></semantics></math> exactly.</p>
<pre>for i in range(3):
        print(i)
</pre>`);
    const t = extractHtml(html).text;
    expect(t).toContain('The area is $\\pi r^2$ exactly.');
    expect(t).toContain('for i in range(3):\n        print(i)');
  });
});
