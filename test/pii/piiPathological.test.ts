/**
 * Bad input finishes in bounded time: binary junk, a 10 MB line of digits, and the strings that
 * make backtracking regexes explode (the scanner has none over the whole text; these guard it).
 * The budget is generous (shared CI machines): seconds per MB of CPU time, where the scanner
 * normally needs tens of milliseconds.
 */
import { describe, expect, it } from 'vitest';
import { scanPii } from '../../src/pii/scanPii.js';
import { redactPii } from '../../src/pii/redactPii.js';
import { piiSchema } from '../../src/config/piiSchema.js';

const BUDGET_S_PER_MB = 2;

function cpuSecondsPerMb(text: string): number {
  const c0 = process.cpuUsage();
  redactPii(text, piiSchema.parse({}));
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6 / (text.length / 1e6);
}

const rep = (s: string, bytes: number) => s.repeat(Math.ceil(bytes / s.length)).slice(0, bytes);
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);

const CASES: [string, () => string][] = [
  ['10 MB line of digits', () => rep('0123456789', 10_000_000)],
  ['binary junk', () => Array.from({ length: 1_000_000 }, () => String.fromCharCode(Math.floor(rnd() * 65536))).join('')],
  ['@ runs (email backtracking)', () => rep('a.a.a.a.a.a.a.a.a@a.a.a.a.a.a.a.a.a.', 1_000_000)],
  ['local parts without end', () => rep('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@', 1_000_000)],
  ['colons (IPv6)', () => rep(':', 1_000_000)],
  ['hex and colons', () => rep('ab:cd:ef:12:', 1_000_000)],
  ['dotted numbers', () => rep('1.1.1.1.1.', 1_000_000)],
  ['spaced digit groups (phone candidates)', () => rep('0123 4567 ', 1_000_000)],
  ['plus and parens', () => rep('+(1) (', 1_000_000)],
  ['assignments without values', () => rep('password=', 1_000_000)],
  ['secret keys with long values', () => rep(`api_key="${'x9'.repeat(200)}`, 1_000_000)],
  ['PEM headers without END', () => rep('-----BEGIN RSA PRIVATE KEY-----\nAAAA\n', 1_000_000)],
  ['key prefixes', () => rep('ghp_AKIAeyJ.eyJ.xoxb-sk_live_', 1_000_000)],
  ['IBAN starts', () => rep('DE89 3704 0044 0532 ', 1_000_000)],
  ['JWT-like segments', () => rep('eyJaaaaaaaaaaaa.eyJbbbbbbbbbbb.', 1_000_000)],
];

describe('pathological input', () => {
  it.each(CASES)('%s', (name, make) => {
    const text = make();
    const s = cpuSecondsPerMb(text);
    if (process.env.PII_TIMINGS) console.log(`${name}: ${s.toFixed(3)} s CPU per MB`);
    expect(s).toBeLessThan(BUDGET_S_PER_MB);
  });

  it('binary junk finds nothing absurd and keeps the length where nothing was found', () => {
    const junk = Array.from({ length: 100_000 }, () => String.fromCharCode(Math.floor(rnd() * 256))).join('');
    for (const s of scanPii(junk)) expect(s.end).toBeGreaterThan(s.start);
  });
});
