import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  host: string;
  path: string;
  userAgent: string;
  start: number;
}

/**
 * A local HTTP server that misbehaves on purpose, logging every request it receives
 * (with in-flight counts per host) so tests can assert what was and was not fetched.
 */
export class MisbehavingServer {
  readonly log: LoggedRequest[] = [];
  /** Highest number of requests in flight at once, per Host header and overall. */
  readonly maxInflight = new Map<string, number>();
  maxInflightAll = 0;
  /** Responses whose connection the client closed before the body ended (aborted downloads). */
  abortedBodies = 0;
  private inflight = new Map<string, number>();
  private inflightAll = 0;
  private hits = new Map<string, number>();
  private server?: Server;
  private timers = new Set<NodeJS.Timeout>();
  port = 0;

  constructor(private readonly routes: (req: IncomingMessage, res: ServerResponse, hit: number, self: MisbehavingServer) => void) {}

  async start(host: string): Promise<this> {
    this.server = createServer((req, res) => {
      const h = req.headers.host ?? '';
      const path = req.url ?? '/';
      this.log.push({ host: h, path, userAgent: String(req.headers['user-agent'] ?? ''), start: Date.now() });
      const n = (this.inflight.get(h) ?? 0) + 1;
      this.inflight.set(h, n);
      this.maxInflight.set(h, Math.max(this.maxInflight.get(h) ?? 0, n));
      this.maxInflightAll = Math.max(this.maxInflightAll, ++this.inflightAll);
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.inflight.set(h, (this.inflight.get(h) ?? 1) - 1);
        this.inflightAll--;
      };
      res.on('finish', finish);
      res.on('close', () => {
        if (!res.writableFinished) this.abortedBodies++;
        finish();
      });
      const hit = (this.hits.get(path) ?? 0) + 1;
      this.hits.set(path, hit);
      this.routes(req, res, hit, this);
    });
    await new Promise<void>((r) => this.server!.listen(0, host, r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** A timer the server cancels on close (endless and stalled bodies). */
  every(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setInterval(fn, ms);
    this.timers.add(t);
    return t;
  }

  clear(t: NodeJS.Timeout): void {
    clearInterval(t);
    this.timers.delete(t);
  }

  requestsTo(path: string): number {
    return this.log.filter((r) => r.path === path).length;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}
