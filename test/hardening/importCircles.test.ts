/**
 * Issue 14 item: src/license/detectLicenseText.ts and src/license/spdxExpression.ts imported
 * each other. The shared part (strict SPDX trees) now lives in spdxTree.ts, below both. This
 * walks the value imports of src/ and fails on any circle, naming it.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../../src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('import circles', () => {
  it('src/ has none (type-only imports excepted)', () => {
    const graph = new Map<string, string[]>();
    for (const f of tsFiles(src)) {
      const deps = [...readFileSync(f, 'utf8').matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'(\.[^']+)'/gm)]
        .filter((m) => !m[2])
        .map((m) => resolve(dirname(f), m[3]!.replace(/\.js$/, '.ts')));
      graph.set(f, deps);
    }
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const circles: string[] = [];
    const visit = (n: string) => {
      state.set(n, 1);
      stack.push(n);
      for (const d of graph.get(n) ?? []) {
        if (state.get(d) === 1) circles.push(stack.slice(stack.indexOf(d)).concat(d).map((x) => relative(src, x)).join(' -> '));
        else if (!state.has(d)) visit(d);
      }
      stack.pop();
      state.set(n, 2);
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(circles).toEqual([]);
  });
});
