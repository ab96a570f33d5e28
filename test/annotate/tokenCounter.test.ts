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
});
