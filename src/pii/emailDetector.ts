import { at, isAlnum, isWord } from './charClass.js';
import type { PiiSpan } from './piiTypes.js';
import { isReservedDomain } from './reservedDomains.js';

/** The practical RFC 5322 subset of local-part characters (dot-atom, no quoted strings or comments). */
const LOCAL = new Uint8Array(128);
for (const ch of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-") LOCAL[ch.charCodeAt(0)] = 1;
const isLocal = (c: number) => c < 128 && LOCAL[c] === 1;

/**
 * Top-level "domains" that are file extensions: `logo@2x.png` is an image name, not an address.
 * None of these is a delegated TLD.
 */
const FILE_TLDS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'ico', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'css', 'scss', 'json', 'html', 'htm', 'xml', 'yaml', 'yml', 'txt', 'md', 'rst', 'tgz', 'gz', 'zip', 'whl', 'tar', 'lock', 'map', 'wasm']);

/** Code hosts' SSH addresses (`git@github.com:org/repo.git`) are a protocol convention, not a person's mailbox. */
const SSH_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'ssh.dev.azure.com', 'codeberg.org']);

/**
 * An address around the '@' at `atSign`, or null. Not addresses: `pkg@1.2.3` (numeric top
 * level), `@scope/pkg` and `@decorator` (empty local part), `user@host` (no dot), image names,
 * reserved example domains.
 */
export function detectEmail(text: string, atSign: number): PiiSpan | null {
  // Local part: back to the first character that cannot be in one (at most 64).
  let s = atSign;
  while (s > 0 && atSign - s < 65 && isLocal(text.charCodeAt(s - 1))) s--;
  if (atSign - s > 64) return null;
  // Leading dots and quote-like characters belong to the sentence ("'joe@…", "...joe@…").
  while (s < atSign && (text.charCodeAt(s) === 46 || text.charCodeAt(s) === 39 || text.charCodeAt(s) === 96 || text.charCodeAt(s) === 47 || text.charCodeAt(s) === 61)) s++;
  if (s === atSign) return null;
  const before = at(text, s - 1);
  if (before === 64 || isWord(before)) return null; // a@b@c, or a non-ASCII letter glued to it
  const local = text.slice(s, atSign);
  if (local.endsWith('.') || local.includes('..')) return null;

  // Domain: dot-separated labels of letters, digits and inner hyphens.
  let e = atSign + 1;
  let labelStart = e;
  let labels = 0;
  let lastLabel = '';
  for (;;) {
    let j = labelStart;
    while (j < text.length && j - labelStart < 64 && (isAlnum(text.charCodeAt(j)) || text.charCodeAt(j) === 45)) j++;
    if (j === labelStart || text.charCodeAt(labelStart) === 45 || text.charCodeAt(j - 1) === 45) break;
    labels++;
    e = j;
    lastLabel = text.slice(labelStart, j);
    if (text.charCodeAt(j) === 46 && isAlnum(at(text, j + 1)) && e - atSign < 254) labelStart = j + 1;
    else break;
  }
  if (labels < 2 || isWord(at(text, e)) || at(text, e) === 64) return null;
  const tld = lastLabel.toLowerCase();
  if (!/^(?:[a-z]{2,24}|xn--[a-z0-9-]{2,59})$/.test(tld) || FILE_TLDS.has(tld)) return null;
  const domain = text.slice(atSign + 1, e).toLowerCase();
  if (isReservedDomain(domain)) return null;
  if (at(text, e) === 58 && SSH_HOSTS.has(domain)) return null;
  return { type: 'email', start: s, end: e };
}
