/**
 * Politeness across tasks: an http source crawled by 3 ingest tasks at once. Each host's URLs are
 * fetched by exactly one task, so the per-host rate measured at the server holds for the whole job.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curate, workspace } from '../support/cliHarness.js';

const HOSTS = ['127.0.0.1', '127.0.0.2', '127.0.0.3', 'localhost'];
const PER_HOST = 9;
const RATE = 5; // requests per second per host: starts at least 200 ms apart

const hits: { host: string; path: string; at: number }[] = [];
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    hits.push({ host, path: req.url ?? '', at: performance.now() });
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    const n = req.url ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><head><title>Page ${n} on ${host}</title></head><body><main><h1>Page ${n}</h1>${'<p>A short article on the history of lighthouses, with a paragraph that is long enough to be kept by the quality filters of the default preset, and a few more words for good measure.</p>'.repeat(4)}<p>Host ${host}, path ${n}.</p></main></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
  port = (server.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('3 ingest tasks crawling 4 hosts', () => {
  it('give each host to one task and keep its rate at the server', async () => {
    const urls = HOSTS.flatMap((h) => Array.from({ length: PER_HOST }, (_, i) => `http://${h}:${port}/page-${i}`));
    const config = `name: crawl
output: out/crawl
policy: licenses/permissive.yaml
sources:
  - id: web
    kind: http
    license: CC-BY-4.0
    partition_size: 3
    per_host_rate: ${RATE}
    per_host_concurrency: 1
    retries: 0
    urls:
${urls.map((u) => `      - ${u}`).join('\n')}
mix:
  total_tokens: 10000
  domains: { code: 0.3, prose: 0.5, science: 0.2 }
`;
    const ws = workspace({ 'crawl.yaml': config });
    const tasks = await Promise.all([0, 1, 2].map((i) => curate(ws, ['ingest', 'configs/crawl.yaml', '--task-index', String(i), '--task-count', '3', '--workers', '1'])));
    for (const t of tasks) expect(t.code, t.stderr).toBe(0);

    // Which task ingested which partition (each task logs its partitions), and each partition's host (the plan).
    const plan = JSON.parse(readFileSync(join(ws, 'out/crawl/staging/_plan.json'), 'utf8')) as { sources: { id: string; partitions: string[]; affinities?: Record<string, string> }[] };
    const web = plan.sources.find((s) => s.id === 'web')!;
    expect(web.partitions.length).toBe(HOSTS.length * Math.ceil(PER_HOST / 3));
    const tasksOfHost = new Map<string, Set<number>>();
    tasks.forEach((t, i) => {
      for (const m of t.stderr.matchAll(/^ingest web\/(urls-\d+): /gm)) {
        const host = web.affinities![m[1]!]!;
        if (!tasksOfHost.has(host)) tasksOfHost.set(host, new Set());
        tasksOfHost.get(host)!.add(i);
      }
    });
    expect([...tasksOfHost.keys()].sort()).toEqual(HOSTS.map((h) => `${h}:${port}`).sort());
    for (const [host, owners] of tasksOfHost) expect(owners.size, `${host} fetched by tasks ${[...owners]}`).toBe(1);

    // Server side: every host got all its pages, its robots.txt, and request starts >= 1/RATE apart.
    for (const h of HOSTS) {
      const mine = hits.filter((x) => x.host === h);
      expect(mine.filter((x) => x.path === '/robots.txt').length, h).toBeGreaterThanOrEqual(1);
      const pages = mine.filter((x) => x.path.startsWith('/page-'));
      expect(pages.length, h).toBe(PER_HOST);
      const gaps = pages.slice(1).map((x, i) => x.at - pages[i]!.at);
      const shown = `${h} gaps ${gaps.map((g) => g.toFixed(0))} ms`;
      // Two tasks on one host would start requests together (gaps near 0). One task spaces its
      // starts by 1/RATE; at the server a start can arrive late (connection set-up on a loaded
      // machine) and the next one on time, so single gaps get half the interval of slack...
      expect(Math.min(...gaps), shown).toBeGreaterThanOrEqual(500 / RATE);
      // ...and the rate over the whole crawl of the host never exceeds RATE.
      expect((pages.length - 1) / ((pages.at(-1)!.at - pages[0]!.at) / 1000), shown).toBeLessThanOrEqual(RATE);
    }
  }, 180_000);
});
