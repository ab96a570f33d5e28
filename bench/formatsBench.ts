/**
 * Throughput of the non-HTML extractors on the real samples of data-samples/: PDF in pages per
 * CPU-second (pdfjs text layer, layout, running headers), reStructuredText, LaTeX and notebooks in
 * MB per CPU-second. CPU time of this process, so a shared machine does not skew it.
 *
 * Run alone: node --import tsx bench/formatsBench.ts
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { pdfToText } from '../src/extract/pdfText.js';
import { extractRst } from '../src/extract/rstText.js';
import { extractLatex } from '../src/extract/latexText.js';
import { extractNotebook } from '../src/extract/notebookText.js';

const ds = new URL('../data-samples/', import.meta.url);
const read = (rel: string): Buffer => readFileSync(new URL(rel, ds));

/** Units per CPU-second over at least `minMs` of wall time. */
async function perCpuSecond(units: number, fn: () => unknown, minMs = 2000): Promise<number> {
  let done = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  do {
    await fn();
    done += units;
  } while (performance.now() - t0 < minMs);
  const c = process.cpuUsage(c0);
  return done / ((c.user + c.system) / 1e6);
}

export async function benchFormats(): Promise<Record<string, number | string>> {
  const pdf = read('prose/docutils-docs/pdf/policies.pdf');
  const first = await pdfToText(pdf); // loads pdfjs once, outside the measurement
  if (!first.ok) throw new Error(`sample PDF: ${first.reason}`);
  const pages = first.pages;
  const pagesPerS = await perCpuSecond(pages, () => pdfToText(pdf));
  const rst = [read('prose/docutils-docs/rst/quickstart.rst'), read('prose/docutils-docs/rst/tools.rst'), read('science/statsmodels-docs/_sources/statespace.rst.txt')].map((b) => b.toString('utf8'));
  const rstMB = rst.reduce((s, t) => s + Buffer.byteLength(t), 0) / 1e6;
  const tex = read('prose/docutils-docs/latex/introduction.tex').toString('utf8');
  const nb = read('code/nbconvert-docs/nbconvert_library.ipynb').toString('utf8');
  return {
    'formats.pdf_pages_per_cpu_s': Number(pagesPerS.toFixed(1)),
    'formats.pdf_sample': `${pages} pages, two columns, ${(pdf.length / 1e3).toFixed(0)} kB`,
    'formats.rst_MBps': Number((await perCpuSecond(rstMB, () => rst.forEach((t) => extractRst(t)))).toFixed(1)),
    'formats.latex_MBps': Number((await perCpuSecond(Buffer.byteLength(tex) / 1e6, () => extractLatex(tex))).toFixed(1)),
    'formats.ipynb_MBps': Number((await perCpuSecond(Buffer.byteLength(nb) / 1e6, () => extractNotebook(nb))).toFixed(1)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await benchFormats())) console.log(`${k.padEnd(44)} ${v}`);
}
