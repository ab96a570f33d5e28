/**
 * The license gate runs before a source is fetched: a denied http source never reaches the
 * server, while an allowed one on the same server is fetched.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curate, workspace } from '../support/cliHarness.js';

describe('license gate before fetch', () => {
  const requests: string[] = [];
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/robots.txt') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<html><head><title>${req.url}</title></head><body><main><h1>Page ${req.url}</h1>${'<p>The quick brown fox jumps over the lazy dog, and then the dog sleeps in the sun for the rest of the day.</p>'.repeat(20)}</main></body></html>`);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('never requests anything of a denied source, and fetches the allowed one', async () => {
    const ws = workspace();
    writeFileSync(
      join(ws, 'configs', 'gate.yaml'),
      `name: gate
output: out/gate
policy: licenses/permissive.yaml
sources:
  - { id: denied-web, kind: http, urls: ["${base}/denied/1", "${base}/denied/2"], license: GPL-3.0-only }
  - { id: allowed-web, kind: http, urls: ["${base}/allowed/1"], license: CC-BY-4.0 }
mix:
  total_tokens: 1000
  domains: { code: 0, prose: 1, science: 0 }
`,
    );
    const r = await curate(ws, ['ingest', 'configs/gate.yaml', '--workers', '1', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(requests.filter((u) => u.startsWith('/denied'))).toEqual([]);
    expect(requests).toContain('/allowed/1');
    const plan = JSON.parse(readFileSync(join(ws, 'out/gate/staging/_plan.json'), 'utf8')) as { sources: { id: string; status: string; partitions: string[] }[] };
    expect(plan.sources.find((s) => s.id === 'denied-web')).toEqual({ id: 'denied-web', status: 'excluded', partitions: [] });
  });
});
