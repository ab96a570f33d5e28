import pLimit, { type LimitFunction } from 'p-limit';
import { sleep } from './retryPolicy.js';

/**
 * Politeness for one host: at most `concurrency` requests in flight and request starts spaced
 * by `intervalMs` (1 / per_host_rate, or robots.txt Crawl-delay when that is slower).
 */
export class HostGate {
  private readonly limit: LimitFunction;
  private lastStart = Number.NEGATIVE_INFINITY;

  constructor(concurrency: number, private intervalMs: number) {
    this.limit = pLimit(concurrency);
  }

  /** Makes the spacing slower (never faster), e.g. for a Crawl-delay. */
  slowTo(intervalMs: number): void {
    this.intervalMs = Math.max(this.intervalMs, intervalMs);
  }

  /**
   * Runs `fn` in a host slot. `inner` wraps the spaced start (the global limit goes there), so the
   * spacing is measured at the moment the request really starts, not when it queued.
   */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal, inner: (f: () => Promise<T>) => Promise<T> = (f) => f()): Promise<T> {
    return this.limit(() =>
      inner(async () => {
        // Spacing is measured from the previous request's real start: a timer that fires late (a
        // busy machine) must delay the next request, not squeeze it closer to this one.
        for (;;) {
          const wait = this.lastStart + this.intervalMs - performance.now();
          if (wait <= 0) break;
          await sleep(Math.max(1, Math.ceil(wait)), signal);
        }
        this.lastStart = performance.now();
        return fn();
      }),
    );
  }
}

/** One gate per host plus a global in-flight limit, shared by every partition of a source. */
export class HostGates {
  private readonly gates = new Map<string, HostGate>();
  private readonly global: LimitFunction;

  constructor(private readonly opts: { concurrency: number; perHostConcurrency: number; perHostRate: number }) {
    this.global = pLimit(opts.concurrency);
  }

  gate(host: string): HostGate {
    let g = this.gates.get(host);
    if (!g) {
      g = new HostGate(this.opts.perHostConcurrency, 1000 / this.opts.perHostRate);
      this.gates.set(host, g);
    }
    return g;
  }

  /** Runs one request for `host` under both limits: a host slot, then a global slot, then the host's spacing. */
  run<T>(host: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.gate(host).run(fn, signal, (f) => this.global(f));
  }
}
