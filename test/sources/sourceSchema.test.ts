import { describe, expect, it } from 'vitest';
import { sourceSchema } from '../../src/config/sourceSchema.js';

describe('source schema', () => {
  it('fills documented defaults for every kind', () => {
    const http = sourceSchema.parse({ id: 'web', kind: 'http', license: 'MIT', urls: ['https://example.org/a'] });
    expect(http).toMatchObject({ robots: true, concurrency: 16, per_host_concurrency: 2, per_host_rate: 1, retries: 4, max_body_bytes: 10_000_000, max_redirects: 5, partition_size: 500 });
    expect(sourceSchema.parse({ id: 'w', kind: 'warc', path: 'x', license: 'MIT', max_record_bytes: '2MB' })).toMatchObject({ max_record_bytes: 2_000_000, content_types: ['text/html', 'application/xhtml+xml'] });
    expect(sourceSchema.parse({ id: 'j', kind: 'jsonl', path: 'x', license_field: 'lic' })).toMatchObject({ text_field: 'text', content_type: 'text' });
    expect(sourceSchema.parse({ id: 'p', kind: 'parquet', path: 'x', license: 'MIT', content_type: 'markdown' })).toMatchObject({ content_type: 'markdown' });
    expect(sourceSchema.parse({ id: 'f', kind: 'files', path: 'x', license: 'MIT' })).toMatchObject({ skip_vendored: true, skip_generated: true, dot: false, max_file_bytes: 5_000_000 });
  });

  it('refuses an http source without URLs, non-http URLs and bad media types', () => {
    expect(sourceSchema.safeParse({ id: 'web', kind: 'http', license: 'MIT' }).success).toBe(false);
    expect(sourceSchema.safeParse({ id: 'web', kind: 'http', license: 'MIT', urls: ['ftp://example.org/x'] }).success).toBe(false);
    expect(sourceSchema.safeParse({ id: 'web', kind: 'http', license: 'MIT', url_file: 'urls.txt', content_types: ['html'] }).success).toBe(false);
    expect(sourceSchema.safeParse({ id: 'web', kind: 'http', license: 'MIT', url_file: 'urls.txt', bogus: 1 }).success).toBe(false);
  });
});
