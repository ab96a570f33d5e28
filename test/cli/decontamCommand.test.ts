/** `curate decontam` on a JSONL corpus, as a user runs it: report lines, summary, exit codes 0/1/2. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { curate, repoRoot } from '../support/cliHarness.js';

const dir = mkdtempSync(join(tmpdir(), 'decontam-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Real text: a KJV chapter (public domain) as the corpus document, one of its verses as the item.
const chapter = readFileSync(join(repoRoot, 'data-samples/prose/kjv-bible/Jonah-01.txt'), 'utf8');
const verse = 'Then the mariners were afraid, and cried every man unto his god, and cast forth the wares that were in the ship into the sea';

describe('curate decontam', () => {
  writeFileSync(join(dir, 'set.jsonl'), [{ id: 'jonah-1-5', question: verse.toUpperCase() }, { id: 'short', question: 'the sea' }].map((x) => JSON.stringify(x)).join('\n'));
  writeFileSync(
    join(dir, 'corpus.jsonl'),
    [JSON.stringify({ id: 'jonah-1', text: chapter }), JSON.stringify({ id: 'clean', text: 'Nothing of the set here, only a short clean line of text.' }), 'not json', JSON.stringify({ id: 'no-text' })].join('\n'),
  );

  it('reports the contaminated document, counts skipped items and bad lines, exits 1', async () => {
    const r = await curate(dir, ['decontam', '--eval', 'set.jsonl', '--field', 'question', '--in', 'corpus.jsonl', '--out', 'found.jsonl']);
    expect(r.code).toBe(1);
    const lines = readFileSync(join(dir, 'found.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ id: 'jonah-1', eval_ids: ['jonah-1-5'], coverage: 1, sets: ['set'] });
    expect(lines[0].ngrams).toBe(verse.split(' ').length - 12);
    expect(r.stderr).toContain('decontam: 2 documents checked, 1 contaminated (13-gram)');
    expect(r.stderr).toContain('set: 1 of 2 items found in 1 documents; 1 items skipped (1 under 8 words');
    expect(r.stderr).toContain('2 corpus line(s) skipped');
  });

  it('exits 0 when clean, 2 on usage errors with a message that says what to do', async () => {
    writeFileSync(join(dir, 'clean.jsonl'), JSON.stringify({ id: 'c', text: 'Nothing here.' }));
    expect((await curate(dir, ['decontam', '--eval', 'set.jsonl', '--field', 'question', '--in', 'clean.jsonl', '--out', 'o.jsonl'])).code).toBe(0);
    const noField = await curate(dir, ['decontam', '--eval', 'set.jsonl', '--in', 'corpus.jsonl', '--out', 'o.jsonl']);
    expect(noField.code).toBe(2);
    expect(noField.stderr).toMatch(/has the field\(s\) "text"; check the set's fields \(config `fields:`, or --field\)/);
    const noFile = await curate(dir, ['decontam', '--eval', 'missing.jsonl', '--in', 'corpus.jsonl', '--out', 'o.jsonl']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('file not found: missing.jsonl');
    expect((await curate(dir, ['decontam', '--eval', 'set.jsonl', '--field', 'question', '--ngram', '2', '--in', 'corpus.jsonl', '--out', 'o.jsonl'])).code).toBe(2);
    expect((await curate(dir, ['decontam', '--eval', 'set.jsonl', '--out', 'o.jsonl'])).code).toBe(2);
    expect((await curate(dir, ['decontam', '--eval', 'set.jsonl', '--field', 'question', '--in', 'nope.jsonl', '--out', 'o.jsonl'])).code).toBe(2);
  });
});
