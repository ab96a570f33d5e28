// Sizes of the example corpus per source and domain: bytes on disk, bytes of text after extraction
// (the project's HTML extractor for .html, the file itself otherwise) and tokens (cl100k_base and the
// bytes/4 estimate). Reads configs/example.yaml for the sources and licenses.
// Usage, from the repo root: npx tsx data-samples/measure.ts [configs/example.yaml]
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config/loadConfig.js';
import { walkSourcePath } from '../src/sources/fileWalk.js';
import { extractHtml } from '../src/extract/htmlMainText.js';
import { countTokens, utf8Length } from '../src/annotate/tokenCounter.js';

const { config } = loadConfig(process.argv[2] ?? 'configs/example.yaml');
const rows: { id: string; domain: string; license: string; files: number; disk: number; text: number; tokens: number }[] = [];
for (const src of config.sources) {
  if (src.kind !== 'files') continue;
  const walk = await walkSourcePath(src.path, { include: src.include, exclude: src.exclude, skipVendored: src.skip_vendored, dot: src.dot });
  let disk = 0, text = 0, tokens = 0;
  for (const f of walk.files) {
    const abs = join(walk.root, f);
    disk += statSync(abs).size;
    const raw = readFileSync(abs, 'utf8');
    const t = /\.html?$/i.test(f) ? extractHtml(raw).text : raw;
    text += utf8Length(t);
    tokens += countTokens(t, { tokenizer: 'cl100k_base' });
  }
  rows.push({ id: src.id, domain: src.domain ?? '?', license: src.license ?? '?', files: walk.files.length, disk, text, tokens });
}
const kb = (n: number) => `${(n / 1000).toFixed(0)} kB`;
console.log('| source | domain | license | files | disk | text | tokens cl100k | tokens bytes/4 |');
console.log('|---|---|---|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.id} | ${r.domain} | ${r.license} | ${r.files} | ${kb(r.disk)} | ${kb(r.text)} | ${r.tokens} | ${Math.round(r.text / 4)} |`);
const denied = new Set(['GPL-3.0-or-later']);
for (const d of ['code', 'prose', 'science']) {
  const rs = rows.filter((r) => r.domain === d && !denied.has(r.license));
  const sum = (k: 'disk' | 'text' | 'tokens') => rs.reduce((s, r) => s + r[k], 0);
  const share = config.mix.domains[d as 'code' | 'prose' | 'science'] * config.mix.total_tokens;
  console.log(`${d} (allowed sources): disk ${kb(sum('disk'))}, text ${kb(sum('text'))}, tokens cl100k ${sum('tokens')}, bytes/4 ${Math.round(sum('text') / 4)}; mix asks ${share}`);
}
