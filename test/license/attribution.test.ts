/**
 * ATTRIBUTION.md places each NOTICE file where a license asks for it (Apache-2.0 §4(d)): once,
 * under the first Apache license section covering the source; a source whose license files are
 * Apache but whose rows are not gets its own section; NOTICE files of non-Apache sources are only
 * named (they stay verbatim in attribution/<source>.md).
 */
import { describe, expect, it } from 'vitest';
import { buildAttribution, renderAttributionMarkdown, renderSourceAttributionMarkdown } from '../../src/license/attribution.js';
import type { Manifest } from '../../src/license/manifest.js';

const notice = (name: string) => ({ file: 'NOTICE', role: 'notice', sha256: 'ab'.repeat(32), bytes: 40, holders: [{ holder: `${name} Authors`, years: '2020' }], text: `${name}\nCopyright 2020 The ${name} Authors\n` });
const license = (id: string) => ({ file: 'LICENSE', role: 'license', sha256: 'cd'.repeat(32), bytes: 1000, license: id, score: 0.99, holders: [] });
const source = (id: string, licenses: Record<string, number>, files: unknown[]) => ({
  id,
  kind: 'files',
  declared_license: Object.keys(licenses)[0],
  document_licenses: Object.fromEntries(Object.entries(licenses).map(([k, rows]) => [k, { rows }])),
  rows_in_shards: Object.values(licenses).reduce((a, b) => a + b, 0),
  evidence_check: { status: 'match', detail: '', files },
});

describe('NOTICE files in ATTRIBUTION.md', () => {
  const m = {
    name: 't',
    licenses: [
      { license: 'Apache-2.0', rows: 5, obligations: [] },
      { license: 'MIT', rows: 7, obligations: [] },
      { license: 'MIT AND Apache-2.0', rows: 2, obligations: [] },
    ],
    sources: [
      source('widgets', { 'Apache-2.0': 5, 'MIT AND Apache-2.0': 2 }, [license('Apache-2.0'), notice('Widgets')]),
      source('plain-mit', { MIT: 4 }, [license('MIT'), notice('Plain')]),
      source('declared-mit', { MIT: 3 }, [license('Apache-2.0'), notice('Mismatch')]),
    ],
  } as unknown as Manifest;
  const rows = [
    { source: 'widgets', license: 'Apache-2.0', file: 'LICENSE', holders: [], rows: 5 },
    { source: 'widgets', license: 'MIT AND Apache-2.0', file: 'LICENSE', holders: [], rows: 2 },
    { source: 'plain-mit', license: 'MIT', file: 'LICENSE', holders: [], rows: 4 },
    { source: 'declared-mit', license: 'MIT', file: 'LICENSE', holders: [], rows: 3 },
  ];
  const a = buildAttribution(m, rows);
  const md = renderAttributionMarkdown(m, a);
  const section = (title: string) => md.split(/^## /m).find((s) => s.startsWith(`${title}\n`)) ?? '';

  it('reproduces an Apache source NOTICE once, under its first Apache section', () => {
    expect(md.split('Copyright 2020 The Widgets Authors\n```').length - 1).toBe(1);
    expect(section('Apache-2.0')).toContain('NOTICE of widgets');
    expect(section('MIT AND Apache-2.0')).toContain('NOTICE files of widgets: reproduced under Apache-2.0 above.');
    expect(section('MIT')).not.toContain('verbatim');
  });

  it('gives a source with Apache license files but other rows its own section, and only names the rest', () => {
    expect(a.other_notices.map((n) => n.source)).toEqual(['declared-mit']);
    expect(section('NOTICE files of sources with Apache license files')).toContain('Copyright 2020 The Mismatch Authors');
    expect(md).not.toContain('The Plain Authors\n');
    expect(a.notices_not_owed).toEqual(['plain-mit']);
    expect(md).toContain('verbatim in attribution/<source>.md): plain-mit.');
    // attribution/<source>.md keeps every source's NOTICE verbatim.
    expect(renderSourceAttributionMarkdown(a.sources.find((s) => s.source === 'plain-mit')!)).toContain('Copyright 2020 The Plain Authors');
  });
});
