import { at, isDigit, isWord } from './charClass.js';
import { ipv4Value, isPublicIpv4 } from './ipv4Address.js';
import { isIsbn, looksLikeDate, looksLikeRange, notContactContext, type DigitGroups } from './numericLookalikes.js';
import { isPaymentCard } from './paymentCard.js';
import { isValidPhone } from './phoneNumber.js';
import type { PiiSpan, PiiType } from './piiTypes.js';

/** What the numeric detector may report (the caller's enabled types). */
export interface NumericOptions {
  ipv4: boolean;
  phone: boolean;
  payment_card: boolean;
  phoneRegions: readonly string[];
}

export interface NumericResult {
  span: PiiSpan | null;
  /** Where the scanner continues. */
  next: number;
}

const MAX_GROUPS = 8;
const PHONE_CONTEXT = /\b(?:phone|telephone|tel|call|fax|mobile|cell|contact|sms|whatsapp|dial|reach)\b/i;

/** A separator between two digit groups: 1–3 characters of space, dash, dot, slash, parentheses, with at most one space. */
function separatorEnd(text: string, i: number): number {
  let j = i;
  let spaces = 0;
  while (j < text.length && j - i < 3) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 0xa0) {
      if (++spaces > 1) return -1;
    } else if (c !== 45 && c !== 46 && c !== 47 && c !== 40 && c !== 41 && c !== 0x2013) break;
    j++;
  }
  return j > i && isDigit(at(text, j)) ? j : -1;
}

/**
 * The number-like chunk starting at `start` (a digit, or '+'/'(' before one) — digit groups
 * joined by short separators — judged as a whole: a public IPv4 address, a payment card, a
 * phone number, or a lookalike (date, ISBN, version, range) that stays.
 */
export function detectNumeric(text: string, start: number, o: NumericOptions): NumericResult {
  const c0 = text.charCodeAt(start);
  const plus = c0 === 43;
  let i = c0 === 43 || c0 === 40 ? start + 1 : start;
  if (!isDigit(at(text, i))) return { span: null, next: start + 1 };
  // Most numbers in text are short and alone ("2019", "3 items"): nothing here can be one of ours.
  let q = i;
  while (q < text.length && isDigit(text.charCodeAt(q))) q++;
  if (q - i < 7 && c0 !== 43 && c0 !== 40) {
    const sep = at(text, q);
    if (!((sep === 32 || sep === 45 || sep === 46 || sep === 47 || sep === 41 || sep === 0xa0 || sep === 0x2013) && isDigit(at(text, q + 1)) || (sep === 32 && at(text, q + 1) === 40))) {
      return { span: null, next: q };
    }
  }
  const groupStart: number[] = [];
  const groupEnd: number[] = [];
  const dg: DigitGroups = { groups: [], seps: [''] };
  for (;;) {
    const gs = i;
    while (i < text.length && isDigit(text.charCodeAt(i)) && i - gs < 24) i++;
    groupStart.push(gs);
    groupEnd.push(i);
    dg.groups.push(text.slice(gs, i));
    if (dg.groups.length >= MAX_GROUPS || isDigit(at(text, i))) break;
    const se = separatorEnd(text, i);
    if (se < 0) break;
    dg.seps.push(text.slice(i, se));
    i = se;
  }
  const k = dg.groups.length;
  const firstEnd = groupEnd[0]!;
  // Glued to a word ("v2", "x86_64", "abc123") or a longer run: not a standalone number.
  if (isWord(at(text, groupEnd[k - 1]!)) && k === 1) return { span: null, next: firstEnd };

  // Glued to a name ("novas-3.1", "id_123"): part of an identifier.
  if (start > 0 && (text.charCodeAt(start - 1) === 45 || text.charCodeAt(start - 1) === 95) && isWord(at(text, start - 2))) return { span: null, next: groupEnd[k - 1]! };
  // The tail of an alphanumeric code written in groups ("NL51 VLTS 7796 3854 32", an IBAN that failed
  // its checksum, "CH42 2320 3576 …"): its digits are not a phone or a card on their own.
  if (at(text, start - 1) === 32 && start >= 5 && /^[A-Z0-9]{4}$/.test(text.slice(start - 5, start - 1)) && /[A-Z]/.test(text.slice(start - 5, start - 1)) && !isAlnumAt(text, start - 6)) {
    return { span: null, next: groupEnd[k - 1]! };
  }
  // Dotted: an IPv4 quad, or a version / OID / decimal (stays).
  if (k >= 2 && dg.seps[1] === '.') {
    let dots = 1;
    while (dots < k && dg.seps[dots] === '.') dots++;
    const quadEnd = groupEnd[3] ?? 0;
    if (dots === 4 && !plus && !isWord(at(text, quadEnd)) && !(at(text, quadEnd) === 46 && isDigit(at(text, quadEnd + 1)))) {
      const v = ipv4Value(dg.groups.slice(0, 4));
      const ipStart = groupStart[0]!; // after a '(' ("(93.184.216.34)")
      const ctx = text.slice(Math.max(0, ipStart - 30), ipStart);
      if (v >= 0 && o.ipv4 && isPublicIpv4(v) && !notContactContext(ctx) && !looksLikeSectionNumber(text, ipStart, quadEnd, dg.groups, ctx)) {
        return { span: { type: 'ipv4', start: ipStart, end: quadEnd }, next: quadEnd };
      }
      return { span: null, next: quadEnd };
    }
    if (dots >= 4 || dg.groups.slice(0, dots).every((g) => g.length <= 3)) return { span: null, next: groupEnd[dots - 1]! };
  }
  if (k >= 3 && looksLikeDate({ groups: dg.groups.slice(0, 3), seps: dg.seps.slice(0, 3) })) return { span: null, next: groupEnd[2]! };
  // A decimal number ("2.4987", "(86.7785"): phones written with dots have short groups.
  if (dg.seps.some((s, g) => s === '.' && (dg.groups[g - 1]!.length > 4 || dg.groups[g]!.length > 4))) return { span: null, next: groupEnd[k - 1]! };
  const ctx = text.slice(Math.max(0, start - 30), start);
  const allDigits = dg.groups.join('');
  // An ISBN-13 (978/979 and its checksum) stays; a 10-digit one only with "ISBN" before it (notContactContext),
  // since one random 10-digit number in eleven passes the ISBN-10 checksum.
  if (notContactContext(ctx) || (!plus && allDigits.length === 13 && (dg.seps.every((s) => s === '' || s === '-') || k === 1) && isIsbn(allDigits))) {
    return { span: null, next: groupEnd[k - 1]! };
  }

  if (o.payment_card) {
    const sep = dg.seps[1];
    for (let j = k; j >= 1; j--) {
      if (j > 1 && (sep !== ' ' && sep !== '-')) continue;
      if (j > 1 && !dg.seps.slice(1, j).every((s) => s === sep)) continue;
      const digits = dg.groups.slice(0, j).join('');
      if (digits.length < 13 || digits.length > 19 || plus || c0 === 40) continue;
      if (isWord(at(text, groupEnd[j - 1]!))) continue;
      if (isPaymentCard(digits)) return { span: { type: 'payment_card', start, end: groupEnd[j - 1]! }, next: groupEnd[j - 1]! };
    }
  }

  if (o.phone) {
    let context: boolean | undefined;
    for (let j = k; j >= 1; j--) {
      const end = groupEnd[j - 1]!;
      if (isWord(at(text, end))) continue;
      const digits = dg.groups.slice(0, j).join('');
      if (digits.length < 7 || digits.length > 15) continue;
      const seps = dg.seps.slice(1, j);
      if (seps.some((s) => s.includes('/') || s.includes('\u2013'))) continue;
      const sub: DigitGroups = { groups: dg.groups.slice(0, j), seps: dg.seps.slice(0, j) };
      if (looksLikeRange(sub)) continue;
      // Coordinates and tables ("5 14 7.01 14"): one-digit groups only up front (country code, trunk prefix, "+33 1").
      if (sub.groups.some((g, x) => x > (plus ? 1 : 0) && g.length === 1)) continue;
      if (c0 === 40 && !seps[0]?.startsWith(')')) continue;
      if (!plus) {
        const paren = c0 === 40;
        // National numbers: a trunk '0' (most countries) or a North American 10/11-digit number.
        const nanp = (digits.length === 10 && /^[2-9]\d\d[2-9]/.test(digits)) || (digits.length === 11 && /^1[2-9]\d\d[2-9]/.test(digits));
        if (!nanp && !(digits[0] === '0' && digits.length >= 9 && digits.length <= 12)) continue;
        // Two groups after a trunk '0' ("01626 263456", "030 901820"): the usual way to write a national number.
        const trunkPair = j === 2 && digits[0] === '0' && dg.groups[0]!.length >= 3 && dg.groups[0]!.length <= 5 && seps[0] === ' ';
        if (j < 3 && !paren && !trunkPair) {
          context ??= PHONE_CONTEXT.test(ctx);
          if (!context) continue;
        }
      }
      if (isValidPhone(text.slice(start, end), o.phoneRegions)) return { span: { type: 'phone', start, end }, next: end };
    }
  }
  // Nothing here: the whole chunk is done (trying every later group again would make number tables slow).
  return { span: null, next: groupEnd[k - 1]! };
}

/**
 * A section number rather than an address: "13.2.5.6 Tag open state", "see section 1.3.5.1".
 * Small numbers followed by a capitalised heading, or introduced by "section"/"chapter"/"§".
 */
function looksLikeSectionNumber(text: string, start: number, end: number, groups: string[], ctx: string): boolean {
  if (/(?:section|chapter|§|sec\.|step|item|paragraph)\W{0,3}$/i.test(ctx)) return true;
  // Four single digits ("3.1.1.3") are a version far more often than an address; the public ones
  // (8.8.8.8, 1.1.1.1) are resolvers of companies, not anyone's personal data.
  if (groups.slice(0, 4).every((g) => g.length === 1)) return true;
  const small = groups.slice(0, 4).every((g) => Number(g) <= 40);
  if (!small) return false;
  if (at(text, end) === 32 && at(text, end + 1) >= 65 && at(text, end + 1) <= 90) return true;
  // A numbered heading or table-of-contents line: the number opens its line.
  let b = start - 1;
  while (b >= 0 && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9)) b--;
  return b < 0 || text.charCodeAt(b) === 10;
}

const isAlnumAt = (text: string, i: number) => /[A-Za-z0-9]/.test(text[i] ?? '');

export type NumericType = Extract<PiiType, 'ipv4' | 'phone' | 'payment_card'>;
