// Writes the shared domain samples as {id,text,license,origin,domain} records, one per line.
// The license field is reduced to its SPDX expression: the source file appends a note in
// parentheses to one LicenseRef (e.g. "LicenseRef-X (Debian: other; permissive)"), which an SPDX
// parser would reject. Usage: node convertSamples.mjs <samples.jsonl> <out.jsonl>
import { readFileSync, writeFileSync } from 'node:fs';

const [from, to] = process.argv.slice(2);
const out = [];
for (const line of readFileSync(from, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line);
  const license = r.license.replace(/\s+\((?!.*\b(OR|AND|WITH)\b)[^()]*\)\s*$/, '').trim();
  out.push(JSON.stringify({ id: r.id, text: r.text, license, origin: r.origin, domain: r.domain }));
}
writeFileSync(to, out.join('\n') + '\n');
