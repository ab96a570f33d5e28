/**
 * Charset detection and decoding of raw page bytes.
 *
 * Order (a simplified WHATWG "encoding sniffing"): byte-order mark, then the charset of the HTTP
 * Content-Type / MIME type, then a `<meta charset>` / `<meta http-equiv>` / `<?xml encoding?>`
 * prescan of the first bytes, then a sniff: valid UTF-8 → utf-8, else windows-1252.
 * A declared single-byte charset on bytes that are valid UTF-8 with multi-byte sequences is taken
 * as utf-8 (a common mis-declaration; the converse accident is practically impossible), and a
 * declared utf-8 on bytes that are mostly not UTF-8 falls back to windows-1252.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** How many leading bytes the `<meta>` prescan reads (the spec says 1024; real pages put it later). */
const PRESCAN_BYTES = 8192;

/** WHATWG label aliases that matter in practice: latin1 and ascii labels mean windows-1252. */
const LABEL_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'l1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'cp1252': 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'latin5': 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  'x-sjis': 'shift_jis',
  'sjis': 'shift_jis',
  'ms_kanji': 'shift_jis',
  'windows-31j': 'shift_jis',
  'gb2312': 'gbk',
  'gb_2312-80': 'gbk',
  'x-gbk': 'gbk',
  'x-euc-jp': 'euc-jp',
  'ks_c_5601-1987': 'euc-kr',
  'utf8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'utf-16': 'utf-16le',
  'unicode': 'utf-16le',
};

/** Normalises a charset label to the name used here, or undefined when iconv-lite cannot decode it. */
export function normalizeCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  let l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return undefined;
  l = LABEL_ALIASES[l] ?? l;
  if (l === 'utf-8') return l;
  return iconv.encodingExists(l) ? l : undefined;
}

/** Charset from a BOM, with the BOM length. */
export function bomCharset(bytes: Uint8Array): { charset: string; length: number } | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return undefined;
}

/** The `charset=` parameter of a Content-Type value. */
export function mimeCharset(mime: string | undefined): string | undefined {
  if (!mime) return undefined;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(mime);
  return m ? m[1] : undefined;
}

/** Charset declared inside the document head (`<meta charset>`, `<meta http-equiv content>`, `<?xml encoding?>`). */
export function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  const metaRe = /<meta\b[^>]*>/gi;
  for (let m = metaRe.exec(head); m; m = metaRe.exec(head)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct) return direct[1];
  }
  return undefined;
}

/** Counts well-formed multi-byte UTF-8 sequences and invalid bytes (stops early once the verdict is clear). */
export function utf8Stats(bytes: Uint8Array, limit = bytes.length): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  const n = Math.min(limit, bytes.length);
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else { invalid++; i++; continue; }
    if (i + need >= n && n < bytes.length) break; // sequence cut by the limit: not evidence either way
    let cp = b & (0x3f >> need);
    let ok = i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      multibyte++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}

const SINGLE_BYTE = /^(windows-125\d|iso-8859-\d+|koi8-[ru]|macintosh|windows-874|ibm8\d\d|cp8\d\d)$/;

function decodeWith(bytes: Uint8Array, charset: string): string {
  if (charset === 'utf-8') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), charset);
}

/** The bytes as UTF-8 when they are valid UTF-8, else undefined (buffer.isUtf8 is a native SIMD check). */
function tryUtf8(bytes: Uint8Array): string | undefined {
  return isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8') : undefined;
}

/** Decodes bytes to text, detecting the charset. Never throws (unknown labels fall through to sniffing). */
export function decodeBytes(bytes: Uint8Array, mime?: string): { text: string; charset: string } {
  const bom = bomCharset(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    return { text: decodeWith(body, bom.charset), charset: bom.charset };
  }
  // WHATWG prescan: a <meta> that says UTF-16 is read as UTF-8 (a page whose bytes the prescan
  // could read as ASCII is not UTF-16; a real UTF-16 page has a BOM, handled above).
  const meta = normalizeCharset(metaCharset(bytes));
  const declared = normalizeCharset(mimeCharset(mime)) ?? (meta === 'utf-16le' || meta === 'utf-16be' ? 'utf-8' : meta);
  if (declared === undefined || declared === 'utf-8') {
    const utf8 = tryUtf8(bytes);
    if (utf8 !== undefined) return { text: utf8, charset: 'utf-8' };
    if (declared === undefined) return { text: decodeWith(bytes, 'windows-1252'), charset: 'windows-1252' };
    // A few stray bytes in a UTF-8 page are noise; mostly-invalid bytes mean a wrong declaration.
    const s = utf8Stats(bytes);
    const charset = s.invalid > s.multibyte ? 'windows-1252' : 'utf-8';
    return { text: decodeWith(bytes, charset), charset };
  }
  if (SINGLE_BYTE.test(declared)) {
    const utf8 = tryUtf8(bytes);
    // eslint-disable-next-line no-control-regex
    if (utf8 !== undefined && /[^\u0000-\u007f]/.test(utf8)) return { text: utf8, charset: 'utf-8' };
  }
  return { text: decodeWith(bytes, declared), charset: declared };
}
