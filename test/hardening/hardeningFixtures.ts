/** Small real inputs for the hardening tests: a JSONL dump of King James Bible chapters (data-samples, public domain). */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/cliHarness.js';

const KJV = join(repoRoot, 'data-samples/prose/kjv-bible');

/** The first n chapters' texts (first 3000 characters each). */
export function kjvTexts(n: number): string[] {
  return readdirSync(KJV)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, n)
    .map((f) => readFileSync(join(KJV, f), 'utf8').slice(0, 3000));
}

export function writeJsonl(file: string, rows: Record<string, unknown>[]): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

/** A one-source config over `dir` (a JSONL folder), small enough to run in seconds. */
export function tinyConfig(name: string, opts: { output?: string; path?: string; license?: string; extraSource?: string; policy?: string; seed?: number } = {}): string {
  return `name: ${name}
output: ${opts.output ?? `out/${name}`}
policy: ${opts.policy ?? 'licenses/permissive.yaml'}
sources:
  - { id: bible, kind: jsonl, path: ${opts.path ?? 'dump'}, id_field: id, license: ${opts.license ?? 'LicenseRef-Public-Domain'}, domain: prose }
${opts.extraSource ?? ''}mix:
  total_tokens: 4000
  domains: { prose: 1 }
  seed: ${opts.seed ?? 1}
shards:
  max_bytes: 8KB
`;
}

/** Writes the tiny dump (n chapters) into `<ws>/dump/part.jsonl`. */
export function writeTinyDump(ws: string, n = 6): void {
  writeJsonl(join(ws, 'dump', 'part.jsonl'), kjvTexts(n).map((text, i) => ({ id: `ch${i}`, text })));
}
