import { at, isDigit, isWord, WORD_TABLE } from './charClass.js';
import { detectEmail } from './emailDetector.js';
import { detectIban } from './ibanDetector.js';
import { detectIpv6 } from './ipv6Detector.js';
import { detectJwt } from './jwtDetector.js';
import { detectKeyPrefix, KEY_PREFIX_FIRST_CHARS } from './keyPrefixDetector.js';
import { detectNumeric } from './numericDetector.js';
import { PII_TYPES, type PiiSpan, type PiiType } from './piiTypes.js';
import { detectPrivateKey } from './privateKeyDetector.js';
import { detectSecretAssignment } from './secretAssignment.js';

export interface ScanOptions {
  /** Types to look for (default: all). */
  types?: readonly PiiType[];
  /** Regions whose national phone formats are recognised (ISO 3166 alpha-2); international (+…) numbers always are. */
  phoneRegions?: readonly string[];
}

// What each ASCII character may start; everything else is skipped with one table read.
const AT = 1, NUM = 2, COLON = 3, EQ = 4, UPPER = 5, PREFIX = 6, DASH = 7;
const ANCHOR = new Uint8Array(128);
ANCHOR[64] = AT;
for (let c = 48; c <= 57; c++) ANCHOR[c] = NUM;
ANCHOR[43] = NUM; // +
ANCHOR[40] = NUM; // (
ANCHOR[58] = COLON;
ANCHOR[61] = EQ;
for (let c = 65; c <= 90; c++) ANCHOR[c] = UPPER;
for (const c of KEY_PREFIX_FIRST_CHARS) if (ANCHOR[c] === 0) ANCHOR[c] = PREFIX;
ANCHOR[101] = PREFIX; // e: eyJ… (JWT)
ANCHOR[45] = DASH;
const KEY_FIRST = new Uint8Array(128);
for (const c of KEY_PREFIX_FIRST_CHARS) KEY_FIRST[c] = 1;

const KEY_TYPES: PiiType[] = ['aws_access_key', 'github_token', 'gitlab_token', 'slack_token', 'stripe_key', 'google_api_key'];

/**
 * Finds personal data and secrets in one pass over the text. Each character costs a table read;
 * only anchors ('@', a digit at a number's start, ':', '=', a key prefix's first letter at a word
 * start, '-----BEGIN') lead to a detector, and the expensive checks (libphonenumber, checksums,
 * entropy) run only on candidates that passed the cheap shape tests. Spans are sorted and do not overlap.
 */
export function scanPii(text: string, opts: ScanOptions = {}): PiiSpan[] {
  const on = new Set<PiiType>(opts.types ?? PII_TYPES);
  const enabled = (t: PiiType) => on.has(t);
  const numeric = { ipv4: on.has('ipv4'), phone: on.has('phone'), payment_card: on.has('payment_card'), phoneRegions: opts.phoneRegions ?? ['US', 'GB'] };
  const wantNumeric = numeric.ipv4 || numeric.phone || numeric.payment_card;
  const wantEmail = on.has('email');
  const wantIpv6 = on.has('ipv6');
  const wantAssign = on.has('password') || on.has('secret');
  const wantIban = on.has('iban');
  const wantKeys = KEY_TYPES.some(enabled);
  const wantJwt = on.has('jwt');
  const wantPem = on.has('private_key');
  const spans: PiiSpan[] = [];
  const pemEnd = { pos: -2 };
  // An assigned value that is a known kind of key (`GITHUB_TOKEN=ghp_…`, `token: eyJ…`) is reported as that kind.
  const specific = (s: PiiSpan): PiiSpan => {
    const k = (wantKeys ? detectKeyPrefix(text, s.start, enabled) : null) ?? (wantJwt ? detectJwt(text, s.start) : null);
    return k && k.end <= s.end ? { ...k, end: s.end } : s;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) continue;
    const kind = ANCHOR[c];
    if (kind === 0) continue;
    switch (kind) {
      case AT: {
        // A finding right before the '@' is a credential in a URL (https://ghp_…@github.com), not a mailbox.
        if (!wantEmail || (spans.length > 0 && spans[spans.length - 1]!.end === i)) break;
        const s = detectEmail(text, i);
        if (s) {
          spans.push(s);
          i = s.end - 1;
        }
        break;
      }
      case NUM: {
        if (!wantNumeric) break;
        const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
        if ((prev < 128 ? WORD_TABLE[prev] === 1 : isWord(prev)) || prev === 46 || (c !== 43 && c !== 40 && (prev === 43 || prev === 40) && isDigit(c))) break;
        if ((c === 43 || c === 40) && !isDigit(at(text, i + 1))) break;
        const r = detectNumeric(text, i, numeric);
        if (r.span) spans.push(r.span);
        i = Math.max(i, r.next - 1);
        break;
      }
      case COLON: {
        let skipTo = i;
        if (wantIpv6 && (at(text, i + 1) === 58 || at(text, i - 1) === 58 || (isWord(at(text, i - 1)) && isWord(at(text, i + 1))))) {
          const r = detectIpv6(text, i);
          if (r.span) {
            spans.push(r.span);
            i = r.next - 1;
            break;
          }
          // A run of colons and hex ("::::", "a:b:c:d") is read once, not once per colon.
          for (let k = i + 1; k < r.next; k++) if (text.charCodeAt(k) === 58) skipTo = r.next - 1;
        }
        if (wantAssign) {
          const r = detectSecretAssignment(text, i);
          if (r.span) {
            spans.push(specific(r.span));
            i = r.next - 1;
            break;
          }
        }
        i = skipTo;
        break;
      }
      case EQ: {
        if (!wantAssign) break;
        const r = detectSecretAssignment(text, i);
        if (r.span) {
          spans.push(specific(r.span));
          i = r.next - 1;
        }
        break;
      }
      case UPPER:
      case PREFIX: {
        const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
        if (prev < 128 ? WORD_TABLE[prev] === 1 : isWord(prev)) break; // inside a word: the common case, decided here
        let s: PiiSpan | null = null;
        if (wantKeys && KEY_FIRST[c] === 1) s = detectKeyPrefix(text, i, enabled);
        if (!s && c === 101 && wantJwt && text.charCodeAt(i + 1) === 121) s = detectJwt(text, i);
        // An IBAN opens with two capitals and two digits: tested here before any call.
        if (!s && kind === UPPER && wantIban && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3))) s = detectIban(text, i);
        if (s) {
          spans.push(s);
          i = s.end - 1;
        }
        break;
      }
      case DASH: {
        if (wantPem && at(text, i + 5) === 66 && text.startsWith('-----BEGIN ', i)) {
          const s = detectPrivateKey(text, i, pemEnd);
          if (s) {
            spans.push(s);
            i = s.end - 1;
          }
        }
        break;
      }
    }
  }
  return resolveOverlaps(spans);
}

/** Sorted by start; where two overlap (an address found back from its '@' over an earlier number), the earlier-starting, longer one wins. */
function resolveOverlaps(spans: PiiSpan[]): PiiSpan[] {
  if (spans.length < 2) return spans;
  let sorted = true;
  for (let k = 1; k < spans.length; k++) if (spans[k]!.start < spans[k - 1]!.end) sorted = false;
  if (sorted) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PiiSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) continue;
    out.push(s);
  }
  return out;
}
