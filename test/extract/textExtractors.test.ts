import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../src/extract/markdownText.js';
import { extractLatex, latexTitle, stripLatexComments } from '../../src/extract/latexText.js';
import { extractCode, extractPlainText } from '../../src/extract/plainText.js';
import { contentTypeFromName, sniffContentType } from '../../src/extract/sniffContentType.js';
import { binaryReason } from '../../src/extract/binarySniff.js';
import { estimateNesting, capNesting } from '../../src/extract/nestingGuard.js';

describe('extractMarkdown', () => {
  const md = [
    '---',
    'title: front matter',
    '---',
    '# Heading *one*',
    'Text with a [link](https://example.org) and ![an image](x.png), **bold**, `code` and snake_case_name.',
    '',
    '- first item',
    '- [x] second item',
    '',
    '| a | b |',
    '|---|:-:|',
    '| 1 | 2 |',
    '',
    '```python',
    'def f():',
    '    return  1',
    '```',
    '',
    '> quoted $x^2$ math',
    '',
    '[ref]: https://example.org',
    '<!-- hidden -->',
  ].join('\n');
  const out = extractMarkdown(md);

  it('drops front matter, link targets, images, comments and emphasis markers', () => {
    expect(out).not.toMatch(/front matter|https:|x\.png|hidden|\*\*|`/);
    expect(out).toContain('Text with a link and , bold, code and snake_case_name.');
  });
  it('keeps headings as paragraphs, list items as lines, tables as rows, code verbatim, math as written', () => {
    expect(out.startsWith('Heading one\n\n')).toBe(true);
    expect(out).toContain('first item\nsecond item');
    expect(out).toContain('a | b\n1 | 2');
    expect(out).toContain('def f():\n    return  1');
    expect(out).toContain('quoted $x^2$ math');
  });
});

describe('extractLatex', () => {
  const tex = String.raw`\documentclass{article}
\usepackage{amsmath} % preamble
\title{On \emph{Things}}
\begin{document}
\maketitle
\section{Intro}\label{sec:intro}
We show that $\frac{a}{b} = c$ holds~\cite{knuth}. % trailing comment
% a whole-line comment
Costs rose 5\% this
year.\footnote{Really.}

Second paragraph.
\begin{equation}
  E = mc^2
\end{equation}
\begin{figure}\includegraphics{x.png}\caption{Figure junk}\end{figure}
\begin{itemize}
\item First \textbf{bold}
\item Second
\end{itemize}
\end{document}`;
  const out = extractLatex(tex);

  it('removes comments and the preamble and keeps text and math', () => {
    expect(out).not.toMatch(/preamble|usepackage|comment|documentclass|knuth|Figure junk|sec:intro/);
    expect(out).toContain('We show that $\\frac{a}{b} = c$ holds.');
    expect(out).toContain('Costs rose 5% this year. (Really.)\n\nSecond paragraph.');
    expect(out).toContain('\\begin{equation}\nE = mc^2\n\\end{equation}');
  });
  it('turns sections into paragraphs and items into lines', () => {
    // The title leads (issue 15: \title as a line), then the first section heading.
    expect(out.startsWith('On Things\n\nIntro\n\n')).toBe(true);
    expect(out).toContain('First bold\nSecond');
  });
  it('reads the title and strips comments without touching \\%', () => {
    expect(latexTitle(tex)).toBe('On Things');
    expect(stripLatexComments('a 5\\% b % c\n% d\ne')).toBe('a 5\\% b \ne');
  });
});

describe('plain text and code', () => {
  it('normalises line endings, control characters and blank-line runs in text', () => {
    expect(extractPlainText('\ufeffa  \r\nb\u0007\n\n\n\nc\t')).toBe('a\nb\n\nc');
  });
  it('keeps code indentation', () => {
    expect(extractCode('\n\nif x:\r\n\t  y = 1   \n\n')).toBe('if x:\n\t  y = 1');
  });
});

describe('sniffing', () => {
  it('maps file names to content types', () => {
    expect(contentTypeFromName('a/page.HTML.gz')).toBe('html');
    expect(contentTypeFromName('paper.tex')).toBe('latex');
    expect(contentTypeFromName('lib.rs')).toBe('code');
    expect(contentTypeFromName('README')).toBeUndefined();
  });
  it('falls back to content signatures', () => {
    expect(sniffContentType(undefined, 'x', '  <!DOCTYPE html><html>')).toBe('html');
    expect(sniffContentType(undefined, 'x', '\\documentclass{article}')).toBe('latex');
    expect(sniffContentType('text/markdown; charset=utf-8', 'x.html', '<p>')).toBe('markdown');
    expect(sniffContentType(undefined, 'x', 'just words')).toBe('text');
  });
  it('recognises binary payloads but not UTF-16 text', () => {
    expect(binaryReason(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toBe('PNG image signature');
    expect(binaryReason(Buffer.from('abc\u0000def'))).toBe('NUL byte at offset 3');
    expect(binaryReason(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toBeUndefined();
    expect(binaryReason(Buffer.from('<p>text</p>'))).toBeUndefined();
  });
});

describe('nesting guard', () => {
  it('estimates depth ignoring void and implicitly closed elements', () => {
    expect(estimateNesting('<div><p>a<p>b<br><img src=x><li>c<div><span>d</span></div></div>')).toBe(3);
  });
  it('removes only the tags beyond the cap and keeps their text', () => {
    const deep = '<div>'.repeat(10) + 'core' + '</div>'.repeat(10) + '<p>tail</p>';
    const capped = capNesting(deep, 4);
    expect(estimateNesting(capped)).toBe(4);
    expect(capped).toBe('<div>'.repeat(4) + 'core' + '</div>'.repeat(4) + '<p>tail</p>');
    expect(capNesting('<div><b>x</b></div>', 4)).toBe('<div><b>x</b></div>');
  });
});
