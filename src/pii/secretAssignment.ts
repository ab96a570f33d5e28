import { at, isWord } from './charClass.js';
import type { PiiSpan } from './piiTypes.js';
import { shannonEntropy } from './shannonEntropy.js';

/**
 * `password = "…"`, `api_key: …`, `"client_secret": "…"`, `SECRET_KEY=…`: a value assigned to a
 * name that says it is a credential. The name decides the type, the value must look like a real
 * credential (not a variable, a type annotation, a placeholder, a sentence or a hash), and only
 * the value is a finding.
 */

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'pw']);
const SECRET_WORDS = new Set(['secret', 'token', 'apikey', 'credential', 'credentials', 'auth']);
/** Two-word names that are secrets ("api key", "access key", "private key", "client secret"). */
const SECRET_PAIRS = new Set(['api key', 'access key', 'secret key', 'private key', 'signing key', 'master key', 'encryption key', 'app key', 'auth key', 'session key']);
/** Words in the name that make it metadata about a secret, not the secret. */
const NOT_VALUE_WORDS = new Set([
  'hash', 'hashed', 'sha', 'sha1', 'sha256', 'md5', 'checksum', 'digest', 'commit', 'integrity', 'uuid', 'id', 'ids', 'length', 'len', 'min', 'max',
  'name', 'names', 'file', 'path', 'dir', 'url', 'uri', 'type', 'types', 'field', 'env', 'var', 'prompt', 'label', 'hint', 'policy', 'regex', 'pattern',
  'count', 'expiry', 'expires', 'ttl', 'timeout', 'header', 'param', 'format', 'public', 'pub', 'endpoint', 'enabled', 'required', 'reset', 'manager', 'store',
  'validator', 'strength', 'class', 'mode', 'provider', 'storage', 'input', 'output', 'error', 'message', 'text', 'column', 'key_id', 'version', 'size', 'bits',
  'algorithm', 'algo', 'kind', 'prefix', 'index', 'limit', 'rate', 'lifetime', 'scope', 'scopes',
]);

/** Splits an identifier into lower-case words: `clientSecret` → client, secret; `API_KEY` → api, key. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** 'password' | 'secret' | null for an assigned name. */
const MAYBE_CREDENTIAL = /pass|pw|secret|token|key|auth|cred/i;

export function credentialKind(name: string): 'password' | 'secret' | null {
  if (!MAYBE_CREDENTIAL.test(name)) return null; // most assignments: one cheap test
  const w = words(name);
  if (w.length === 0 || w.length > 6) return null;
  if (w.some((x) => NOT_VALUE_WORDS.has(x))) return null;
  // Short words count only as the name's last word: `db_pass`, not `passThroughOptions`.
  const last = w[w.length - 1]!;
  if (w.some((x) => PASSWORD_WORDS.has(x) && (x.length > 4 || x === last))) return 'password';
  if (w.some((x) => SECRET_WORDS.has(x))) return 'secret';
  for (let i = 0; i + 1 < w.length; i++) if (SECRET_PAIRS.has(`${w[i]} ${w[i + 1]}`)) return 'secret';
  return null;
}

const PLACEHOLDER = /^(?:none|null|nil|true|false|undefined|string|str|bytes|int|bool|optional|required|empty|secret|password|changeme|change_me|redacted|hidden|masked|todo|tbd|n\/a)$|x{4,}|\*{3,}|\.{3}|<|>|\$\{|\{\{|%\(|%s|^\$[A-Za-z_]\w*$|example|sample|dummy|placeholder|your|\bfoo|\bbar/i;
const HEX = /^[0-9a-fA-F]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HASH_LENGTHS = new Set([32, 40, 56, 64, 96, 128]);
/** sha256:…, sha512-… (SRI), md5=…: a content hash named as such. */
const NAMED_HASH = /^(?:sha\d*|md5|blake2b?|xxh\d*)[:=-]/i;

/** Whether a value looks like a credential: long enough, varied characters, no sign of being code or text. */
export function looksLikeCredential(v: string, quoted: boolean): boolean {
  if (v.length < 8 || v.length > 256) return false;
  if (/\s/.test(v) || PLACEHOLDER.test(v) || NAMED_HASH.test(v) || UUID.test(v)) return false;
  if (HEX.test(v) && HASH_LENGTHS.has(v.length)) return false; // git SHAs and content hashes
  let lower = 0, upper = 0, digit = 0, other = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  // Unquoted, a value of letters, dots and underscores is a variable or an attribute (`self.password`, `str`).
  if (!quoted && !digit && /^[A-Za-z_.]+$/.test(v)) return false;
  if (!quoted && /[()[\]]/.test(v)) return false; // a call or an index: getpass(), os.environ["X"]
  if (!quoted && /^(?:!|&&|\|\||\+\+|--)/.test(v)) return false; // an expression: !!flag, a && b
  if (lower + upper + digit + other < 2) return false;
  return shannonEntropy(v) >= (v.length < 16 ? 2.5 : 3.0);
}

export interface AssignmentResult {
  span: PiiSpan | null;
  next: number;
}

/**
 * The assignment whose operator is at `op` ('=' or ':'). Looks back for the name (optionally
 * quoted), forward for the value (optionally quoted).
 */
export function detectSecretAssignment(text: string, op: number): AssignmentResult {
  const none = { span: null, next: op + 1 };
  const c = text.charCodeAt(op);
  const nextC = at(text, op + 1);
  const prevC = at(text, op - 1);
  if (nextC === 61 || nextC === 62 || prevC === 61 || prevC === 33 || prevC === 60 || prevC === 62) return none; // == => != <= >=
  if (c === 58 && (nextC === 58 || prevC === 58)) return none; // :: scopes
  // The name: back over spaces, a closing quote, then identifier characters.
  let j = op - 1;
  if (c === 61 && prevC === 58) j--; // :=
  while (j >= 0 && j > op - 4 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j--;
  const q = at(text, j);
  if (q === 34 || q === 39) j--;
  const nameEnd = j + 1;
  while (j >= 0 && nameEnd - j <= 64 && (isWord(text.charCodeAt(j)) || text.charCodeAt(j) === 45 || text.charCodeAt(j) === 46)) j--;
  const nameStart = j + 1;
  if (nameEnd - nameStart < 2 || nameEnd - nameStart > 64) return none;
  // A prose label: "Password:" at a line start or after a word like "my"/"the" — words() handles both.
  const kind = credentialKind(text.slice(nameStart, nameEnd));
  if (!kind) return none;
  // The value.
  let v = op + 1;
  while (v < text.length && v - op < 6 && (text.charCodeAt(v) === 32 || text.charCodeAt(v) === 9)) v++;
  const oq = at(text, v);
  let vs: number;
  let ve: number;
  let quoted = false;
  if (oq === 34 || oq === 39 || oq === 96) {
    vs = v + 1;
    ve = vs;
    while (ve < text.length && ve - vs <= 256 && text.charCodeAt(ve) !== oq && text.charCodeAt(ve) !== 10) ve++;
    if (at(text, ve) !== oq) return none;
    quoted = true;
  } else {
    vs = v;
    ve = vs;
    while (ve < text.length && ve - vs <= 256) {
      const ch = text.charCodeAt(ve);
      if (ch <= 32 || ch === 44 || ch === 59 || ch === 125 || ch === 41 || ch === 93 || ch === 34 || ch === 39) break;
      ve++;
    }
    // Sentence punctuation after an unquoted value in prose.
    while (ve > vs && (text.charCodeAt(ve - 1) === 46 || text.charCodeAt(ve - 1) === 58) && !isWord(at(text, ve))) ve--;
  }
  const value = text.slice(vs, ve);
  if (!looksLikeCredential(value, quoted)) return { span: null, next: Math.max(op + 1, ve) };
  return { span: { type: kind, start: vs, end: ve }, next: ve };
}
