import { describe, expect, it } from 'vitest';
import { piiSchema } from '../../src/config/piiSchema.js';
import { applyPiiActions } from '../../src/pii/applyPiiActions.js';
import { redactPii } from '../../src/pii/redactPii.js';
import { remapSpans } from '../../src/pii/remapSpans.js';
import { scanPii } from '../../src/pii/scanPii.js';

const text = 'Mail anna.berg@posteo.de, call +44 20 7946 0958, server 93.184.216.34.';

describe('actions', () => {
  it('replace: typed placeholders, spans in the output text', () => {
    const o = redactPii(text, piiSchema.parse({}));
    expect(o.text).toBe('Mail <EMAIL>, call <PHONE>, server <IP_ADDRESS>.');
    expect(o.spans.map((s) => o.text.slice(s.start, s.end))).toEqual(['<EMAIL>', '<PHONE>', '<IP_ADDRESS>']);
    expect(o.counts).toEqual({ email: 1, phone: 1, ipv4: 1 });
    expect(o.rejectType).toBeUndefined();
  });

  it('tag: text unchanged, spans recorded; per-type actions mix', () => {
    const o = redactPii(text, piiSchema.parse({ action: 'tag', actions: { email: 'replace' } }));
    expect(o.text).toBe('Mail <EMAIL>, call +44 20 7946 0958, server 93.184.216.34.');
    expect(o.spans.map((s) => `${s.type}=${o.text.slice(s.start, s.end)}`)).toEqual(['email=<EMAIL>', 'phone=+44 20 7946 0958', 'ipv4=93.184.216.34']);
  });

  it('reject: the first rejecting type is named; types not searched are not found', () => {
    expect(redactPii(text, piiSchema.parse({ actions: { phone: 'reject' } })).rejectType).toBe('phone');
    expect(redactPii(text, piiSchema.parse({ types: ['email'], actions: { phone: 'reject' } })).rejectType).toBeUndefined();
  });

  it('nothing found: the same string back', () => {
    const t = 'Nothing personal here: version 1.2.3, std::vector, 2024-01-02.';
    expect(applyPiiActions(t, scanPii(t), () => 'replace').text).toBe(t);
  });

  it('spans follow the text when later cleaning drops lines', () => {
    const before = 'keep <EMAIL> here\ndropped <PHONE> line\n  last <IP_ADDRESS>';
    const spans = [
      { type: 'email' as const, start: 5, end: 12 },
      { type: 'phone' as const, start: 26, end: 33 },
      { type: 'ipv4' as const, start: 46, end: 58 },
    ];
    const after = 'keep <EMAIL> here\nlast <IP_ADDRESS>';
    const moved = remapSpans(spans, before, after);
    expect(moved.map((s) => `${s.type}=${after.slice(s.start, s.end)}`)).toEqual(['email=<EMAIL>', 'ipv4=<IP_ADDRESS>']);
  });
});

describe('config', () => {
  it('defaults: on, replace, every type, spans column, US and GB national phones', () => {
    const c = piiSchema.parse({});
    expect(c).toMatchObject({ enabled: true, action: 'replace', column: true, phone_regions: ['US', 'GB'], actions: {} });
    expect(c.types).toContain('private_key');
  });
  it.each([
    [{ action: 'delete' }, 'action'],
    [{ types: ['email', 'ssn'] }, 'types'],
    [{ actions: { email: 'hide' } }, 'actions'],
    [{ phone_regions: ['XX'] }, 'phone_regions'],
    [{ colour: true }, ''],
  ])('rejects %j', (input, path) => {
    const r = piiSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path.join('.')).toContain(path);
  });
});
