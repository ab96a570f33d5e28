import { at, isHex, isWord } from './charClass.js';
import { ipv4Value, isPublicIpv4 } from './ipv4Address.js';
import type { PiiSpan } from './piiTypes.js';

export interface Ipv6Result {
  span: PiiSpan | null;
  /** Where the scanner continues: after the colon run examined, so `a::b::c` is read once. */
  next: number;
}

/**
 * An IPv6 address around the ':' at `colon`. Public means global unicast (2000::/3) outside the
 * documentation prefix 2001:db8::/32; loopback, link-local (fe80::/10), unique-local, multicast
 * and `std::vector`-like scopes are not. An IPv4-mapped address (::ffff:a.b.c.d) is judged by its
 * IPv4 part.
 */
export function detectIpv6(text: string, colon: number): Ipv6Result {
  let s = colon;
  while (s > 0 && colon - s < 40 && (isHex(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 58)) s--;
  let e = colon + 1;
  while (e < text.length && e - s < 46 && (isHex(text.charCodeAt(e)) || text.charCodeAt(e) === 58 || (text.charCodeAt(e) === 46 && isHex(at(text, e + 1))))) e++;
  // A trailing ':' or '.' is punctuation ("the address 2001:db8::1: ..."), unless it completes '::'.
  while (e > colon + 1 && (text.charCodeAt(e - 1) === 46 || (text.charCodeAt(e - 1) === 58 && text.charCodeAt(e - 2) !== 58))) e--;
  const none = { span: null, next: e };
  if (isWord(at(text, s - 1)) || isWord(at(text, e)) || e - s < 3) return none;
  const groups = parseIpv6(text.slice(s, e));
  if (!groups) return none;
  const isMapped = groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff;
  const pub = isMapped ? isPublicIpv4(((groups[6]! << 16) | groups[7]!) >>> 0) : groups[0]! >= 0x2000 && groups[0]! <= 0x3fff && !(groups[0] === 0x2001 && groups[1] === 0x0db8);
  return { span: pub ? { type: 'ipv6', start: s, end: e } : null, next: e };
}

/** The eight 16-bit groups of an IPv6 text form (RFC 4291 §2.2, with an optional embedded IPv4), or null. */
export function parseIpv6(t: string): number[] | null {
  const dbl = t.indexOf('::');
  if (dbl >= 0 && t.indexOf('::', dbl + 1) >= 0) return null;
  const parseSide = (side: string): number[] | null => {
    if (side === '') return [];
    const out: number[] = [];
    const parts = side.split(':');
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!;
      if (k === parts.length - 1 && p.includes('.')) {
        const v = ipv4Value(p.split('.'));
        if (v < 0) return null;
        out.push(v >>> 16, v & 0xffff);
      } else {
        if (p.length === 0 || p.length > 4 || !/^[0-9A-Fa-f]+$/.test(p)) return null;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  if (dbl < 0) {
    const g = parseSide(t);
    return g && g.length === 8 ? g : null;
  }
  const head = parseSide(t.slice(0, dbl));
  const tail = parseSide(t.slice(dbl + 2));
  if (!head || !tail || head.length + tail.length > 7) return null;
  // "::" alone, or a side with a single short group like "a::b", is far more often C++ or Ruby than an address.
  if (head.length + tail.length < 2) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}
