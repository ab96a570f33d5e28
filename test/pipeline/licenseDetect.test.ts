/**
 * `license: detect`: a code tree's LICENSE file decides the source's license, with the file and
 * score as evidence in the staging rows and the manifest; an unrecognisable file excludes it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../../src/io/parquetFile.js';
import { curate, workspace } from '../support/cliHarness.js';

const spdx = createRequire(import.meta.url)('spdx-license-list/full') as Record<string, { licenseText: string }>;

describe('license: detect', () => {
  it('takes the license from the LICENSE file, records the evidence, and fails closed on an unknown file', async () => {
    const ws = workspace();
    const repo = (name: string, license: string) => {
      const dir = join(ws, 'repos', name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'LICENSE'), license);
      writeFileSync(
        join(dir, 'queue.py'),
        `"""A small FIFO queue, explained step by step."""\n\nclass Queue:\n    """First in, first out."""\n\n    def __init__(self):\n        self.items = []\n\n    def push(self, item):\n        """Add an item at the back."""\n        self.items.append(item)\n\n    def pop(self):\n        """Remove and return the item at the front."""\n        return self.items.pop(0)\n\n\nif __name__ == "__main__":\n    q = Queue()\n    q.push(1)\n    q.push(2)\n    assert q.pop() == 1\n`,
      );
    };
    repo('mit-repo', spdx.MIT!.licenseText.replace('<year> <copyright holders>', '2024 Jane Doe'));
    repo('mystery-repo', 'All rights reserved. Ask us before you use this.\n');
    writeFileSync(
      join(ws, 'configs', 'detect.yaml'),
      `name: detect
output: out/detect
policy: licenses/permissive.yaml
sources:
  - { id: mit-repo, kind: files, path: repos/mit-repo, license: detect }
  - { id: mystery-repo, kind: files, path: repos/mystery-repo, license: detect }
mix:
  total_tokens: 100000
  domains: { code: 1, prose: 0, science: 0 }
`,
    );
    const r = await curate(ws, ['run', 'configs/detect.yaml', '--workers', '1', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(ws, 'out/detect/manifest.json'), 'utf8'));
    const mit = manifest.sources.find((s: { id: string }) => s.id === 'mit-repo');
    expect(mit.status).toBe('allowed');
    expect(mit.license).toBe('MIT');
    expect(mit.evidence).toMatchObject({ kind: 'detected', file: 'LICENSE' });
    expect(mit.evidence.score).toBeGreaterThan(0.9);
    expect(mit.docs.in_shards).toBe(1);
    const mystery = manifest.sources.find((s: { id: string }) => s.id === 'mystery-repo');
    expect(mystery.status).toBe('excluded');
    expect(mystery.reason).toBe('license.unknown');
    expect(mystery.docs.records).toBe(0);
    const staged = await readParquet(join(ws, 'out/detect/staging/mit-repo/files-00000/chunk-00000.parquet'), { columns: ['license', 'license_evidence'] });
    expect(staged[0]!.license).toBe('MIT');
    expect(staged[0]!.license_evidence).toMatchObject({ kind: 'detected', file: 'LICENSE' });
    expect(readFileSync(join(ws, 'out/detect/MANIFEST.md'), 'utf8')).toMatch(/mit-repo: MIT from LICENSE, similarity/);
  });
});
