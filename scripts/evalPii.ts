/**
 * Labelled PII evaluation on real text: carrier passages from data-samples/ (and the shared domain
 * samples in ../shared/samples/domains when present) get one planted sentence each — a value of a
 * PII type (positive) or a lookalike that must stay (package@version, std::vector, private and
 * documentation IPs, git SHAs, UUIDs, sha256 sums, ISBNs, dates, versions, ranges, non-Luhn ids,
 * bad-checksum IBANs, example.com addresses, placeholder keys, ...).
 *
 * Two halves that share nothing but the generators: carriers split by a hash of their id, value
 * seeds 1 and 2, and sentence templates split by index (even ones tune, odd ones test). The
 * detectors were tuned on `tune`. Running `test` the first time showed structural misses that were
 * then fixed (docs/pii.md lists them), so `test` is no longer unseen: `holdout` (the test carriers,
 * seed 3, sentence templates written after those fixes) is the figure reported.
 *
 *   node --import tsx scripts/evalPii.ts [--half tune|test|holdout] [--per-type 120] [--json out.json]
 *
 * A positive counts as found when a span of its type overlaps the planted value; a lookalike is
 * kept when no span of any type overlaps it. Findings elsewhere in the carriers (unlabelled: real
 * author addresses as well as false positives) are counted per MB and listed with --show-background.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { scanPii } from '../src/pii/scanPii.js';
import { PII_TYPES, type PiiType } from '../src/pii/piiTypes.js';
import { IBAN_LENGTHS } from '../src/pii/ibanChecksum.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const half = arg('--half', 'test') as 'tune' | 'test' | 'holdout';
const perType = Number(arg('--per-type', '120'));

// ---------------------------------------------------------------- seeded randomness
let state = half === 'tune' ? 1 : half === 'test' ? 2 : 3;
function rnd(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(a: readonly T[]): T => a[int(a.length)]!;
const chars = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
const DIG = '0123456789';
const HEX = '0123456789abcdef';
const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOW = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = UP + LOW + DIG;
const B64URL = `${ALNUM}-_`;
const B64 = `${ALNUM}+/`;

// ---------------------------------------------------------------- carriers
interface Carrier {
  id: string;
  text: string;
  code: boolean;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function carriers(): Carrier[] {
  const out: Carrier[] = [];
  const add = (id: string, text: string, code: boolean) => {
    // Passages of ~1,500 characters cut at blank lines: a planted sentence sits among real text.
    const paras = text.split(/\n\s*\n/);
    let buf = '';
    let k = 0;
    for (const p of paras) {
      buf += `${p}\n\n`;
      if (buf.length > 1500) {
        out.push({ id: `${id}#${k++}`, text: buf, code });
        buf = '';
      }
    }
    if (buf.length > 300) out.push({ id: `${id}#${k}`, text: buf, code });
  };
  for (const f of walk(join(repoRoot, 'data-samples'))) {
    if (/LICENSE|SOURCE\.md|\.html$|\.mjs$|\.sh$|\.jsonl$|README\.md$|measure\.ts$/.test(f) && !/npm-code/.test(f)) continue;
    if (/\.(txt|rst|md)$/.test(f) || /\/(kjv-bible|devils-dictionary|jargon-file)\//.test(f)) add(f.slice(repoRoot.length + 1), readFileSync(f, 'utf8'), false);
    else if (/\.(py|js|ts|cjs)$/.test(f)) add(f.slice(repoRoot.length + 1), readFileSync(f, 'utf8'), true);
  }
  const shared = resolve(repoRoot, '../shared/samples/domains/samples.jsonl');
  if (existsSync(shared)) {
    for (const line of readFileSync(shared, 'utf8').split('\n')) {
      if (!line) continue;
      const r = JSON.parse(line) as { id: string; domain: string; text: string };
      add(`shared:${r.id}`, r.text, r.domain === 'code');
    }
  }
  const inHalf = (id: string) => (createHash('sha256').update(id).digest()[0]! % 2 === 0 ? 'tune' : 'test');
  return out.filter((c) => inHalf(c.id) === (half === 'holdout' ? 'test' : half));
}

// ---------------------------------------------------------------- value generators
const FIRST = ['anna', 'jonas', 'maria', 'li', 'omar', 'sofia', 'lukas', 'emma', 'noah', 'mia', 'yuki', 'pierre', 'ines', 'david', 'fatima', 'olga'];
const LAST = ['berg', 'smith', 'nguyen', 'garcia', 'kowalski', 'rossi', 'dubois', 'schmidt', 'ivanova', 'tanaka', 'okafor', 'murphy'];
const DOMAINS = ['gmail.com', 'posteo.de', 'outlook.com', 'uni-bonn.de', 'mail.ru', 'protonmail.ch', 'cs.stanford.edu', 'acme-corp.co.uk', 'fastmail.fm', 'yahoo.fr', 'web.de', 'riseup.net'];

function email(): string {
  const f = pick(FIRST);
  const l = pick(LAST);
  const local = pick([`${f}.${l}`, `${f}${int(100)}`, `${f[0]}${l}`, `${f}_${l}`, `${f}+lists`, `${l}.${f}`]);
  return `${local}@${pick(DOMAINS)}`;
}

function publicIpv4(): string {
  for (;;) {
    const o = [1 + int(222), int(256), int(256), 1 + int(254)];
    const [a, b, c] = o as [number, number, number, number];
    if (a === 10 || a === 127 || a === 0 || (a === 100 && b >= 64 && b < 128) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19 || (b === 51 && c === 100))) || (a === 203 && b === 0 && c === 113) || a >= 224) continue;
    return o.join('.');
  }
}

function publicIpv6(): string {
  const g = () => int(65536).toString(16);
  const first = (0x2000 + int(0x2000)).toString(16);
  if (first === '2001') return publicIpv6();
  const groups = [first, g(), g(), g(), g(), g(), g(), g()];
  const form = int(3);
  if (form === 0) return groups.join(':');
  if (form === 1) return `${groups.slice(0, 3).join(':')}::${groups[7]}`;
  return `${groups.slice(0, 4).join(':')}::${groups.slice(6).join(':')}`;
}

const PHONE_COUNTRIES: CountryCode[] = ['US', 'GB', 'DE', 'FR', 'IT', 'ES', 'NL', 'IN', 'AU', 'BR', 'JP', 'SE', 'PL', 'CH'];
function phone(): string {
  for (;;) {
    const cc = pick(PHONE_COUNTRIES);
    const n = parsePhoneNumberFromString(`+${getCountryCallingCode(cc)}${chars(DIG, 8 + int(3))}`);
    if (!n?.isValid()) continue;
    // National formats only for the default regions (US, GB): elsewhere a number is written with its country code.
    if ((cc === 'US' || cc === 'GB') && rnd() < 0.5) return n.formatNational();
    const intl = n.formatInternational();
    return rnd() < 0.25 ? intl.replace(/ /g, '-') : intl;
  }
}

function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
function card(luhn = true): string {
  const [prefix, len] = pick([['4', 16], ['51', 16], ['55', 16], ['2221', 16], ['34', 15], ['37', 15], ['6011', 16], ['65', 16], [`35${28 + int(62)}`, 16], ['4', 13]] as const);
  const body = prefix + chars(DIG, len - prefix.length - 1);
  let num = body + luhnDigit(body);
  if (!luhn) num = body + String((Number(luhnDigit(body)) + 1 + int(9)) % 10);
  const sep = pick([' ', '-', '']);
  if (len === 15) return [num.slice(0, 4), num.slice(4, 10), num.slice(10)].join(sep);
  return (num.match(/.{1,4}/g) ?? []).join(sep);
}

function iban(valid = true): string {
  const cc = pick(['DE', 'GB', 'FR', 'NL', 'ES', 'IT', 'BE', 'AT', 'CH', 'PL', 'SE', 'IE']);
  const len = IBAN_LENGTHS[cc]!;
  let bban = cc === 'GB' || cc === 'NL' || cc === 'IE' ? chars(UP, 4) + chars(DIG, len - 8) : chars(DIG, len - 4);
  if (cc === 'IT') bban = chars(UP, 1) + chars(DIG, len - 5);
  const num = (bban + cc + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rem = 0;
  for (const ch of num) rem = (rem * 10 + Number(ch)) % 97;
  let check = 98 - rem;
  if (!valid) check = ((check + 1 + int(90)) % 97) + 2;
  const compact = `${cc}${String(check).padStart(2, '0')}${bban}`;
  return rnd() < 0.5 ? compact : (compact.match(/.{1,4}/g) ?? []).join(' ');
}

const b64url = (s: string) => Buffer.from(s).toString('base64url');
function jwt(): string {
  const header = b64url(JSON.stringify(pick([{ alg: 'HS256', typ: 'JWT' }, { alg: 'RS256', kid: chars(ALNUM, 8) }])));
  const payload = b64url(JSON.stringify({ sub: chars(DIG, 8), name: `${pick(FIRST)} ${pick(LAST)}`, iat: 1600000000 + int(1e8) }));
  return `${header}.${payload}.${chars(B64URL, 43)}`;
}

function pem(): string {
  const kind = pick(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']);
  const lines = Array.from({ length: 6 + int(20) }, () => chars(B64, 64));
  return `-----BEGIN ${kind}-----\n${lines.join('\n')}\n${chars(B64, 20)}==\n-----END ${kind}-----`;
}

function password(): string {
  const words = ['Summer', 'Blue', 'Tiger', 'Coffee', 'Rocket', 'Maple', 'Falcon', 'Winter'];
  return pick([
    () => `${pick(words)}${1990 + int(35)}${pick(['!', '#', '$', '?', '.'])}`,
    () => chars(`${ALNUM}!@#$%^&*`, 10 + int(8)),
    () => `${pick(words).toLowerCase()}-${pick(words).toLowerCase()}-${int(1000)}`,
  ])();
}

function secretValue(): string {
  return pick([() => chars(ALNUM, 24 + int(16)), () => `${chars(ALNUM, 8)}-${chars(ALNUM, 8)}-${chars(ALNUM, 8)}`, () => chars(`${ALNUM}_-`, 32), () => chars(HEX, 48)])();
}

const VALUES: Record<PiiType, () => string> = {
  email,
  ipv4: publicIpv4,
  ipv6: publicIpv6,
  phone,
  payment_card: () => card(true),
  iban: () => iban(true),
  aws_access_key: () => pick(['AKIA', 'ASIA']) + chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16),
  github_token: () => (rnd() < 0.8 ? `${pick(['ghp_', 'gho_', 'ghs_'])}${chars(ALNUM, 36)}` : `github_pat_${chars(ALNUM, 22)}_${chars(ALNUM, 59)}`),
  gitlab_token: () => `glpat-${chars(`${ALNUM}_-`, 20)}`,
  slack_token: () => `${pick(['xoxb', 'xoxp'])}-${chars(DIG, 11)}-${chars(DIG, 12)}-${chars(ALNUM, 24)}`,
  stripe_key: () => `${pick(['sk_live_', 'rk_live_', 'sk_test_'])}${chars(ALNUM, 24 + int(75))}`,
  google_api_key: () => `AIza${chars(B64URL, 35)}`,
  jwt,
  private_key: pem,
  password,
  secret: secretValue,
};

// ---------------------------------------------------------------- sentence templates ({v} = the value)
// Even-indexed templates belong to the tune half, odd-indexed to the test half.
const PROSE: Record<PiiType, string[]> = {
  email: ['For questions write to {v} and we will answer within a week.', 'Contact: {n} <{v}>', 'Send corrections to {v}.', 'You can reach the maintainer at {v} (please be patient).', 'Reported by {n} ({v}) on the mailing list.', 'mailto:{v}'],
  ipv4: ['The mirror at {v} was unreachable for two hours.', 'Our logs show repeated requests from {v}, so we blocked it.', 'Point your client to {v} and restart it.', 'The old server ({v}) will be retired in June.', 'Connection refused: {v}:8080', 'ping {v} returned no answer'],
  ipv6: ['The host answers on {v} as well.', 'Requests from {v} were rate limited.', 'Set the upstream to [{v}]:443 in the config.', 'Our resolver, {v}, is dual-stack.'],
  phone: ['Call us at {v} between nine and five.', 'For urgent matters phone {v}.', 'Phone: {v}', 'You may also leave a message on {v} after hours.', 'Tel. {v} (office)', 'Questions? Ring {v}.'],
  payment_card: ['The order was charged to card {v} last Tuesday.', 'Card number: {v}', 'Please stop using {v}, it was reported stolen.', 'Payment with {v} failed twice.'],
  iban: ['Please transfer the fee to IBAN {v} by Friday.', 'Bank details: {v}', 'Refunds go to account {v}.', 'The donation account is {v}.'],
  aws_access_key: ['The leaked key {v} was rotated this morning.', 'aws_access_key_id = {v}', 'Someone committed {v} to the repository.', 'Use key id {v} for the staging bucket.'],
  github_token: ['Revoke {v} immediately, it was in the CI log.', 'GITHUB_TOKEN={v}', 'the token {v} has repo scope', 'export GH_TOKEN={v}'],
  gitlab_token: ['Access with {v} was revoked.', 'CI_JOB_TOKEN: {v}', 'The runner used {v} to push.', 'gitlab token {v} expired'],
  slack_token: ['The bot posts with {v}.', 'SLACK_BOT_TOKEN={v}', 'We rotated {v} after the incident.', 'token: {v}'],
  stripe_key: ['Charge cards with {v} in production.', 'STRIPE_SECRET_KEY={v}', 'The key {v} appeared in a screenshot.', 'stripe.api_key = "{v}"'],
  google_api_key: ['The maps widget loads with key={v}.', 'GOOGLE_API_KEY={v}', 'Restrict {v} to our referrers.', 'apiKey: "{v}"'],
  jwt: ['Authorization: Bearer {v}', 'The session cookie held {v} for a week.', 'curl -H "Authorization: Bearer {v}" https://api.internal/v1/me', 'token={v}'],
  private_key: ['The deploy key was pasted here by mistake:\n{v}\n', 'Key material follows.\n\n{v}\n', 'id_rsa:\n{v}', '{v}'],
  password: ['Log in with the password: {v}', 'password = "{v}"', 'DB_PASSWORD={v}', '"password": "{v}",', 'The wifi password: {v}', "db_pass: '{v}'"],
  secret: ['api_key = "{v}"', 'CLIENT_SECRET={v}', '"auth_token": "{v}",', 'secret_key: {v}', "SECRET_KEY = '{v}'", 'access_token := "{v}"'],
};

// Written after the test half had been run and its misses fixed: never used for tuning (`--half holdout`).
const HOLDOUT: Record<PiiType, string[]> = {
  email: ['Thanks to {n} <{v}> for the patch.', 'Subscribe by sending a blank message to {v}', 'CC: {v}; {n}'],
  ipv4: ['SSH into {v} with your usual account.', 'Blocked IP: {v} (too many requests)', 'upstream backend { server {v}:3000; }'],
  ipv6: ['The AAAA record now points to {v}.', 'listen [{v}]:80;', 'Traffic from {v} doubled overnight.'],
  phone: ['Hotline {v}, open daily.', 'Mobile: {v}', 'If the line is busy, try {v} instead.'],
  payment_card: ['Visa ending in ... no, the full number was {v}.', 'cc_number: {v}', 'He read out {v} over the phone.'],
  iban: ['Kontoverbindung: {v}', 'IBAN: {v} (BIC on request)', 'Wire the deposit to {v} please.'],
  aws_access_key: ['export AWS_ACCESS_KEY_ID={v}', 'The CloudTrail entry shows {v} creating the bucket.', '"AccessKeyId": "{v}",'],
  github_token: ['git clone https://{v}@github.com/org/private-repo.git', 'token {v} was found by secret scanning', 'Authorization: token {v}'],
  gitlab_token: ['PRIVATE-TOKEN: {v}', 'Use {v} for the registry login.', 'gitlab_token = "{v}"'],
  slack_token: ['curl -H "Authorization: Bearer {v}" https://slack.com/api/auth.test', 'The app token is {v}.', 'slack_token: "{v}"'],
  stripe_key: ['Stripe::API_KEY = "{v}"', 'Live key {v} must never be logged.', 'const stripe = require("stripe")("{v}");'],
  google_api_key: ['<script src="https://maps.googleapis.com/maps/api/js?key={v}"></script>', 'key: {v}', 'Our browser key, {v}, is restricted.'],
  jwt: ['The id_token was {v}', 'Cookie: session={v}', 'access_token: "{v}"'],
  private_key: ['ssh key:\n\n{v}\n\nDo not share.', '```\n{v}\n```', 'tls.key: |\n{v}'],
  password: ['Password: {v}', 'ADMIN_PASSWORD="{v}"', "mysql -u root --password='{v}'"],
  secret: ['WEBHOOK_SECRET={v}', '"apiKey": "{v}"', 'jwt_secret: "{v}"'],
};
const HOLDOUT_LOOKALIKE_TEMPLATES = ['The build hash is {v}.', 'ref: {v}', 'Listed under {v} in the index.'];

interface Lookalike {
  kind: string;
  make: () => string;
}
const sha = (n: number) => chars(HEX, n);
const uuid = () => `${sha(8)}-${sha(4)}-4${sha(3)}-${pick(['8', '9', 'a', 'b'])}${sha(3)}-${sha(12)}`;
function isbn13(): string {
  const body = `978${chars(DIG, 9)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  const d = (10 - (sum % 10)) % 10;
  return `${body.slice(0, 3)}-${body.slice(3, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}-${d}`;
}
function privateIp(): string {
  return pick([
    () => `10.${int(256)}.${int(256)}.${1 + int(254)}`,
    () => `192.168.${int(256)}.${1 + int(254)}`,
    () => `172.${16 + int(16)}.${int(256)}.${1 + int(254)}`,
    () => `127.0.0.${1 + int(254)}`,
    () => `192.0.2.${1 + int(254)}`,
    () => `198.51.100.${1 + int(254)}`,
    () => `203.0.113.${1 + int(254)}`,
    () => `169.254.${int(256)}.${1 + int(254)}`,
  ])();
}
const date = () => {
  const y = 1990 + int(35);
  const m = String(1 + int(12)).padStart(2, '0');
  const d = String(1 + int(28)).padStart(2, '0');
  return pick([`${y}-${m}-${d}`, `${d}/${m}/${y}`, `${d}.${m}.${y}`, `${m}/${d}/${y}`, `${y}-${m}-${d} ${String(int(24)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}`]);
};
function nonLuhnId(): string {
  for (;;) {
    const d = chars(DIG, 16);
    let sum = 0;
    for (let i = 0; i < 16; i++) {
      let x = Number(d[15 - i]);
      if (i % 2 === 1) {
        x *= 2;
        if (x > 9) x -= 9;
      }
      sum += x;
    }
    if (sum % 10 !== 0) return rnd() < 0.5 ? d : (d.match(/.{4}/g) ?? []).join(pick([' ', '-']));
  }
}

const LOOKALIKES: Lookalike[] = [
  { kind: 'package@version', make: () => `${pick(['lodash', 'react', 'left-pad', 'express', 'typescript', 'zod'])}@${int(20)}.${int(30)}.${int(20)}` },
  { kind: 'scoped package', make: () => `@${pick(['babel', 'types', 'vitest', 'aws-sdk'])}/${pick(['core', 'node', 'client-s3', 'runner'])}@^${int(9)}.${int(9)}.0` },
  { kind: 'decorator', make: () => `@${pick(['Override', 'dataclass', 'Component', 'pytest.fixture', 'staticmethod'])}` },
  { kind: 'C++ scope', make: () => pick(['std::vector<int>::iterator', 'std::map<std::string, int>::const_iterator', 'boost::asio::ip::tcp', 'Foo::Bar::baz()']) },
  { kind: 'private/loopback/documentation IPv4', make: privateIp },
  { kind: 'documentation/link-local IPv6', make: () => pick([`2001:db8::${int(65536).toString(16)}`, `fe80::${sha(4)}:${sha(4)}`, '::1', `fd${sha(2)}:${sha(4)}::${int(9) + 1}`]) },
  { kind: 'git SHA', make: () => sha(40) },
  { kind: 'short git SHA', make: () => sha(7) },
  { kind: 'UUID', make: uuid },
  { kind: 'sha256 sum', make: () => sha(64) },
  { kind: 'ISBN', make: isbn13 },
  { kind: 'date', make: date },
  { kind: 'version', make: () => pick([`${int(5)}.${int(20)}.${int(30)}`, `${int(12)}.${int(5)}.${int(20000)}.${int(9)}`, `v${int(4)}.${int(12)}.${int(9)}`]) },
  { kind: 'numeric range', make: () => `${100 + int(800)}-${900 + int(900)}` },
  { kind: 'non-Luhn 16-digit id', make: nonLuhnId },
  { kind: 'bad-checksum IBAN', make: () => iban(false) },
  { kind: 'example.com address', make: () => `${pick(FIRST)}@${pick(['example.com', 'example.org', 'example.net', 'mail.example.com', 'test.example'])}` },
  { kind: 'placeholder key', make: () => pick(['AKIAIOSFODNN7EXAMPLE', `ghp_${'x'.repeat(36)}`, 'sk_live_...', 'xoxb-your-token-here', '<your-api-key>']) },
  { kind: 'time', make: () => `${String(int(24)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}` },
  { kind: 'image@2x', make: () => `${pick(['logo', 'icon', 'sprite'])}@${2 + int(2)}x.png` },
];
const LOOKALIKE_TEMPLATES = ['See {v} for details.', 'The value was {v} in the last run.', 'Fixed in {v}, as noted above.', 'commit = "{v}"', 'id: {v}', 'We used {v} here.', 'checksum = "{v}"', '({v})'];

// ---------------------------------------------------------------- planting and scoring
interface Planted {
  text: string;
  start: number;
  end: number;
  type?: PiiType;
  kind?: string;
}

function plant(c: Carrier, sentence: string, value: string): Planted {
  const name = `${pick(FIRST)} ${pick(LAST)}`.replace(/\b\w/g, (x) => x.toUpperCase());
  let s = sentence.replace('{n}', name);
  if (c.code && !sentence.includes('\n') && !/[=:]/.test(sentence.split('{v}')[0]!.slice(-3))) s = `${c.id.endsWith('.py') || c.id.includes('python') ? '#' : '//'} ${s}`;
  const paras = c.text.split('\n\n');
  const at = 1 + int(Math.max(1, paras.length - 1));
  const before = `${paras.slice(0, at).join('\n\n')}\n\n`;
  const vi = s.indexOf('{v}');
  const start = before.length + vi;
  const text = `${before}${s.replace('{v}', value)}\n\n${paras.slice(at).join('\n\n')}`;
  return { text, start, end: start + value.length };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

const cs = carriers();
if (cs.length === 0) throw new Error('no carrier texts found under data-samples/');
const templateHalf = <T>(a: T[]) => a.filter((_, i) => i % 2 === (half === 'tune' ? 0 : 1));
const recall: Record<string, { n: number; found: number; exact: number; misses: string[] }> = {};
const kept: Record<string, { n: number; kept: number; hits: string[] }> = {};
let carrierIdx = 0;
const nextCarrier = () => cs[carrierIdx++ % cs.length]!;

for (const type of PII_TYPES) {
  const r = (recall[type] = { n: 0, found: 0, exact: 0, misses: [] as string[] });
  const templates = half === 'holdout' ? HOLDOUT[type] : templateHalf(PROSE[type]);
  for (let i = 0; i < perType; i++) {
    const value = VALUES[type]();
    const p = plant(nextCarrier(), pick(templates), value);
    const spans = scanPii(p.text);
    r.n++;
    const hit = spans.find((s) => s.type === type && overlaps(s, p));
    if (hit) {
      r.found++;
      if (hit.start === p.start && hit.end === p.end) r.exact++;
    } else if (r.misses.length < 5) r.misses.push(p.text.slice(Math.max(0, p.start - 40), p.end + 10).replace(/\n/g, '⏎'));
  }
}
const lookTemplates = half === 'holdout' ? HOLDOUT_LOOKALIKE_TEMPLATES : templateHalf(LOOKALIKE_TEMPLATES);
for (const l of LOOKALIKES) {
  const k = (kept[l.kind] = { n: 0, kept: 0, hits: [] as string[] });
  for (let i = 0; i < perType; i++) {
    const p = plant(nextCarrier(), pick(lookTemplates), l.make());
    const spans = scanPii(p.text).filter((s) => overlaps(s, p));
    k.n++;
    if (spans.length === 0) k.kept++;
    else if (k.hits.length < 5) k.hits.push(`${spans[0]!.type}: ${p.text.slice(Math.max(0, p.start - 30), p.end + 10).replace(/\n/g, '⏎')}`);
  }
}
// Background: findings in the carriers themselves (unlabelled).
let bgBytes = 0;
const background: Record<string, number> = {};
const bgExamples: string[] = [];
for (const c of cs) {
  bgBytes += Buffer.byteLength(c.text);
  for (const s of scanPii(c.text)) {
    background[s.type] = (background[s.type] ?? 0) + 1;
    bgExamples.push(`${s.type}\t${c.id}\t${c.text.slice(s.start, s.end).slice(0, 60).replace(/\n/g, '⏎')}`);
  }
}

const pct = (a: number, b: number) => (b === 0 ? '—' : (a / b).toFixed(3));
const out: string[] = [];
out.push(`PII evaluation, half "${half}": ${cs.length} carrier passages (${(bgBytes / 1e6).toFixed(2)} MB), ${perType} plantings per type and per lookalike kind.`, '');
out.push('| type | planted | found | recall | exact span |', '|---|---:|---:|---:|---:|');
for (const [t, r] of Object.entries(recall)) out.push(`| ${t} | ${r.n} | ${r.found} | ${pct(r.found, r.n)} | ${pct(r.exact, r.n)} |`);
const totN = Object.values(kept).reduce((a, k) => a + k.n, 0);
const totK = Object.values(kept).reduce((a, k) => a + k.kept, 0);
out.push('', '| lookalike (must stay) | planted | kept | kept share |', '|---|---:|---:|---:|');
for (const [kind, k] of Object.entries(kept)) out.push(`| ${kind} | ${k.n} | ${k.kept} | ${pct(k.kept, k.n)} |`);
out.push(`| **all lookalikes** | ${totN} | ${totK} | ${pct(totK, totN)} |`);
out.push('', `Findings in the carrier texts themselves (unlabelled): ${Object.entries(background).map(([t, n]) => `${t} ${n}`).join(', ') || 'none'} in ${(bgBytes / 1e6).toFixed(2)} MB.`);
process.stdout.write(`${out.join('\n')}\n`);
const misses = Object.entries(recall).filter(([, r]) => r.misses.length);
if (misses.length) {
  process.stdout.write('\nMissed positives (first few):\n');
  for (const [t, r] of misses) for (const m of r.misses) process.stdout.write(`  ${t}: ${m}\n`);
}
const hits = Object.entries(kept).filter(([, k]) => k.hits.length);
if (hits.length) {
  process.stdout.write('\nLookalikes flagged (first few):\n');
  for (const [kind, k] of hits) for (const h of k.hits) process.stdout.write(`  ${kind} → ${h}\n`);
}
if (process.argv.includes('--show-background')) process.stdout.write(`\nBackground findings:\n${bgExamples.join('\n')}\n`);
const json = arg('--json', '');
if (json) writeFileSync(json, `${JSON.stringify({ half, carriers: cs.length, recall, kept, background }, null, 2)}\n`);
