/**
 * Issue 15: reStructuredText, LaTeX, Jupyter notebooks and PDF on the real files of data-samples
 * (and the reST sources astropy/statsmodels ship), and broken inputs of each kind as reasoned rejects.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RawRecord } from '../../src/core/doc.js';
import { extractRecord } from '../../src/extract/extractRecord.js';
import { preExtract } from '../../src/extract/preExtract.js';
import { extractRst, rstInline } from '../../src/extract/rstText.js';
import { collectMacros, expandMacros, extractLatex } from '../../src/extract/latexText.js';
import { normaliseChars, pdfToText } from '../../src/extract/pdfText.js';
import { fileKind } from '../../src/sources/contentTypeByExtension.js';
import { sniffContentType } from '../../src/extract/sniffContentType.js';
import { encryptedPdf, imageOnlyPdf, textPdf } from '../support/pdfBytes.js';

const DS = new URL('../../data-samples/', import.meta.url);
const bytes = (rel: string): Buffer => readFileSync(new URL(rel, DS));
const rec = (key: string, body: Uint8Array | string): RawRecord => ({
  source: 't',
  key,
  url: '',
  body,
  contentType: fileKind(key).contentType,
  bytes: typeof body === 'string' ? body.length : body.length,
});
/** Extraction as the pipeline runs it: the async pre-extraction step, then the synchronous stage. */
const extract = async (key: string, body: Uint8Array | string) => extractRecord(await preExtract(rec(key, body)));

/** reST markup that must never survive outside code: directives, comments, targets, roles, interpreted text, underlines, substitutions. */
const RST_RESIDUE = [/^\.\. /m, /:[a-z][\w:-]*:`/, /(?<![`$\\])`[^`\n$]+`_{0,2}(?![`$])/, /^([=\-~^"'*+#])\1{3,}$/m, /(?:^|\s)\|[A-Za-z][\w -]*\|(?=\s|$)/m, /\w::$/m];

function proseLines(text: string): string[] {
  // Code blocks and doctests are verbatim by design; look at the prose only.
  return text
    .split('\n\n')
    .filter((b) => !/^(?:>>>|\$\$|\s)/.test(b) && !/^[\w.]+\s*=|import |^def |^class |\(\)$/m.test(b))
    .flatMap((b) => b.split('\n'));
}

describe('content types', () => {
  it('types .rst, .rst.txt, text/x-rst, .ipynb and .pdf', () => {
    expect(fileKind('docs/intro.rst').contentType).toBe('rst');
    expect(fileKind('_sources/units/equivalencies.rst.txt').contentType).toBe('rst');
    expect(fileKind('nb/analysis.ipynb').contentType).toBe('ipynb');
    expect(fileKind('papers/a.pdf').contentType).toBe('pdf');
    expect(sniffContentType('text/x-rst; charset=utf-8', 'x', '')).toBe('rst');
    expect(sniffContentType('application/pdf', 'x', '')).toBe('pdf');
    expect(sniffContentType(undefined, 'https://x.org/a.rst.txt', '')).toBe('rst');
  });
});

describe('reStructuredText (real files)', () => {
  const files = [
    'prose/docutils-docs/rst/quickstart.rst',
    'prose/docutils-docs/rst/tools.rst',
    ...readdirSync(new URL('science/statsmodels-docs/_sources/', DS)).map((f) => `science/statsmodels-docs/_sources/${f}`),
    'science/astropy-docs/_sources/units/equivalencies.rst.txt',
    'science/astropy-docs/_sources/coordinates/index.rst.txt',
    'science/astropy-docs/_sources/modeling/fitting.rst.txt',
  ];

  it('leaves no reST markup in the prose of any sample', async () => {
    // The primer (quickstart) quotes reST markup as its subject matter in inline literals; the others do not.
    for (const f of files.filter((x) => !x.endsWith('quickstart.rst'))) {
      const r = await extract(f, bytes(f));
      expect(r.ok, f).toBe(true);
      if (!r.ok) continue;
      expect(r.contentType).toBe('rst');
      // Lines of literal blocks (`::`) are verbatim by reST's own rules: an output line that is a whole indented source line is one.
      const indented = new Set(bytes(f).toString('utf8').split('\n').filter((l) => /^\s+\S/.test(l)).map((l) => l.trim()));
      for (const line of proseLines(r.text)) {
        if (indented.has(line.trim())) continue;
        for (const re of RST_RESIDUE) expect(line, `${f}: ${re}`).not.toMatch(re);
      }
    }
  });

  it('keeps role texts, drops module/currentmodule/toctree/labels, keeps code blocks and math', async () => {
    const eq = await extract('_sources/units/equivalencies.rst.txt', bytes('science/astropy-docs/_sources/units/equivalencies.rst.txt'));
    expect(eq.ok && eq.text).toContain('passing a list of equivalency pairs to the equivalencies keyword argument of Quantity.to() or Unit.to() methods');
    expect(eq.ok && eq.text).toContain('>>> (0.8 * u.arcsec).to(u.parsec, equivalencies=u.parallax())');
    const opt = extractRst(bytes('science/statsmodels-docs/_sources/optimization.rst.txt').toString('utf8'));
    expect(opt.startsWith('Optimization\n\n')).toBe(true);
    expect(opt).not.toContain('statsmodels.base.optimizer\n');
    const coords = extractRst(bytes('science/astropy-docs/_sources/coordinates/index.rst.txt').toString('utf8'));
    expect(coords).toContain('The best way to start using coordinates is to use the SkyCoord class.');
    const quick = extractRst(bytes('prose/docutils-docs/rst/quickstart.rst').toString('utf8'));
    expect(quick.startsWith('A ReStructuredText Primer\n\nAuthor: Richard Jones')).toBe(true);
  });

  it('reduces roles, references and substitutions to their text', () => {
    expect(rstInline(':func:`~a.b.len` and :ref:`the guide <label>` and :math:`x^2`')).toBe('len and the guide and $x^2$');
    expect(rstInline('see `Python <https://python.org>`_ and PEP_ and ``code`` [1]_.')).toBe('see Python and PEP and code.');
    const src = '.. |rst| replace:: reStructuredText\n\nTitle\n=====\n\nWe write |rst|.\n\n.. note:: Careful\n   here.\n\n.. versionadded:: 1.2\n   The option.\n\n.. toctree::\n   :maxdepth: 2\n\n   intro\n\n.. code-block:: python\n   :linenos:\n\n   x = 1\n';
    expect(extractRst(src)).toBe('Title\n\nWe write reStructuredText.\n\nCareful here.\n\nNew in version 1.2: The option.\n\nx = 1');
  });
});

describe('LaTeX paper (the AASTeX 6.31 sample article, a real manuscript source)', () => {
  const out = extractLatex(bytes('science/aastex-sample/sample631.tex').toString('utf8'));

  it('leads with the title and one line of all its authors, then sections as headings', () => {
    expect(out.startsWith('Template AASTeX Article with Examples: v6.31 (Released on March, 1st, 2021)\n\nGreg J. Schwarz, August Muench, Butler Burton, Amy Hendrickson, Julie Steffen, Magaret Donnelly\n\n')).toBe(true);
    expect(out).toMatch(/\n\nIntroduction\n\nLaTeX \(http:\/\/www\.latex-project\.org\/\) is a document markup language/);
    expect(out).toMatch(/\n\nDisplaying mathematics\n\n/);
    expect(out).toMatch(/\n\nAuthor publication charges\n\n/);
  });

  it('expands the preamble\'s macros and TeX logos, keeps math environments, drops preamble, comments and front-matter commands', () => {
    // \aastex is \newcommand\aastex{AAS\TeX}; \latex is La\TeX.
    expect(out).toContain('These early AASTeX versions introduced many common commands');
    expect(out).toContain('LaTeX was written in 1985 by Leslie Lamport who based it on the TeX typesetting language');
    expect(out).toMatch(/\\begin\{equation\}\n[^]*?\\end\{equation\}/);
    expect(out).toMatch(/\\begin\{eqnarray\}[^]*\\gamma\^\\mu/);
    expect(out).not.toMatch(/\\usepackage|\\newcommand\{|^%|\\affiliation|\\section\{|\\author\{|\\title\{|\\cite\{|\\label\{/m);
    expect(out).not.toContain('1667 K Street NW');
  });
});

describe('LaTeX (a real file written by Docutils\' LaTeX writer)', () => {
  const tex = bytes('prose/docutils-docs/latex/introduction.tex').toString('utf8');
  const out = extractLatex(tex);

  it('leads with the title and the author line, then sections as headings', () => {
    expect(out.startsWith('An Introduction to reStructuredText\n\nDavid Goodger, docutils-develop@lists.sourceforge.net\n\n')).toBe(true);
    expect(out).toMatch(/\n\nGoals\n\n/);
    expect(out).toMatch(/\n\nHistory\n\n/);
  });

  it('expands the preamble\'s macros with positional arguments and drops link targets', () => {
    expect(out).toContain('blessed by PythonLabs and the BDFL');
    expect(out).not.toMatch(/footnote-reference|\\DU|\\href|\\hyperlink|providecommand|usepackage|%/);
    expect(out).toContain('This document defines the goals of reStructuredText and provides a history of the project.');
    expect(out).toContain("Python's creator and Benevolent Dictator For Life, Guido van Rossum.");
  });

  it('expands \\newcommand and \\def macros, keeps math', () => {
    const src = '\\documentclass{article}\n\\newcommand{\\R}{\\mathbb{R}}\n\\newcommand{\\pair}[2]{(#1, #2)}\n\\def\\name{Curate}\n\\title{On \\name}\n\\begin{document}\n\\maketitle\n\\section{Intro}\nLet $x \\in \\R$ and \\pair{a}{b}; \\emph{\\name} works.\n\\end{document}';
    const macros = collectMacros(src);
    expect(expandMacros('\\pair{1}{2}', macros)).toBe('(1, 2)');
    expect(extractLatex(src)).toBe('On Curate\n\nIntro\n\nLet $x \\in \\mathbb{R}$ and (a, b); Curate works.');
  });
});

describe('Jupyter notebook (real file)', () => {
  it('gives markdown and code cells in order, code fenced in the kernel language, long outputs dropped', async () => {
    const r = await extract('nbconvert_library.ipynb', bytes('code/nbconvert-docs/nbconvert_library.ipynb'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.contentType).toBe('ipynb');
    expect(r.title).toBe('Using nbconvert as a library');
    const t = r.text;
    expect(t.startsWith('Using nbconvert as a library\n\nIn this notebook, you will be introduced to the programmatic API of nbconvert')).toBe(true);
    const a = t.indexOf('```python\nfrom urllib.request import urlopen');
    const b = t.indexOf('```python\nimport nbformat');
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    // A short text result is kept; image data and HTML outputs are not.
    expect(t).toContain("'{\\n \"cells\": [\\n  {\\n   \"cell_type\": \"markdown\",\\n   \"metadata\": ...'");
    expect(t).not.toMatch(/image\/png|iVBORw0KGgo|data:image/);
  });
});

describe('PDF (a real two-column file with a running header and page numbers)', () => {
  it('reads columns in order, drops the running header and page numbers, joins hyphenated words', async () => {
    const r = await pdfToText(bytes('prose/docutils-docs/pdf/policies.pdf'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.pages).toBe(4);
    expect(r.title).toBe('Docutils Project Policies');
    const t = r.text;
    expect(t.startsWith('Docutils Project Policies\n\n')).toBe(true);
    expect(t).not.toContain('— Docutils documentation');
    expect(t).not.toMatch(/^\d+$/m);
    // Column order: a sentence that runs down the left column, then the right one, stays whole and in order.
    expect(t).toContain('We reject: kings, presidents, and voting. We believe in: rough consensus and running code.');
    const i = t.indexOf('Python Coding Conventions\n\n');
    const j = t.indexOf('Documentation Conventions\n\n');
    const k = t.indexOf('Copyrights and Licensing\n\n');
    expect(i).toBeGreaterThan(0);
    expect(j).toBeGreaterThan(i);
    expect(k).toBeGreaterThan(j);
    expect(t).not.toMatch(/[a-z]- [a-z]/);
  });

  it('goes through the pipeline\'s pre-extraction step into extractRecord as contentType pdf', async () => {
    const r = await extract('pdf/policies.pdf', bytes('prose/docutils-docs/pdf/policies.pdf'));
    expect(r.ok && r.contentType).toBe('pdf');
    const small = await extract('a.pdf', textPdf(['A sentence with a hyphen-', 'ated word across lines.']));
    expect(small.ok && small.text).toBe('A sentence with a hyphenated word across lines.');
    expect(normaliseChars('ﬁnal ﬂow, eﬃcient, soft\u00adhyphen')).toBe('final flow, efficient, softhyphen');
  });
});

describe('broken inputs end as rejects with reasons', () => {
  it('notebooks', async () => {
    const bad = await extract('broken.ipynb', '{"cells": [ {"cell_type": "code", "source": ');
    expect(bad).toMatchObject({ ok: false, reason: 'extract.ipynb_invalid' });
    expect(await extract('list.ipynb', '[1, 2]')).toMatchObject({ ok: false, reason: 'extract.ipynb_invalid' });
    expect(await extract('nocells.ipynb', '{"nbformat": 4, "metadata": {}}')).toMatchObject({ ok: false, reason: 'extract.ipynb_invalid' });
  });

  it('PDFs: encrypted, image-only, corrupt, truncated', async () => {
    expect(await extract('locked.pdf', encryptedPdf())).toMatchObject({ ok: false, reason: 'extract.pdf_encrypted' });
    expect(await extract('scan.pdf', imageOnlyPdf())).toMatchObject({ ok: false, reason: 'extract.pdf_no_text' });
    expect(await extract('junk.pdf', Buffer.from('%PDF-1.4\n' + 'garbage '.repeat(100)))).toMatchObject({ ok: false, reason: 'extract.pdf_corrupt' });
    expect(await extract('cut.pdf', bytes('prose/docutils-docs/pdf/policies.pdf').subarray(0, 2000))).toMatchObject({ ok: false, reason: 'extract.pdf_corrupt' });
    // Recognised by its signature even without a name or content type.
    expect(await extractRecord(await preExtract({ source: 't', key: '', url: '', body: imageOnlyPdf(), bytes: 1 }))).toMatchObject({ ok: false, reason: 'extract.pdf_no_text' });
  });

  it('reST and LaTeX that are binary noise are rejected as binary', async () => {
    const noise = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256));
    expect(await extract('x.rst', noise)).toMatchObject({ ok: false, reason: 'extract.binary' });
    expect(await extract('x.tex', noise)).toMatchObject({ ok: false, reason: 'extract.binary' });
    expect(await extract('empty.rst', '.. toctree::\n   :maxdepth: 2\n\n   intro\n')).toMatchObject({ ok: false, reason: 'extract.empty' });
  });
});
