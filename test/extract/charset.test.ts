import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeBytes, metaCharset, normalizeCharset, utf8Stats } from '../../src/extract/charset.js';

const enc = (s: string, cs: string): Uint8Array => new Uint8Array(iconv.encode(s, cs));

describe('decodeBytes', () => {
  it('honours a UTF-8 BOM and strips it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('<p>Grüße</p>')]);
    expect(decodeBytes(bytes)).toEqual({ text: '<p>Grüße</p>', charset: 'utf-8' });
  });

  it('decodes UTF-16LE announced by its BOM', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode('<p>naïve</p>', 'utf-16le')]);
    expect(decodeBytes(bytes).text).toBe('<p>naïve</p>');
  });

  it('takes the charset from the Content-Type header before <meta>', () => {
    const html = '<meta charset="utf-8"><p>Café</p>';
    const r = decodeBytes(enc(html, 'windows-1252'), 'text/html; charset=ISO-8859-1');
    expect(r.charset).toBe('windows-1252');
    expect(r.text).toContain('Café');
  });

  it('reads <meta charset> and <meta http-equiv> declarations', () => {
    expect(decodeBytes(enc('<html><head><meta charset="iso-8859-2"></head><p>Łódź</p>', 'iso-8859-2')).text).toContain('Łódź');
    const sjis = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>日本語のテキスト</p>';
    const r = decodeBytes(enc(sjis, 'shift_jis'));
    expect(r.charset).toBe('shift_jis');
    expect(r.text).toContain('日本語のテキスト');
  });

  it('sniffs undeclared bytes: valid UTF-8 is utf-8, anything else windows-1252', () => {
    expect(decodeBytes(Buffer.from('<p>Straße – “quoted”</p>'))).toEqual({ text: '<p>Straße – “quoted”</p>', charset: 'utf-8' });
    const legacy = decodeBytes(enc('<p>Straße – “quoted”</p>', 'windows-1252'));
    expect(legacy.charset).toBe('windows-1252');
    expect(legacy.text).toBe('<p>Straße – “quoted”</p>');
  });

  it('trusts valid UTF-8 over a single-byte declaration, and not a utf-8 declaration over mostly-invalid bytes', () => {
    const misdeclared = Buffer.from('<meta charset="iso-8859-1"><p>Grüße aus Köln</p>');
    expect(decodeBytes(misdeclared).charset).toBe('utf-8');
    const wrongUtf8 = enc('<meta charset="utf-8"><p>Grüße aus Köln, schöne Äpfel</p>', 'windows-1252');
    const r = decodeBytes(wrongUtf8);
    expect(r.charset).toBe('windows-1252');
    expect(r.text).toContain('schöne Äpfel');
  });

  it('ignores unknown charset labels instead of failing', () => {
    expect(normalizeCharset('x-no-such-charset')).toBeUndefined();
    expect(decodeBytes(Buffer.from('<meta charset="x-bogus"><p>ok é</p>')).text).toContain('ok é');
  });
});

describe('helpers', () => {
  it('maps WHATWG aliases', () => {
    expect(normalizeCharset('ISO-8859-1')).toBe('windows-1252');
    expect(normalizeCharset('"UTF8"')).toBe('utf-8');
    expect(normalizeCharset('gb2312')).toBe('gbk');
  });
  it('finds meta charset only in the head prescan', () => {
    expect(metaCharset(Buffer.from('<?xml version="1.0" encoding="ISO-8859-15"?><html>'))).toBe('ISO-8859-15');
    expect(metaCharset(Buffer.from('<html><body>no declaration</body></html>'))).toBeUndefined();
  });
  it('counts multi-byte sequences and invalid bytes', () => {
    expect(utf8Stats(Buffer.from('aé€😀'))).toEqual({ multibyte: 3, invalid: 0 });
    expect(utf8Stats(new Uint8Array([0x61, 0xe9, 0x62]))).toEqual({ multibyte: 0, invalid: 1 });
  });
});
