// Prints a public-domain Docutils HTML page to PDF with Debian's Chromium (playwright-core), in two
// columns with a running header (the title) and a footer with page numbers, so the example run and
// the tests have a real PDF with the layouts PDF extraction must undo. See prose/docutils-docs/SOURCE.md.
//
//   node data-samples/makePdf.mjs <page.html> <out.pdf>
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node data-samples/makePdf.mjs <page.html> <out.pdf>');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(path.resolve(input)).href);
  await page.addStyleTag({ content: 'body { column-count: 2; column-gap: 2em; font-size: 10pt; } h1.title { column-span: all; } div.header, div.footer, hr.header, hr.footer { display: none; }' });
  const title = await page.title();
  await page.pdf({
    path: output,
    format: 'A4',
    margin: { top: '22mm', bottom: '20mm', left: '16mm', right: '16mm' },
    displayHeaderFooter: true,
    headerTemplate: `<div style="font-size:8px;width:100%;text-align:center;">${title.replace(/</g, '&lt;')} — Docutils documentation</div>`,
    footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;"><span class="pageNumber"></span></div>',
  });
} finally {
  await browser.close();
}
