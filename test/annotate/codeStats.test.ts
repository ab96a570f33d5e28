import { describe, expect, it } from 'vitest';
import { computeCodeStats, endsLikeCode, startsWithPrompt } from '../../src/annotate/codeStats.js';
import { computeTextStats } from '../../src/annotate/textStats.js';
import { PROSE, PYTHON } from './fixtures.js';

// The statement-end regex that endsLikeCode replaces.
const CODE_END = /(?:\{|\)\s*[{:]|=>|[()=[\]$]\S*;|^\S+;)$/;

describe('endsLikeCode', () => {
  it('answers like the statement-end regex', () => {
    const lines = ['if (x) {', 'def f(a):', 'def f(a) :', 'x => y =>', 'a = b;', 'return;', ';', 'x ;', 'foo(bar) ;', 'see Genesis 1:1; and so;', 'arr[i];', 'call()', 'Note:', 'a\u00a0) :', ''];
    for (const l of lines) expect(endsLikeCode(`  ${l}\n`, 2, 2 + l.length), l).toBe(CODE_END.test(l));
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const alphabet = ['a', ' ', ';', ':', ')', '(', '{', '>', '=', '$', '[', ']', '\t', '\u00a0', '\ufeff', '\u2028', 'x'];
    for (let k = 0; k < 20_000; k++) {
      let l = '';
      const n = Math.floor(rnd() * 8);
      for (let i = 0; i < n; i++) l += alphabet[Math.floor(rnd() * alphabet.length)];
      expect(endsLikeCode(l, 0, l.length), JSON.stringify(l)).toBe(CODE_END.test(l));
    }
  });
});

// The prompt regex that startsWithPrompt replaces (run on the line's first 12 characters).
const REPL = /^(?:>>>|\$ |In \[\d+\]:|\.\.\. |octave:\d+>|>> )/;

describe('startsWithPrompt', () => {
  it('answers like the prompt regex on the first 12 characters', () => {
    const lines = ['>>> x = 1', '>> a', '>>b', '$ ls', '$x', 'In [12]: f()', 'In []: x', 'In [123456]:', 'In [1234567]:', '... more', '...', 'octave:1> x', 'octave:> x', 'octave:12345>', 'Income', 'of the', ''];
    for (const l of lines) expect(startsWithPrompt(`\n${l}\n`, 1, 1 + l.length), l).toBe(REPL.test(l.slice(0, 12)));
    let seed = 11;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pieces = ['>', '$', ' ', 'In [', ']', ':', '1', '23', '.', 'octave:', 'o', 'I', 'x'];
    for (let k = 0; k < 20_000; k++) {
      let l = '';
      const n = Math.floor(rnd() * 6);
      for (let i = 0; i < n; i++) l += pieces[Math.floor(rnd() * pieces.length)];
      expect(startsWithPrompt(`${l}tail`, 0, l.length), JSON.stringify(l)).toBe(REPL.test(l.slice(0, 12)));
    }
  });
});

describe('computeCodeStats', () => {
  it('finds statements in code and few in prose', () => {
    const code = computeCodeStats(computeTextStats(PYTHON), 'python');
    expect(code.codeLines).toBeGreaterThanOrEqual(4);
    expect(code.commentLines).toBeGreaterThanOrEqual(3);
    expect(computeCodeStats(computeTextStats(PROSE)).codeLines).toBe(0);
  });

  it('an = on a later line does not make an earlier line an assignment', () => {
    const st = computeTextStats('total value here\nx = 1');
    expect(computeCodeStats(st).codeLines).toBe(1);
  });
});
