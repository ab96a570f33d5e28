/**
 * Recognises payloads that are not text at all (images, archives, PDFs, random bytes) before any
 * decoding, so they are rejected as `extract.binary` instead of producing mojibake.
 */

const MAGIC: Array<[number[], string]> = [
  [[0x25, 0x50, 0x44, 0x46], 'PDF'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG image'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF image'],
  [[0xff, 0xd8, 0xff], 'JPEG image'],
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP archive'],
  [[0x52, 0x49, 0x46, 0x46], 'RIFF media'],
  [[0x7f, 0x45, 0x4c, 0x46], 'ELF executable'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd stream'],
  [[0x42, 0x5a, 0x68], 'bzip2 stream'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a], 'xz stream'],
  [[0x00, 0x61, 0x73, 0x6d], 'WebAssembly module'],
];

/** Bytes inspected for control characters. */
const SNIFF_BYTES = 8192;

/** A description of why the bytes look binary, or undefined when they look like text. */
export function binaryReason(bytes: Uint8Array): string | undefined {
  for (const [sig, name] of MAGIC) {
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) return `${name} signature`;
  }
  // UTF-16 text legitimately holds NUL bytes; its BOM announces it.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return undefined;
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return `NUL byte at offset ${i}`;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  if (n > 0 && control / n > 0.1) return `${((100 * control) / n).toFixed(0)}% control bytes in the first ${n}`;
  return undefined;
}
