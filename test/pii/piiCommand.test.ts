/** `curate pii` as a user runs it: the real executable on a JSONL file. */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curate } from '../support/cliHarness.js';

const lines = [
  { id: 1, text: 'Reach Dana at dana.k@fastmail.fm or +1 415 555 0132.', lang: 'en', meta: { n: [1, 2] } },
  { id: 2, text: 'Docs: user@example.com, lodash@4.17.21, 192.168.0.1, 2024-05-01.' },
  { id: 3, text: 'card 4111 1111 1111 1111 on file' },
];

function setup(): string {
  const dir = mkdtempSync(join(tmpdir(), 'curate-pii-cli-'));
  writeFileSync(join(dir, 'corpus.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{broken\n`);
  return dir;
}

describe('curate pii', () => {
  it('redacts each line\'s text, keeps the other fields and prints per-type counts', async () => {
    const dir = setup();
    const r = await curate(dir, ['pii', '--in', 'corpus.jsonl', '--out', 'redacted.jsonl']);
    expect(r.code).toBe(0);
    const out = readFileSync(join(dir, 'redacted.jsonl'), 'utf8').split('\n');
    expect(JSON.parse(out[0]!)).toEqual({ id: 1, text: 'Reach Dana at <EMAIL> or <PHONE>.', lang: 'en', meta: { n: [1, 2] } });
    expect(JSON.parse(out[1]!)).toEqual(lines[1]);
    expect(JSON.parse(out[2]!).text).toBe('card <CARD_NUMBER> on file');
    expect(out[3]).toBe('{broken'); // not JSON: copied as it is, and counted
    expect(r.stdout).toMatch(/^ {2}email +1$/m);
    expect(r.stdout).toMatch(/^ {2}phone +1$/m);
    expect(r.stdout).toMatch(/^ {2}payment_card +1$/m);
    expect(r.stdout).toContain('copied unchanged (not_json): 1');
  });

  it('--types, --action reject and --json', async () => {
    const dir = setup();
    const r = await curate(dir, ['pii', '--in', 'corpus.jsonl', '--out', 'r.jsonl', '--types', 'email,phone', '--action', 'reject', '--json']);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.rejected).toEqual({ email: 1 });
    expect(res.found).toEqual({ email: 1, phone: 1 });
    const out = readFileSync(join(dir, 'r.jsonl'), 'utf8').trim().split('\n');
    expect(out.map((l) => (l.startsWith('{"') ? JSON.parse(l).id : l))).toEqual([2, 3, '{broken']);
    expect(out[1]).toContain('4111 1111 1111 1111'); // payment_card was not asked for
  });

  it('usage errors exit 2: same file in and out, unknown type, bad action, missing input', async () => {
    const dir = setup();
    for (const args of [
      ['--in', 'corpus.jsonl', '--out', 'corpus.jsonl'],
      ['--in', 'corpus.jsonl', '--out', './corpus.jsonl'],
      ['--in', 'corpus.jsonl', '--out', 'o.jsonl', '--types', 'email,ssn'],
      ['--in', 'corpus.jsonl', '--out', 'o.jsonl', '--action', 'erase'],
      ['--in', 'missing.jsonl', '--out', 'o.jsonl'],
      ['--in', 'corpus.jsonl'],
    ]) {
      const r = await curate(dir, ['pii', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/pii|--out/);
    }
    expect(readFileSync(join(dir, 'corpus.jsonl'), 'utf8')).toContain('dana.k@fastmail.fm');
    expect(existsSync(join(dir, 'o.jsonl'))).toBe(false);
  });
});
