import { describe, expect, it } from 'vitest';
import { isJsWhitespace } from '../../src/annotate/jsWhitespace.js';

describe('isJsWhitespace', () => {
  it('is regex \\s and what trim() removes, for every UTF-16 unit', () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (isJsWhitespace(c) !== /\s/.test(ch) || isJsWhitespace(c) !== (ch.trim() === '')) wrong.push(c);
    }
    expect(wrong).toEqual([]);
  });
});
