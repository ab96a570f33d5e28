import { createReadStream } from 'node:fs';

/** A line longer than this is refused: nothing is decoded without a cap. */
export const MAX_LINE_BYTES = 64 << 20;

/**
 * Lines of a file as bytes (LF or CRLF), not decoded, so decoding can be strict per line and an
 * error can name the line. `tooLong` makes the error thrown for a line over MAX_LINE_BYTES.
 */
export async function* byteLines(file: string, tooLong: () => Error): AsyncGenerator<Uint8Array> {
  let carry: Buffer[] = [];
  let carryBytes = 0;
  const strip = (b: Buffer) => (b.length && b[b.length - 1] === 13 ? b.subarray(0, b.length - 1) : b);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let at = 0;
    for (;;) {
      const nl = chunk.indexOf(10, at);
      if (nl < 0) break;
      if (carry.length) {
        // Only the piece of a line that straddles two chunks is copied.
        carry.push(chunk.subarray(at, nl));
        yield strip(Buffer.concat(carry));
        carry = [];
        carryBytes = 0;
      } else yield strip(chunk.subarray(at, nl));
      at = nl + 1;
    }
    if (at < chunk.length) {
      carry.push(chunk.subarray(at));
      carryBytes += chunk.length - at;
      if (carryBytes > MAX_LINE_BYTES) throw tooLong();
    }
  }
  if (carry.length) yield strip(Buffer.concat(carry));
}
