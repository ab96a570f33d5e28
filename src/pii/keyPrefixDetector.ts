import { at, isAlnum, isBase64Url, isWord } from './charClass.js';
import type { PiiSpan, PiiType } from './piiTypes.js';
import { shannonEntropy } from './shannonEntropy.js';

/**
 * Credentials recognisable by their issuer's prefix. Each rule: the literal prefix, the body's
 * alphabet and length. The body must look random (entropy), so the documentation forms
 * `ghp_xxxxxxxx…` and `AKIAIOSFODNN7EXAMPLE` stay.
 */
interface PrefixRule {
  type: PiiType;
  prefix: string;
  body: (c: number) => boolean;
  min: number;
  max: number;
}

const upperDigit = (c: number) => (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
const alnumUnderscore = (c: number) => isAlnum(c) || c === 95;
const alnumDash = (c: number) => isAlnum(c) || c === 45;

const AWS_PREFIXES = ['AKIA', 'ASIA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'ABIA', 'ACCA'];

const RULES: PrefixRule[] = [
  ...AWS_PREFIXES.map((prefix): PrefixRule => ({ type: 'aws_access_key', prefix, body: upperDigit, min: 16, max: 16 })),
  { type: 'google_api_key', prefix: 'AIza', body: isBase64Url, min: 35, max: 35 },
  ...['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'].map((prefix): PrefixRule => ({ type: 'github_token', prefix, body: isAlnum, min: 36, max: 251 })),
  { type: 'github_token', prefix: 'github_pat_', body: alnumUnderscore, min: 22, max: 244 },
  ...['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glft-', 'glsoat-', 'glcbt-', 'gloas-'].map((prefix): PrefixRule => ({ type: 'gitlab_token', prefix, body: isBase64Url, min: 20, max: 80 })),
  ...['xoxb-', 'xoxp-', 'xoxa-', 'xoxo-', 'xoxr-', 'xoxs-', 'xapp-'].map((prefix): PrefixRule => ({ type: 'slack_token', prefix, body: alnumDash, min: 10, max: 255 })),
  ...['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'].map((prefix): PrefixRule => ({ type: 'stripe_key', prefix, body: isAlnum, min: 16, max: 247 })),
];

/** Rules by the prefix's first character: the scanner looks at only these. */
const BY_FIRST: (PrefixRule[] | undefined)[] = new Array(128).fill(undefined);
for (const r of RULES) {
  const c = r.prefix.charCodeAt(0);
  BY_FIRST[c] = [...(BY_FIRST[c] ?? []), r];
}
export const KEY_PREFIX_FIRST_CHARS = BY_FIRST.flatMap((r, c) => (r ? [c] : []));

const PLACEHOLDER = /x{6,}|X{6,}|0{8,}|EXAMPLE|example|your|YOUR|token|TOKEN|here|HERE|\.\.\./;

/** A prefixed credential at `start` (a word start), or null. `enabled` filters by type. */
export function detectKeyPrefix(text: string, start: number, enabled: (t: PiiType) => boolean): PiiSpan | null {
  const c = text.charCodeAt(start);
  const rules = c < 128 ? BY_FIRST[c] : undefined;
  if (!rules) return null;
  for (const r of rules) {
    if (!text.startsWith(r.prefix, start) || !enabled(r.type)) continue;
    const b = start + r.prefix.length;
    let e = b;
    while (e < text.length && e - b < r.max && r.body(text.charCodeAt(e))) e++;
    // Trailing dashes are punctuation ("xoxb-123-abc-").
    while (e > b && text.charCodeAt(e - 1) === 45 && r.type !== 'google_api_key' && r.type !== 'gitlab_token') e--;
    if (e - b < r.min || (e - b === r.max && r.body(at(text, e))) || isWord(at(text, e))) continue;
    const body = text.slice(b, e);
    if (PLACEHOLDER.test(body) || shannonEntropy(body) < (body.length >= 20 ? 3 : 2.5)) continue;
    return { type: r.type, start, end: e };
  }
  return null;
}
