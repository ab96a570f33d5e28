import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { detectLicenseFiles } from '../../src/license/detectLicenseFiles.js';

const full: Record<string, { licenseText: string }> = createRequire(import.meta.url)('spdx-license-list/full');

describe('detectLicenseFiles', () => {
  it('combines several license files with AND', () => {
    const r = detectLicenseFiles([
      { file: 'LICENSE-MIT', text: full['MIT']!.licenseText },
      { file: 'LICENSE-APACHE', text: full['Apache-2.0']!.licenseText },
    ]);
    expect(r.license).toBe('MIT AND Apache-2.0');
    expect(r.files.map((f) => f.license)).toEqual(['MIT', 'Apache-2.0']);
  });

  it('is unknown when any file is unidentified or there is none', () => {
    const r = detectLicenseFiles([
      { file: 'LICENSE', text: full['MIT']!.licenseText },
      { file: 'COPYRIGHT', text: 'All files are copyright their authors; ask before using them in anything you sell.' },
    ]);
    expect(r.license).toBe('unknown');
    expect(r.detail).toContain('COPYRIGHT');
    expect(detectLicenseFiles([]).license).toBe('unknown');
  });
});
