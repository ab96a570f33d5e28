import { describe, expect, it } from 'vitest';
import { exactHash } from '../../src/dedup/exactHash.js';
import { normalizeText } from '../../src/dedup/normalizeText.js';

/** The rules written with whole-string regexes, as REFERENCE.md states them. */
function reference(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .toLowerCase()
    .replace(/\p{Nd}/gu, '0')
    .replace(/[\p{P}\p{S}\p{Cc}\p{Z}\s]+/gu, ' ')
    .trim();
}

describe('normalizeText', () => {
  it('lowercases, strips diacritics, maps digits to 0 and punctuation to spaces', () => {
    expect(normalizeText('  Café, CRÈME-brûlée!\n\tIn 2024 (v3.1)…  ')).toBe('cafe creme brulee in 0000 v0 0');
    expect(normalizeText('Ünïcödé — “quotes” & ½ symbols ©')).toBe('unicode quotes ½ symbols');
  });

  it('matches the regex statement of the rules on mixed real-world text', () => {
    const samples = [
      'The MIT License (MIT)\n\nCopyright (c) 2014-2021 Sindre Sorhus <sindresorhus@gmail.com>',
      'Ελληνικά κείμενα ΜΕ ΤΟΝΟΥΣ: άέήίόύώ; Русский текст, Ёлка! 日本語のテキスト。中文，标点。',
      'Tab\tseparated\u00a0nbsp\u200bzero-width joiner\u00ad soft-hyphen; emoji 😀 between 🚀 words',
      'ﬁ ligature, Straße, İstanbul, ǅemal, Ⅻ roman, ٣ arabic digit, ３ fullwidth',
    ];
    for (const s of samples) {
      // Greek final sigma is context-dependent in toLowerCase; the per-character rule maps Σ→σ always.
      expect(normalizeText(s)).toBe(reference(s).replace(/ς/g, 'σ'));
    }
  });

  it('decomposes Hangul syllables like NFD does', () => {
    expect(normalizeText('한국어')).toBe('한국어'.normalize('NFD'));
  });
});

describe('exactHash', () => {
  it('is equal for texts that differ only in case, punctuation, spacing, digits and accents', () => {
    expect(exactHash('Hello, World! Version 1.2')).toBe(exactHash('hello world   version 3-4'));
    expect(exactHash('naïve café')).toBe(exactHash('NAIVE CAFE'));
  });

  it('differs for different words, and is 32 hex characters', () => {
    expect(exactHash('hello world')).not.toBe(exactHash('hello word'));
    expect(exactHash('x')).toMatch(/^[0-9a-f]{32}$/);
  });
});
