/**
 * Finding 4 of issue 13: an `SPDX-License-Identifier: MIT` line above a full GPL-3.0 text was
 * taken as MIT (score 1), by `curate license detect` and by a `license: detect` source. A tag the
 * text contradicts now fails closed: 'unknown', with the text's license as the closest id.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLicense } from '../../src/license/detectLicenseText.js';
import { curate, workspace } from '../support/cliHarness.js';

const spdx = createRequire(import.meta.url)('spdx-license-list/full') as Record<string, { licenseText: string }>;
const GPL3 = spdx['GPL-3.0-only']!.licenseText;
const MIT = spdx.MIT!.licenseText.replace('<year> <copyright holders>', '2024 Jane Doe');

describe('an SPDX tag that contradicts the license text below it', () => {
  it('is unknown, naming the text license and the conflict', () => {
    const d = detectLicense(`SPDX-License-Identifier: MIT\n\n${GPL3}`);
    expect(d.license).toBe('unknown');
    expect(d.method).toBe('identifier');
    expect(d.runnerUp?.license).toBe('GPL-3.0-only');
    expect(d.difference).toMatch(/SPDX-License-Identifier: MIT contradicts the license text below it \(GPL-3\.0-only/);
  });

  it('stands when the text agrees (an equivalent id included) or when there is no license text', () => {
    expect(detectLicense(`SPDX-License-Identifier: MIT\n\n${MIT}`)).toMatchObject({ license: 'MIT', method: 'identifier' });
    expect(detectLicense(`// SPDX-License-Identifier: GPL-3.0-or-later\n${GPL3}`)).toMatchObject({ license: 'GPL-3.0-or-later' });
    expect(detectLicense(`SPDX-License-Identifier: MIT OR Apache-2.0\n\n${MIT}`)).toMatchObject({ license: 'MIT OR Apache-2.0' });
    expect(detectLicense('// SPDX-License-Identifier: MIT\nexport const answer = 42;\n')).toMatchObject({ license: 'MIT', score: 1 });
  });

  it('is unknown above a modified license text', () => {
    const modified = MIT.replace('to deal in the Software without restriction', 'to deal in the Software for non-commercial purposes only');
    const d = detectLicense(`SPDX-License-Identifier: MIT\n\n${modified}`);
    expect(d.license).toBe('unknown');
    expect(d.variantOf).toBe('MIT');
  });

  it('`curate license detect` answers unknown (exit 1) and a `license: detect` source is excluded', async () => {
    const ws = workspace();
    const repo = join(ws, 'repos', 'tagged');
    mkdirSync(repo, { recursive: true });
    writeFileSync(join(repo, 'LICENSE'), `SPDX-License-Identifier: MIT\n\n${GPL3}`);
    writeFileSync(join(repo, 'queue.py'), '"""A FIFO queue."""\n\nclass Queue:\n    def __init__(self):\n        self.items = []\n\n    def push(self, item):\n        self.items.append(item)\n\n    def pop(self):\n        return self.items.pop(0)\n');
    const det = await curate(ws, ['license', 'detect', join(repo, 'LICENSE'), '--json']);
    expect(det.code).toBe(1);
    expect(JSON.parse(det.stdout)).toMatchObject({ license: 'unknown', runnerUp: { license: 'GPL-3.0-only' } });

    writeFileSync(
      join(ws, 'configs', 'tag.yaml'),
      `name: tag\noutput: out/tag\npolicy: licenses/open.yaml\nsources:\n  - { id: tagged, kind: files, path: repos/tagged, license: detect }\n  - { id: kjv-bible, kind: files, path: data-samples/prose/kjv-bible, license: LicenseRef-Public-Domain, exclude: ["**/SOURCE.md", "**/LICENSE"] }\nmix:\n  total_tokens: 50000\n  domains: { code: 0.5, prose: 0.5, science: 0 }\n`,
    );
    const r = await curate(ws, ['run', 'configs/tag.yaml', '--workers', '1', '--quiet']);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(ws, 'out/tag/manifest.json'), 'utf8'));
    const tagged = manifest.sources.find((s: { id: string }) => s.id === 'tagged');
    expect(tagged).toMatchObject({ status: 'excluded', reason: 'license.unknown' });
    expect(tagged.docs.records).toBe(0);
  }, 120_000);
});
