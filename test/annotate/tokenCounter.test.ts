import { describe, expect, it } from 'vitest';
import { countTokens, tokenizerName, utf8Length } from '../../src/annotate/tokenCounter.js';

describe('tokenCounter', () => {
  it('names the tokenizer for the manifest', () => {
    expect(tokenizerName({ tokenizer: 'cl100k_base' })).toBe('gpt-tokenizer/cl100k_base');
    expect(tokenizerName({ tokenizer: 'o200k_base' })).toBe('gpt-tokenizer/o200k_base');
    expect(tokenizerName({ tokenizer: 'approx' })).toBe('approx/bytes4');
  });

  it('counts with the real vocabularies', () => {
    expect(countTokens('hello world', { tokenizer: 'cl100k_base' })).toBe(2);
    expect(countTokens('hello world', { tokenizer: 'o200k_base' })).toBe(2);
    expect(countTokens('', { tokenizer: 'cl100k_base' })).toBe(0);
  });

  it('counts special-token strings in data as text instead of throwing', () => {
    expect(countTokens('a <|endoftext|> b', { tokenizer: 'cl100k_base' })).toBeGreaterThan(3);
  });

  it('approx is UTF-8 bytes / 4, rounded up', () => {
    expect(utf8Length('héllo €𝄞')).toBe(Buffer.byteLength('héllo €𝄞'));
    expect(countTokens('abcdefghi', { tokenizer: 'approx' })).toBe(3);
  });

  it('approx counts lone surrogates as the byte loop does (4 bytes for a high one, skipping the next unit)', () => {
    for (const t of ['\ud83d', 'a\ud83d', '\ud83db', '\ude00', '\ude00\ud83d', '\ud83d\ud83d\ude00', 'x\ud800y\udc00z', '😀é€a']) {
      expect(countTokens(t, { tokenizer: 'approx' }), JSON.stringify(t)).toBe(Math.ceil(utf8Length(t) / 4));
    }
    expect(countTokens('abcde\ud83d', { tokenizer: 'approx' })).toBe(3); // 5 + 4 bytes (Node's own count says 5 + 3)
  });
});
