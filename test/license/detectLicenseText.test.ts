import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { detectLicense } from '../../src/license/detectLicenseText.js';

/**
 * Fixtures are made from the SPDX reference texts shipped by spdx-license-list (CC0-1.0
 * packaging; each text is its steward's, used here as reference data) and altered the way real
 * LICENSE files differ: copyright lines, reflowed lines, markdown headings and bullets.
 */
const full: Record<string, { licenseText: string }> = createRequire(import.meta.url)('spdx-license-list/full');
const ref = (id: string) => full[id]!.licenseText;

/** Re-wraps paragraphs at another width, as editors do. */
function reflow(text: string, width: number): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => {
      const words = p.split(/\s+/).filter(Boolean);
      const lines: string[] = [];
      let line = '';
      for (const w of words) {
        if (line && line.length + w.length + 1 > width) {
          lines.push(line);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      if (line) lines.push(line);
      return lines.join('\n');
    })
    .join('\n\n');
}

const README = `# fast-widget

[![build](https://example.com/badge.svg)](https://example.com/ci)

A tiny library for parsing widget descriptions into objects. It has no dependencies and
works in Node and browsers.

## Install

    npm install fast-widget

## Usage

\`\`\`js
import { parse } from 'fast-widget';
const w = parse('gear: 3, color: red');
\`\`\`

## Options

- \`strict\`: throw on unknown keys
- \`defaults\`: values for missing keys

## License

MIT © Jane Doe
`;

const CHANGELOG = `# Changelog

## 2.1.0 - 2024-03-02
### Added
- \`strict\` option to reject unknown keys.
### Fixed
- Parsing of empty values no longer throws (#41).

## 2.0.0 - 2023-11-20
### Changed
- Dropped Node 14. The default export is now ESM only.
`;

describe('detectLicense', () => {
  it('identifies a real-world MIT file: copyright line, reflowed text, markdown heading', () => {
    const text = `# The MIT License (MIT)\n\n${reflow(ref('MIT').replace(/^MIT License\s*/, '').replace('<year> <copyright holders>', '2016-2024 Jane Doe <jane@example.com>'), 72)}`;
    const d = detectLicense(text);
    expect(d.license).toBe('MIT');
    expect(d.score).toBeGreaterThan(0.9);
    expect(d.runnerUp).toBeDefined();
  });

  it('tells ISC from 0BSD (the same text but for the notice clause)', () => {
    const isc = `ISC License\n\nCopyright (c) 2019, Jane Doe\n\n${reflow(ref('0BSD').replace(/^Copyright.*\n/, '').replace('is hereby granted.', 'is hereby granted, provided that the above copyright notice and this permission notice appear in all copies.'), 80)}`;
    expect(detectLicense(isc).license).toBe('ISC');
    const zero = ref('0BSD').replace('YEAR by AUTHOR EMAIL', '2021 by Jo Bloggs <jo@example.org>');
    expect(detectLicense(zero).license).toBe('0BSD');
  });

  it('tells MIT from MIT-0', () => {
    const mit0 = reflow(ref('MIT-0').replace('<YEAR> <COPYRIGHT HOLDER>', '2020 Amazon.com, Inc. or its affiliates'), 78);
    expect(detectLicense(mit0).license).toBe('MIT-0');
  });

  it('tells BSD-2-Clause from BSD-3-Clause, with markdown bullets', () => {
    const bullets = (t: string) => t.replace(/^(\d)\. /gm, '* ').replace('<year> <owner>', '2012, Acme Corp');
    const bsd3 = bullets(ref('BSD-3-Clause')).replace('the copyright holder nor', 'Acme Corp nor');
    const bsd2 = bullets(ref('BSD-2-Clause'));
    expect(detectLicense(bsd3).license).toBe('BSD-3-Clause');
    expect(detectLicense(bsd2).license).toBe('BSD-2-Clause');
  });

  it('identifies Apache-2.0 with or without the appendix, and the header notice alone', () => {
    const t = ref('Apache-2.0');
    const noAppendix = t.slice(0, t.indexOf('END OF TERMS AND CONDITIONS') + 27);
    expect(detectLicense(t).license).toBe('Apache-2.0');
    expect(detectLicense(noAppendix).license).toBe('Apache-2.0');
    const header = `Copyright 2020 Example Ltd.\n\n${t.slice(t.indexOf('Licensed under the Apache License'))}`;
    expect(detectLicense(header)).toMatchObject({ license: 'Apache-2.0', method: 'notice' });
  });

  it('reads GNU notices for version and "or later"', () => {
    const later = `Copyright (C) 2020 Jo\n\nThis program is free software: you can redistribute it and/or modify\nit under the terms of the GNU General Public License as published by\nthe Free Software Foundation, either version 3 of the License, or\n(at your option) any later version.\n\nOn Debian systems, the complete text can be found in /usr/share/common-licenses/GPL-3.`;
    expect(detectLicense(later).license).toBe('GPL-3.0-or-later');
    const only = 'This library is free software; you can redistribute it and/or modify it under the terms of the GNU Lesser General Public License version 2.1 as published by the Free Software Foundation.';
    expect(detectLicense(only).license).toBe('LGPL-2.1-only');
  });

  it('reads Apache notices in other wordings, but not inside a longer README', () => {
    const notice = 'Licensed under the Apache License 2.0 (the "License").  You may not use this file except in compliance with the License.  You can obtain a copy in the file LICENSE in the source distribution.';
    expect(detectLicense(notice)).toMatchObject({ license: 'Apache-2.0', method: 'notice' });
    expect(detectLicense(`${README}\n${'More prose about the widget and its many options. '.repeat(20)}\n${notice}`).license).toBe('unknown');
  });

  it('names the narrower id for a full GNU text and lists the equivalent ones', () => {
    const d = detectLicense(ref('GPL-2.0-only'));
    expect(d.license).toBe('GPL-2.0-only');
    expect(d.equivalents).toContain('GPL-2.0-or-later');
  });

  it('answers unknown for a README and a changelog', () => {
    expect(detectLicense(README).license).toBe('unknown');
    expect(detectLicense(CHANGELOG).license).toBe('unknown');
    expect(detectLicense('').license).toBe('unknown');
    expect(detectLicense('See COPYING.').license).toBe('unknown');
  });

  it('answers unknown below the threshold and reports the closest license', () => {
    const half = ref('MIT').slice(0, 300);
    const d = detectLicense(half, { threshold: 0.99 });
    expect(d.license).toBe('unknown');
    expect(d.runnerUp?.license).toBeDefined();
  });

  it('takes an SPDX-License-Identifier line at its word', () => {
    expect(detectLicense('// SPDX-License-Identifier: Apache-2.0 OR MIT\n')).toMatchObject({ license: 'Apache-2.0 OR MIT', score: 1, method: 'identifier' });
  });

  it('reports every license of a file that holds two license texts', () => {
    const isc = `Copyright 2010-2020 Mike\n\n${ref('0BSD').replace(/^Copyright.*\n/, '').replace('is hereby granted.', 'is hereby granted, provided that the above copyright notice and this permission notice appear in all copies.')}`;
    const mit = ref('MIT').replace(/^MIT License\s*/, '').replace('<year> <copyright holders>', '2008-2012 Charles');
    expect(detectLicense(`${isc}\n\nThis license applies to GeoLib.\n\n${mit}`)).toMatchObject({ license: 'ISC AND MIT', method: 'blocks' });
  });

  it('judges the leading section of a LICENSE.md that lists bundled dependencies after it', () => {
    const mit = ref('MIT').replace('<year> <copyright holders>', '2021 Vi Contributors');
    const deps = Array.from({ length: 40 }, (_, i) => `## dep-${i}\nLicense: MIT\nBy: Someone ${i}\nRepository: https://example.com/dep-${i}\n`).join('\n');
    const d = detectLicense(`# Core license\n\n${mit}\n\n# Licenses of bundled dependencies\n\n${deps}`);
    expect(d).toMatchObject({ license: 'MIT', method: 'section' });
  });

  it('reads only the license bodies of a Debian-format (DEP-5) copyright file', () => {
    const body = ref('BSD-3-Clause').replace(/^Copyright.*\n/, '').split('\n').map((l) => (l.trim() === '' ? ' .' : ` ${l}`)).join('\n');
    const holders = Array.from({ length: 25 }, (_, i) => ` ${2000 + i} Contributor Number ${i} <c${i}@example.org>`).join('\n');
    const dep5 = `Files: *\nCopyright: 1999 Someone\n${holders}\nLicense: BSD-3-clause\nComment: vendored parts are patched out\n\nLicense: BSD-3-clause\n${body}\n`;
    expect(detectLicense(dep5)).toMatchObject({ license: 'BSD-3-Clause' });
  });
});
