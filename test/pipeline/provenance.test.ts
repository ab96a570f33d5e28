/**
 * Provenance legal can sign (issue 16), through the real CLI: declared licenses checked against
 * the source's license files (warning; exclusion under `evidence: strict`), a GPL-headed file in
 * an MIT tree decided on its own, `license: detect` with include globs that miss LICENSE, opt-out
 * lists (URL prefix, domain, id, text hash) with `curate optout check` and `verify`, attribution.
 */
import { appendFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readParquet } from '../../src/io/parquetFile.js';
import { docId } from '../../src/core/docId.js';
import { curate, workspace } from '../support/cliHarness.js';

const spdx = createRequire(import.meta.url)('spdx-license-list/full') as Record<string, { licenseText: string }>;

const QUEUE_PY = `"""A small FIFO queue, explained step by step."""\n\nclass Queue:\n    """First in, first out."""\n\n    def __init__(self):\n        self.items = []\n\n    def push(self, item):\n        """Add an item at the back."""\n        self.items.append(item)\n\n    def pop(self):\n        """Remove and return the item at the front."""\n        return self.items.pop(0)\n\n\nif __name__ == "__main__":\n    q = Queue()\n    q.push(1)\n    q.push(2)\n    assert q.pop() == 1\n`;
const STACK_PY = `"""A small LIFO stack with a bounded size."""\n\nclass Stack:\n    """Last in, first out, never more than limit items."""\n\n    def __init__(self, limit=10):\n        self.items = []\n        self.limit = limit\n\n    def push(self, item):\n        """Add an item on top; refuse when full."""\n        if len(self.items) >= self.limit:\n            raise OverflowError("stack is full")\n        self.items.append(item)\n\n    def pop(self):\n        """Remove and return the top item."""\n        return self.items.pop()\n\n\nif __name__ == "__main__":\n    s = Stack(2)\n    s.push(1)\n    s.push(2)\n    assert s.pop() == 2\n`;
const WORDS_PY = `"""Count the words of a text file and print the most common ones."""\n\nimport collections\nimport sys\n\n\ndef words(path):\n    """Yield the lower-cased words of a file, one at a time."""\n    with open(path, encoding="utf-8") as f:\n        for line in f:\n            for w in line.split():\n                yield w.strip(".,;:!?").lower()\n\n\ndef main(path, n=10):\n    """Print the n most common words with their counts."""\n    counts = collections.Counter(w for w in words(path) if w)\n    for word, count in counts.most_common(n):\n        print(f"{count:6d} {word}")\n\n\nif __name__ == "__main__":\n    main(sys.argv[1])\n`;
const GPL_HEADER = `# Copyright (C) 2019 Jane Roe\n#\n# This program is free software; you can redistribute it and/or modify\n# it under the terms of the GNU General Public License as published by\n# the Free Software Foundation; either version 2 of the License, or\n# (at your option) any later version.\n#\n# This program is distributed in the hope that it will be useful,\n# but WITHOUT ANY WARRANTY; without even the implied warranty of\n# MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the\n# GNU General Public License for more details.\n\n`;

const asJson = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;
type Src = { id: string; status: string; reason: string | null; evidence_check?: { status: string; detail: string; files: { file: string; license?: string; sha256: string }[] }; docs: { in_shards: number } };

describe('provenance: evidence, file headers, opt-outs, attribution', () => {
  let ws: string;
  const docs = ['https://a.example.org/public/1', 'https://a.example.org/private/2', 'https://b.example.org/3', 'https://c.example.net/4', 'https://c.example.net/5', 'https://c.example.net/6'];
  let runA: Awaited<ReturnType<typeof curate>>;

  const config = (name: string, extra: string, policy = 'licenses/permissive.yaml') => `name: ${name}
output: out/${name}
policy: ${policy}
${extra}sources:
  - { id: mit-tree, kind: files, path: repos/mit-tree, license: MIT }
  - { id: apache-declared-mit, kind: files, path: repos/apache-tree, license: MIT }
  - { id: detect-include, kind: files, path: repos/detect-tree, license: detect, include: ["src/**/*.py"] }
  - { id: web, kind: jsonl, path: dumps/web.jsonl, license: CC-BY-4.0, id_field: id, url_field: url, version: "2024-05-01", upstream_url: "{url}" }
mix:
  total_tokens: 10000000
  domains: { code: 0.3, prose: 0.7, science: 0 }
  max_epochs: 1
`;

  beforeAll(async () => {
    ws = workspace();
    const repo = (name: string, files: Record<string, string>) => {
      for (const [f, text] of Object.entries(files)) {
        mkdirSync(join(ws, 'repos', name, f, '..'), { recursive: true });
        writeFileSync(join(ws, 'repos', name, f), text);
      }
    };
    const mit = spdx.MIT!.licenseText.replace('<year> <copyright holders>', '2024 Jane Doe');
    repo('mit-tree', { LICENSE: mit, 'queue.py': QUEUE_PY, 'gpl_stack.py': GPL_HEADER + STACK_PY, 'lib/util.js': `// SPDX-License-Identifier: MIT\n// Copyright (c) 2023 Jane Doe\nexport function clamp(x, lo, hi) {\n  // keep x inside [lo, hi]\n  if (x < lo) return lo;\n  if (x > hi) return hi;\n  return x;\n}\n\nexport function lerp(a, b, t) {\n  // linear interpolation between a and b\n  return a + (b - a) * t;\n}\n` });
    repo('apache-tree', { LICENSE: spdx['Apache-2.0']!.licenseText, NOTICE: 'Apache Widgets\nCopyright 2020 The Widget Authors\n', 'stack.py': STACK_PY.replace('LIFO', 'last-in-first-out') });
    repo('detect-tree', { LICENSE: mit, 'src/words.py': WORDS_PY });
    const kjv = join(ws, 'data-samples/prose/kjv-bible');
    const chapters = readdirSync(kjv).filter((f) => f.endsWith('.txt')).sort().slice(0, docs.length);
    mkdirSync(join(ws, 'dumps'), { recursive: true });
    writeFileSync(join(ws, 'dumps/web.jsonl'), docs.map((url, i) => JSON.stringify({ id: `doc-${i + 1}`, url, text: readFileSync(join(kjv, chapters[i]!), 'utf8') })).join('\n') + '\n');
    writeFileSync(join(ws, 'configs/a.yaml'), config('a', ''));
    writeFileSync(join(ws, 'licenses/strict.yaml'), `${readFileSync(join(ws, 'licenses/permissive.yaml'), 'utf8').replace(/^name: permissive$/m, 'name: strict')}\nevidence: strict\n`);
    runA = await curate(ws, ['run', 'configs/a.yaml', '--workers', '1']);
  }, 300_000);

  it('warns about a declared license its LICENSE file contradicts, in the run output and the manifest', () => {
    expect(runA.stderr).not.toMatch(/curate: /);
    expect(runA.code).toBe(0);
    expect(runA.stderr).toMatch(/license\.declared_mismatch: source apache-declared-mit: declared MIT, but LICENSE: Apache-2\.0/);
    const m = JSON.parse(readFileSync(join(ws, 'out/a/manifest.json'), 'utf8'));
    const s = m.sources.find((x: Src) => x.id === 'apache-declared-mit') as Src;
    expect(s.status).toBe('allowed');
    expect(s.evidence_check!.status).toBe('mismatch');
    const lic = s.evidence_check!.files.find((f) => f.file === 'LICENSE')!;
    expect(lic.license).toBe('Apache-2.0');
    expect(lic.sha256).toBe(createHash('sha256').update(spdx['Apache-2.0']!.licenseText).digest('hex'));
    expect(s.evidence_check!.files.map((f) => f.file)).toContain('NOTICE');
    expect((m.sources.find((x: Src) => x.id === 'mit-tree') as Src).evidence_check!.status).toBe('match');
    expect(readFileSync(join(ws, 'out/a/MANIFEST.md'), 'utf8')).toMatch(/declared_mismatch[\s\S]*apache-declared-mit/);
  });

  it('finds LICENSE for `license: detect` although the include globs do not match it', () => {
    const m = JSON.parse(readFileSync(join(ws, 'out/a/manifest.json'), 'utf8'));
    const s = m.sources.find((x: Src) => x.id === 'detect-include');
    expect(s.status).toBe('allowed');
    expect(s.license).toBe('MIT');
    expect(s.docs.in_shards).toBe(1);
  });

  it('excludes a GPL-headed file inside an MIT tree under the permissive policy, with its header as evidence', async () => {
    const rejects = readdirSync(join(ws, 'out/a/rejects/mit-tree')).filter((f) => f.endsWith('.parquet'));
    const rows = (await Promise.all(rejects.map((f) => readParquet(join(ws, 'out/a/rejects/mit-tree', f))))).flat();
    const gpl = rows.find((r) => (r.url as string).endsWith('gpl_stack.py'))!;
    expect(gpl.reason).toBe('license.not_allowed');
    expect(gpl.stage).toBe('license');
    expect(gpl.detail).toMatch(/GPL-2\.0-or-later/);
    expect(gpl.detail).toMatch(/GNU General Public License/);
    const shards = readdirSync(join(ws, 'out/a/shards'));
    const inShards = (await Promise.all(shards.map((f) => readParquet(join(ws, 'out/a/shards', f), { columns: ['source', 'url', 'license', 'license_evidence', 'source_version', 'upstream_url'] })))).flat();
    const queue = inShards.find((r) => (r.url as string).endsWith('/queue.py'))!;
    expect(queue.license).toBe('MIT');
    expect(asJson(queue.license_evidence)).toMatchObject({ kind: 'declared', file: 'LICENSE', detected: 'MIT' });
    const util = inShards.find((r) => (r.url as string).endsWith('/util.js'))!;
    expect(asJson(util.license_evidence).holders).toEqual([{ holder: 'Jane Doe', years: '2023' }]);
    const web = inShards.find((r) => r.source === 'web')!;
    expect(web.source_version).toBe('2024-05-01');
    expect(web.upstream_url).toMatch(/^https:\/\/[abc]\.example\.(org|net)\//);
  });

  it('writes ATTRIBUTION.md with holders, rows, the NOTICE verbatim and full license texts', () => {
    const a = readFileSync(join(ws, 'out/a/ATTRIBUTION.md'), 'utf8');
    expect(a).toMatch(/Copyright 2023-2024 Jane Doe — covers mit-tree \(2 rows\)/);
    expect(a).toContain('Apache Widgets\nCopyright 2020 The Widget Authors');
    expect(a).toContain('Permission is hereby granted, free of charge');
    expect(a).toContain('Attribution 4.0 International');
    const per = JSON.parse(readFileSync(join(ws, 'out/a/attribution/apache-declared-mit.json'), 'utf8'));
    expect(per.notices[0].file).toBe('NOTICE');
  });

  it('writes a dataset card with Hugging Face front matter and Croissant 1.0 metadata', async () => {
    const m = JSON.parse(readFileSync(join(ws, 'out/a/manifest.json'), 'utf8'));
    const card = readFileSync(join(ws, 'out/a/README.md'), 'utf8');
    const fm = /^---\n([\s\S]*?)\n---\n/.exec(card)!;
    const meta = parseYaml(fm[1]!);
    expect(meta.license).toBe('other');
    expect(meta.license_name).toContain('CC-BY-4.0');
    expect(meta.language).toEqual(['en']);
    expect(meta.size_categories).toEqual(['n<1K']);
    expect(meta.configs).toEqual([{ config_name: 'default', data_files: [{ split: 'train', path: 'shards/*.parquet' }] }]);
    for (const h of ['## Sources', '## Licenses', '## Filtering', '## Deduplication', '## Mix', '## Known limitations']) expect(card).toContain(h);
    expect(card).toMatch(/apache-declared-mit: the declared license is contradicted/);

    const cr = JSON.parse(readFileSync(join(ws, 'out/a/croissant.json'), 'utf8'));
    expect(cr['@context']).toMatchObject({ '@vocab': 'https://schema.org/', cr: 'http://mlcommons.org/croissant/' });
    expect(cr['@type']).toBe('sc:Dataset');
    expect(cr.conformsTo).toBe('http://mlcommons.org/croissant/1.0');
    for (const k of ['name', 'description', 'license', 'url']) expect(cr[k]).toBeTruthy();
    expect(cr.license).toContain('https://spdx.org/licenses/MIT.html');
    const files = cr.distribution.filter((d: { '@type': string }) => d['@type'] === 'cr:FileObject');
    expect(files.map((f: { contentUrl: string; sha256: string }) => [f.contentUrl, f.sha256])).toEqual(m.shards.map((s: { file: string; sha256: string }) => [s.file, s.sha256]));
    for (const f of files) for (const k of ['@id', 'name', 'contentUrl', 'encodingFormat', 'sha256']) expect(f[k]).toBeTruthy();
    const set = cr.distribution.find((d: { '@type': string }) => d['@type'] === 'cr:FileSet');
    expect(set).toMatchObject({ '@id': 'shards', includes: 'shards/*.parquet', encodingFormat: 'application/x-parquet' });
    const [rs] = cr.recordSet;
    expect(rs['@type']).toBe('cr:RecordSet');
    const columns = Object.keys((await readParquet(join(ws, 'out/a', m.shards[0].file)))[0]!);
    expect(rs.field.map((f: { name: string }) => f.name).sort()).toEqual(columns.sort());
    for (const f of rs.field) {
      expect(f['@type']).toBe('cr:Field');
      expect(f.dataType).toMatch(/^sc:(Text|Integer|Float|Boolean)$/);
      expect(f.source).toEqual({ fileSet: { '@id': 'shards' }, extract: { column: f.name } });
    }
    expect(rs.field.find((f: { name: string }) => f.name === 'tokens').dataType).toBe('sc:Integer');
  });

  it('excludes the contradicted source under `evidence: strict`; opt-out lists remove documents and are checked', async () => {
    // The list is built from run A's shards: a URL prefix, a domain, an id and a text hash.
    const rowsA = (await Promise.all(readdirSync(join(ws, 'out/a/shards')).map((f) => readParquet(join(ws, 'out/a/shards', f), { columns: ['doc_id', 'url', 'text'] })))).flat();
    const doc6 = rowsA.find((r) => r.url === docs[5])!;
    writeFileSync(
      join(ws, 'optout.txt'),
      `# takedowns\nhttps://a.example.org/private/\ndomain:b.example.org\nid:${docId('web', 'doc-4')}\nsha256:${createHash('sha256').update(doc6.text as string).digest('hex')}\n`,
    );
    const before = await curate(ws, ['optout', 'check', 'optout.txt', 'out/a']);
    expect(before.code).toBe(1);
    for (const key of ['doc-2', 'doc-3', 'doc-4', 'doc-6']) expect(before.stdout).toContain(docId('web', key));
    expect(before.stdout).not.toContain(docId('web', 'doc-1'));

    writeFileSync(join(ws, 'configs/b.yaml'), config('b', 'optout: [optout.txt]\n', 'licenses/strict.yaml'));
    const b = await curate(ws, ['run', 'configs/b.yaml', '--workers', '1']);
    expect(b.stderr).not.toMatch(/curate: /);
    expect(b.code).toBe(0);
    const m = JSON.parse(readFileSync(join(ws, 'out/b/manifest.json'), 'utf8'));
    const s = m.sources.find((x: Src) => x.id === 'apache-declared-mit');
    expect(s.status).toBe('excluded');
    expect(s.reason).toBe('license.declared_mismatch');
    expect(m.optout).toEqual([{ file: 'optout.txt', sha256: createHash('sha256').update(readFileSync(join(ws, 'optout.txt'))).digest('hex'), rules: 4, matched: { web: 4 } }]);
    expect(m.sources.find((x: Src) => x.id === 'web').rejected_by_reason['license.opted_out']).toBe(4);
    expect(readFileSync(join(ws, 'out/b/MANIFEST.md'), 'utf8')).toMatch(/optout\.txt/);

    const after = await curate(ws, ['optout', 'check', 'optout.txt', 'out/b']);
    expect(after.stdout).toMatch(/OK/);
    expect(after.code).toBe(0);
    const verify = await curate(ws, ['verify', 'out/b']);
    expect(verify.stdout).toMatch(/OK/);
    expect(verify.code).toBe(0);
    // A takedown arriving after the run: verify re-reads the list the manifest names and fails.
    appendFileSync(join(ws, 'optout.txt'), `id:${docId('web', 'doc-1')}\n`);
    const late = await curate(ws, ['verify', 'out/b']);
    expect(late.code).toBe(1);
    expect(late.stdout).toMatch(/optout\.changed/);
    expect(late.stdout).toContain(`row.opted_out: row ${docId('web', 'doc-1')}`);
  }, 300_000);
});
