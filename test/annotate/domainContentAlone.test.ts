/**
 * Domain from content alone: source files reach the classifier as plain text when a JSONL dump, a
 * web crawl or `curate score --in` carries no file name. Every code file of data-samples must still
 * be code, and its prose must stay prose.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotate } from '../../src/annotate/annotateDoc.js';
import { codeTokenRate, proseLineShare } from '../../src/annotate/domainClassifier.js';
import { extractRecord } from '../../src/extract/extractRecord.js';
import { qualityPreset } from '../../src/config/qualitySchema.js';
import { repoRoot } from '../support/cliHarness.js';

const cfg = qualityPreset('curate', { tokenizer: 'approx' });

function files(dir: string, keep: (p: string) => boolean, acc: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) files(p, keep, acc);
    else if (keep(p)) acc.push(p);
  }
  return acc;
}

const domainOf = (text: string) => annotate({ text, contentType: 'text' }, cfg).domain;

describe('domain from content alone (contentType text, no programming language)', () => {
  it('calls every code file of data-samples code', () => {
    const code = files(join(repoRoot, 'data-samples/code'), (p) => ['.py', '.js', '.mjs', '.cjs', '.ts'].includes(extname(p)) && statSync(p).size > 300);
    expect(code.length).toBeGreaterThan(20);
    const wrong = code.filter((p) => domainOf(readFileSync(p, 'utf8')) !== 'code');
    expect(wrong.map((p) => p.slice(repoRoot.length))).toEqual([]);
  });

  it('keeps the prose of data-samples out of code', () => {
    const prose = files(join(repoRoot, 'data-samples/prose'), (p) => p.endsWith('.txt') && statSync(p).size > 300);
    expect(prose.length).toBeGreaterThan(20);
    const asCode = prose.filter((p) => domainOf(readFileSync(p, 'utf8')) === 'code');
    expect(asCode.map((p) => p.slice(repoRoot.length))).toEqual([]);
  });

  it('keeps documentation pages full of code examples out of code: their paragraphs are running-prose lines', () => {
    const pages = files(join(repoRoot, 'data-samples/prose/python-docs'), (p) => /\/(?:tutorial|howto)\/(?!index)[^/]+\.html$/.test(p));
    expect(pages.length).toBeGreaterThan(5);
    for (const p of pages) {
      const body = readFileSync(p);
      const ex = extractRecord({ source: 't', key: p, url: '', body, contentType: 'html', bytes: body.length });
      if (!ex.ok) throw new Error(`${p}: ${ex.reason}`);
      const a = annotate({ text: ex.text, contentType: 'text' }, cfg);
      expect(a.domain, p).not.toBe('code');
      expect(a.signals['domain.prose_line_share'], p).toBeGreaterThan(0.2);
    }
    // Comments and identifier lists are not running prose.
    expect(proseLineShare('// The quick brown fox jumps over the lazy dog and then it runs back home to sleep in the barn again.\nexport { alpha, beta, gamma, delta, epsilon, zeta, eta, theta, iota, kappa, lambda, mu, nu, xi, omicron }')).toBe(0);
  });

  it('recognises the kinds that used to read as prose: __init__ files, codec tables, declarations, index.js', () => {
    const init = '"""Helpers for the html package."""\n\nfrom .entities import html5 as _html5\nfrom .parser import HTMLParser\n\n__all__ = [\'escape\', \'unescape\']\n\n\ndef escape(s, quote=True):\n    s = s.replace("&", "&amp;")\n    return s\n';
    const codec = '### Decoding Table\n\ndecoding_table = (\n    \'\\x00\'     #  0x00 -> NULL\n    \'\\x01\'     #  0x01 -> START OF HEADING\n    \'\\x02\'     #  0x02 -> START OF TEXT\n    \'\\u20ac\'   #  0x80 -> EURO SIGN\n    \'\\ufffe\'   #  0x81 -> UNDEFINED\n)\n\n### Encoding table\nencoding_table=codecs.charmap_build(decoding_table)\n';
    const dts = 'export interface Options {\n  /** The name. */\n  name: string;\n  retries?: number;\n}\nexport declare function create(options: Options): Client;\nexport type Client = {\n  close(): Promise<void>;\n};\n';
    const index = "'use strict';\n\nmodule.exports = require('./lib/parser');\nmodule.exports.Writer = require('./lib/writer');\n";
    // Go with its comment header, tab indentation and a list of constants.
    const go = '// Copyright 2011 The Go Authors. All rights reserved.\n// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.\n\npackage types2\n\n// BasicKind describes the kind of basic type.\ntype BasicKind int\n\nconst (\n\tInvalid BasicKind = iota // type is invalid\n\n\t// predeclared types\n\tBool\n\tInt\n\tInt8\n\tInt16\n\tInt32\n\tUint8\n)\n';
    for (const t of [init, codec, dts, index, go]) expect(domainOf(t), t.slice(0, 40)).toBe('code');
    expect(codeTokenRate('It was the best of times, it was the worst of times.\nAnd so it goes on, for pages.')).toBe(0);
  });
});
