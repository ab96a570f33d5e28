import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceSchema } from '../../src/config/sourceSchema.js';
import { surveySource } from '../../src/sources/surveySource.js';

const dir = mkdtempSync(join(tmpdir(), 'curate-survey-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('curate sources (survey)', () => {
  it('counts records, bytes, rejects by reason and license files of a source', async () => {
    mkdirSync(join(dir, 'repo'));
    writeFileSync(join(dir, 'repo', 'LICENSE'), 'MIT License');
    writeFileSync(join(dir, 'repo', 'a.py'), 'x = 1\n');
    writeFileSync(join(dir, 'repo', 'b.bin'), Buffer.from([1, 0, 2]));
    writeFileSync(join(dir, 'repo', 'yarn.lock'), '# lock');
    const src = sourceSchema.parse({ id: 'repo', kind: 'files', path: 'repo', license: 'MIT' });
    const r = await surveySource(src, { baseDir: dir, outputDir: dir }, { show: 1, progress: false });
    expect(r).toMatchObject({ source: 'repo', kind: 'files', partitions: 1, records: 1, bytes: 6, rejects: { 'source.binary': 1, 'source.generated': 1 }, licenseFiles: ['LICENSE'] });
    expect(r.examples).toEqual([{ key: 'a.py', url: 'file://repo/a.py', contentType: 'code', mime: undefined, programmingLanguage: 'python', bytes: 6 }]);
  });
});
