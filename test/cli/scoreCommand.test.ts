import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerScoreCommand } from '../../src/cli/scoreCommand.js';
import { PROSE, PYTHON } from '../annotate/fixtures.js';
import { runCommandInProcess, type InProcessResult } from '../support/runCommandInProcess.js';

async function run(args: string[]): Promise<InProcessResult> {
  return runCommandInProcess(registerScoreCommand, ['score', ...args]);
}

const dir = mkdtempSync(join(tmpdir(), 'curate-score-'));
writeFileSync(join(dir, 'water.md'), PROSE);
writeFileSync(join(dir, 'config.py'), PYTHON);

afterEach(() => {
  process.exitCode = undefined;
});

describe('curate score', () => {
  it("prints each rule's threshold beside its value, each point's condition, and the failing rule is the rejection", async () => {
    const nav = ['Home', 'About us', 'Products', 'Contact', 'Blog', 'Careers', 'Press', 'Legal', 'Privacy', 'Terms'].join('\n');
    writeFileSync(join(dir, 'nav.txt'), nav);
    const r = await run([join(dir, 'nav.txt'), '--tokenizer', 'approx', '--preset', 'gopher']);
    expect(r.out).toMatch(/FAIL gopher\.word_count +11 +needs 50 – 100000/);
    expect(r.out).toMatch(/ok {3}gopher_repetition\.dup_line_frac +0 +needs ≤ 0\.3/);
    expect(r.out).toMatch(/ 0 explains .*\n +needs edu\.explain_per_1k ≥ 6/);
    expect(r.out).toMatch(/rejected quality\.gopher\.word_count \(11 < 50\)/);
    expect(r.code).toBe(1);
    const code = await run([join(dir, 'config.py'), '--tokenizer', 'approx']);
    expect(code.out).toMatch(/code rules: this is code/);
    expect(code.out).toMatch(/code\.comment_frac +[\d.]+ +needs 0 – 0\.95/);
    expect(code.out).toMatch(/needs edu\.code\.comment_frac 0\.08 – 0\.7/);
  });

  it('prints domain, language, score with per-point signals and the rejection verdict', async () => {
    const r = await run([join(dir, 'water.md'), '--tokenizer', 'approx']);
    expect(r.out).toMatch(/domain\s+prose/);
    expect(r.out).toMatch(/language en/);
    expect(r.out).toMatch(/textbook \d\/5/);
    expect(r.out).toMatch(/\+1 explains\s+edu\.explain_per_1k=/);
    expect(r.out).toMatch(/rejected no/);
    expect(r.code).toBe(0);
  });

  it('--json gives one object per file, with the tokenizer named', async () => {
    const r = await run([join(dir, 'water.md'), join(dir, 'config.py'), '--json']);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => x.domain)).toEqual(['prose', 'code']);
    expect(rows[0].tokenizer).toBe('gpt-tokenizer/cl100k_base');
    expect(rows[0].tokens).toBeGreaterThan(100);
    expect(rows[1].signals['code.max_line_length']).toBeGreaterThan(10);
  });

  it('exits 1 when a rule would reject a file', async () => {
    writeFileSync(join(dir, 'lorem.txt'), `${PROSE}\nLorem ipsum dolor sit amet.`);
    const r = await run([join(dir, 'lorem.txt'), '--json']);
    expect(JSON.parse(r.out).rejected_by).toBe('quality.c4.lorem_ipsum');
    expect(r.code).toBe(1);
  });

  it('batch mode: --in/--out JSONL adds domain, lang, quality, rejected_by', async () => {
    const input = join(dir, 'docs.jsonl');
    const output = join(dir, 'scores.jsonl');
    writeFileSync(input, `${JSON.stringify({ id: 'a', text: PROSE })}\n${JSON.stringify({ id: 'b', text: 'Home\nShop\n' })}\n`);
    const r = await run(['--in', input, '--out', output, '--tokenizer', 'approx']);
    expect(r.code).toBe(0);
    const rows = readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => x.id)).toEqual(['a', 'b']);
    expect(rows[0]).toMatchObject({ domain: 'prose', lang: 'en', rejected_by: null });
    expect(typeof rows[0].quality).toBe('number');
    expect(rows[1].rejected_by).toBe('quality.gopher.word_count');
  });

  it('every format goes through its own extractor: .rst, .rst.txt, .ipynb and .pdf files, and a batch row\'s contentType', async () => {
    const samples = join(import.meta.dirname, '../../data-samples');
    const rst = join(samples, 'prose/docutils-docs/rst/quickstart.rst');
    const rstTxt = join(samples, 'science/astropy-docs/_sources/time/index.rst.txt');
    const nb = join(samples, 'code/nbconvert-docs/nbconvert_library.ipynb');
    const pdf = join(samples, 'prose/docutils-docs/pdf/policies.pdf');
    // The same reST read as markdown keeps its markup: more tokens than the reST extractor leaves.
    const asMd = join(dir, 'quickstart.md');
    writeFileSync(asMd, readFileSync(rst));
    const r = await run([rst, rstTxt, nb, pdf, asMd, '--json', '--tokenizer', 'approx']);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => x.contentType)).toEqual(['rst', 'rst', 'ipynb', 'pdf', 'markdown']);
    expect(rows[0].tokens).toBeLessThan(rows[4].tokens * 0.97);
    expect(rows[3].tokens).toBeGreaterThan(1000);
    // Batch mode: contentType (a content type or a MIME type) picks the extractor; unknown ones are rejects.
    const text = readFileSync(rst, 'utf8');
    const input = join(dir, 'formats.jsonl');
    const output = join(dir, 'formats-out.jsonl');
    writeFileSync(input, [{ id: 'raw', text }, { id: 'rst', text, contentType: 'rst' }, { id: 'mime', text, contentType: 'text/x-rst' }, { id: 'odd', text, contentType: 'video/mp4' }].map((x) => JSON.stringify(x)).join('\n') + '\n');
    const b = await run(['--in', input, '--out', output, '--tokenizer', 'approx']);
    expect(b.code).toBe(0);
    const out = readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(out[1].tokens).toBe(rows[0].tokens);
    expect(out[2].tokens).toBe(rows[0].tokens);
    expect(out[0].tokens).toBeGreaterThan(out[1].tokens);
    expect(out[3]).toMatchObject({ id: 'odd', rejected_by: 'score.unknown_content_type' });
  });

  it('usage errors exit 2 with a one-line hint', async () => {
    expect((await run([])).code).toBe(2);
    const bad = await run([join(dir, 'water.md'), '--preset', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/use one of curate, fineweb, gopher, c4/);
    const badLine = join(dir, 'bad.jsonl');
    writeFileSync(badLine, 'not json\n');
    const r = await run(['--in', badLine]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.jsonl:1: not valid JSON/);
    // `--in page.rst` is a slip: the message says how to score a file.
    const page = join(dir, 'page.rst');
    writeFileSync(page, 'Title\n=====\n\nText.\n');
    expect((await run(['--in', page])).err).toMatch(/pass it without --in: curate score .*page\.rst/);
  });
});
