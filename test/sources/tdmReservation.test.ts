/**
 * TDM reservations (W3C TDMRep) against a real local HTTP server: the `tdm-reservation` header, the
 * `<meta name="tdm-reservation">` tag, `/.well-known/tdmrep.json` rules (a reserved path is never
 * fetched), `noai` robots values as an option, and a source whose licence grants TDM.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSourceSchema } from '../../src/config/sourceSchema.js';
import { httpReader } from '../../src/sources/httpReader.js';
import { matchTdmRule, parseTdmRep } from '../../src/sources/http/tdmReservation.js';
import { readAll, testEnv } from './testContext.js';

const page = (head = '') => `<html><head><title>t</title>${head}</head><body><p>A page about text and data mining.</p></body></html>`;
const hits = new Map<string, number>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const html = (body: string, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(body);
    };
    if (path === '/robots.txt') return void res.writeHead(404).end();
    if (path === '/.well-known/tdmrep.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify([{ location: '/reserved/*', 'tdm-reservation': 1, 'tdm-policy': 'https://example.org/policy.json' }, { location: '/*', 'tdm-reservation': 0 }]));
    }
    if (path === '/open') return html(page());
    if (path === '/header') return html(page(), { 'tdm-reservation': '1' });
    if (path === '/meta') return html(page('<meta content="1" name="tdm-reservation">'));
    if (path === '/meta-zero') return html(page('<meta name="tdm-reservation" content="0">'));
    if (path === '/reserved/article') return html(page());
    if (path === '/noai') return html(page('<meta name="robots" content="index, noai, noimageai">'));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const paths = ['/open', '/header', '/meta', '/meta-zero', '/reserved/article', '/noai'];
const source = (o: Record<string, unknown> = {}) =>
  httpSourceSchema.parse({ id: 'web', kind: 'http', license: 'CC-BY-4.0', urls: paths.map((p) => `${base}${p}`), per_host_rate: 1000, retries: 0, archive: mkdtempSync(join(tmpdir(), 'tdm-')), ...o });

describe('TDM reservations', () => {
  it('rejects the header, meta and tdmrep.json cases as license.tdm_reserved, and never fetches a reserved path', async () => {
    hits.clear();
    const env = testEnv(tmpdir());
    const recs = await readAll(httpReader, source(), env);
    expect(recs.map((r) => new URL(r.url).pathname)).toEqual(['/open', '/meta-zero', '/noai']);
    const byPath = Object.fromEntries(env.rejects.map((r) => [new URL(r.url).pathname, r]));
    expect(Object.keys(byPath).sort()).toEqual(['/header', '/meta', '/reserved/article']);
    for (const r of Object.values(byPath)) {
      expect(r.reason).toBe('license.tdm_reserved');
      expect(r.stage).toBe('license');
    }
    expect(byPath['/header']!.detail).toMatch(/tdm-reservation: 1/);
    expect(byPath['/meta']!.detail).toMatch(/<meta name="tdm-reservation" content="1">/);
    expect(byPath['/reserved/article']!.detail).toMatch(/tdmrep\.json reserves TDM for "\/reserved\/\*" \(policy https:\/\/example\.org\/policy\.json\)/);
    expect(hits.get('/reserved/article') ?? 0).toBe(0);
    expect(hits.get('/.well-known/tdmrep.json')).toBe(1);
  });

  it('treats noai / noimageai robots values as a reservation when tdm_noai is set', async () => {
    const env = testEnv(tmpdir());
    const recs = await readAll(httpReader, source({ tdm_noai: true }), env);
    expect(recs.map((r) => new URL(r.url).pathname)).toEqual(['/open', '/meta-zero']);
    expect(env.rejects.find((r) => r.url.endsWith('/noai'))!.detail).toMatch(/noai/);
  });

  it('keeps everything when the source records a licence that grants TDM', async () => {
    const env = testEnv(tmpdir());
    const recs = await readAll(httpReader, source({ tdm_license: 'https://creativecommons.org/licenses/by/4.0/ (publisher agreement 2024-03)' }), env);
    expect(recs).toHaveLength(paths.length);
    expect(env.rejects).toEqual([]);
  });

  it('matches tdmrep.json locations with wildcards and anchors', () => {
    const rules = parseTdmRep(JSON.stringify([{ location: '/a/*.html$', 'tdm-reservation': 1 }, { location: '/b', 'tdm-reservation': 1 }]))!;
    expect(matchTdmRule(rules, 'https://x.org/a/p/q.html')?.location).toBe('/a/*.html$');
    expect(matchTdmRule(rules, 'https://x.org/a/p/q.htmlx')).toBeUndefined();
    expect(matchTdmRule(rules, 'https://x.org/b/c')?.location).toBe('/b');
    expect(parseTdmRep('{"not": "an array"}')).toBeUndefined();
  });
});
