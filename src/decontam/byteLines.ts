import { createReadStream } from 'node:fs';

/** A line longer than this is refused: nothing is decoded without a cap. */
export const MAX_LINE_BYTES = 64 << 20;

/**
 * Lines of a file as bytes (LF or CRLF), not decoded, so decoding can be strict per line and an
 * error can name the line. `tooLong` makes the error thrown for a line over MAX_LINE_BYTES.
 */
export async function* byteLines(file: string, tooLong: () => Error): AsyncGenerator<Uint8Array> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let at = 0;
    for (;;) {
      const nl = buf.indexOf(10, at);
      if (nl < 0) break;
      yield buf.subarray(at, nl > at && buf[nl - 1] === 13 ? nl - 1 : nl);
      at = nl + 1;
    }
    carry = buf.subarray(at);
    if (carry.length > MAX_LINE_BYTES) throw tooLong();
  }
  if (carry.length) yield carry;
}
