// Cuts a decompressed dictd .dict file into one file per initial letter of the headwords, at entry
// boundaries taken from the .index file (offsets/lengths are dictd base64 numbers). Bytes are copied
// as they are; nothing is rewritten. Usage: node splitDict.mjs <file.dict> <file.index> <out-dir> <letter-regex>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dictFile, indexFile, outDir, letterRe] = process.argv.slice(2);
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const num = (s) => [...s].reduce((n, c) => n * 64 + B64.indexOf(c), 0);

const dict = readFileSync(dictFile);
const entries = new Map(); // offset -> { len, head }
for (const line of readFileSync(indexFile, 'latin1').split('\n')) {
  if (!line) continue;
  const [head, off, len] = line.split('\t');
  const o = num(off);
  // Several headwords may point at one entry; the first in index order names it.
  if (!entries.has(o)) entries.set(o, { len: num(len), head });
}
const sorted = [...entries.entries()].sort((a, b) => a[0] - b[0]);
const groups = new Map(); // name -> byte ranges [start, end), in file order
for (const [off, { len, head }] of sorted) {
  const first = head.toLowerCase()[0];
  const name = head.startsWith('00database') || head.startsWith('00-database') ? '00-database' : /[a-z]/.test(first) ? first : 'other';
  const ranges = groups.get(name) ?? [];
  const last = ranges.at(-1);
  if (last && last[1] === off) last[1] = off + len;
  else ranges.push([off, off + len]);
  groups.set(name, ranges);
}
mkdirSync(outDir, { recursive: true });
const re = new RegExp(letterRe);
for (const [name, ranges] of groups) {
  if (name !== '00-database' && !re.test(name)) continue;
  writeFileSync(join(outDir, `${name}.txt`), Buffer.concat(ranges.map(([s, e]) => dict.subarray(s, e))));
}
