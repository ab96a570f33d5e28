import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/configError.js';
import { OptOutMatcher, parseOptOutList, textSha256 } from '../../src/license/optOutList.js';

describe('opt-out lists', () => {
  const list = parseOptOutList('takedown.txt', `# comment\nhttps://example.org/private/\ndomain:Blog.Example.COM\nid:web/0123456789abcdef  # by id\nsha256:${textSha256('secret text')}\n\n`);
  const m = new OptOutMatcher([list]);

  it('matches URL prefixes, domains with their subdomains, ids (and their repeats) and text hashes', () => {
    expect(list.rules.map((r) => r.kind)).toEqual(['prefix', 'domain', 'id', 'sha256']);
    expect(m.match({ id: 'x/1', url: 'https://example.org/private/a.html' })?.rule.line).toBe(2);
    expect(m.match({ id: 'x/1', url: 'https://example.org/public/a.html' })).toBeUndefined();
    expect(m.match({ id: 'x/1', url: 'https://news.blog.example.com/p' })?.rule.kind).toBe('domain');
    expect(m.match({ id: 'x/1', url: 'https://notblog.example.com/p' })).toBeUndefined();
    expect(m.match({ id: 'web/0123456789abcdef#2', url: '' })?.rule.kind).toBe('id');
    expect(m.match({ id: 'x/1', url: '', text: 'secret text' })?.rule.kind).toBe('sha256');
    expect(m.match({ id: 'x/1', url: '', text: 'secret text.' })).toBeUndefined();
  });

  it('rejects a line that is none of the four forms, naming file:line', () => {
    expect(() => parseOptOutList('l.txt', 'https://ok.org/\nexample.org/path\n')).toThrow(ConfigError);
    expect(() => parseOptOutList('l.txt', 'https://ok.org/\nexample.org/path\n')).toThrow(/^l\.txt:2 optout: expected a URL prefix/);
    expect(() => parseOptOutList('l.txt', 'sha256:abc\n')).toThrow(/^l\.txt:1 optout: expected sha256:<64 hex digits>/);
  });
});
