import type { PiiSpan } from './piiTypes.js';

const BEGIN = /^-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY(?: BLOCK)?-----/;
/** A PEM body is rarely above a few KB (RSA-4096 is ~3.3 KB); cap the search for the END line. */
const MAX_PEM = 64 * 1024;

/**
 * A PEM private key block at `start` ("-----BEGIN … PRIVATE KEY-----"), replaced whole through
 * its END line. Without an END line (a truncated file), through the last base64 line of the body.
 * Public keys and certificates are not secrets and do not match.
 */
export function detectPrivateKey(text: string, start: number, nextEnd: { pos: number } = { pos: -2 }): PiiSpan | null {
  const head = BEGIN.exec(text.slice(start, start + 80));
  if (!head) return null;
  const bodyStart = start + head[0].length;
  // The next END line is remembered across calls (`nextEnd`, one per scan): many BEGIN lines
  // without an END must not make the scan quadratic. -1: there is none further on.
  if (nextEnd.pos !== -1 && nextEnd.pos < bodyStart) nextEnd.pos = text.indexOf('-----END ', bodyStart);
  const endLine = nextEnd.pos >= 0 && nextEnd.pos - start <= MAX_PEM ? nextEnd.pos : -1;
  if (endLine >= 0) {
    const close = text.indexOf('-----', endLine + 9);
    if (close >= 0 && close - endLine < 80) return { type: 'private_key', start, end: close + 5 };
  }
  // Truncated: the body runs over lines of base64 (and PEM headers like "Proc-Type: 4,ENCRYPTED").
  let e = bodyStart;
  for (;;) {
    const nl = text.indexOf('\n', e + 1);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(e, lineEnd).trim();
    if (line === '' && e > bodyStart + 1) break;
    if (line !== '' && !/^[A-Za-z0-9+/=]+$/.test(line) && !/^[A-Za-z-]+: /.test(line)) break;
    e = lineEnd;
    if (nl < 0 || e - start > MAX_PEM) break;
  }
  return { type: 'private_key', start, end: e };
}
