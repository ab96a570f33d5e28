import { Agent } from 'undici';
import type { HttpSourceConfig } from '../../config/sourceSchema.js';
import { mediaType, mediaTypeAllowed } from '../httpMessage.js';
import { fetchOnce, headerValue, type AttemptResult, type HeaderList } from './fetchOnce.js';
import { HostGates } from './hostGate.js';
import { backoffMs, isRetryableStatus, retryAfterMs, sleep } from './retryPolicy.js';
import { RobotsRules, type RobotsFile } from './robotsRules.js';
import { hostAllowed } from './urlList.js';
import { matchTdmRule, parseTdmRep, responseReservation, type TdmRule } from './tdmReservation.js';

/** How fetching one listed URL ended: `key` is the listed URL, `url` the last one requested (after redirects). */
export type FetchOutcome =
  | { ok: true; key: string; url: string; status: number; headers: HeaderList; body: Buffer; redirects: string[]; fetchedAt: string }
  | { ok: false; key: string; url: string; reason: string; detail: string };

type Failure = { fail: true; reason: string; detail: string };

const TDMREP_MAX_BYTES = 256 * 1024;

/** Robots files are small; RFC 9309 asks parsers to read at least 500 KiB. */
const ROBOTS_MAX_BYTES = 512 * 1024;

/**
 * Fetches the URLs of one http source politely: host allow-list, robots.txt, per-host and global
 * limits, retries with backoff, redirects re-checked hop by hop. One instance per source, shared
 * by its partitions so the limits hold across them.
 */
export class HttpFetcher {
  private readonly agent: Agent;
  private readonly gates: HostGates;
  private readonly robots: RobotsRules;
  /** Every request this fetcher started, robots.txt included (for stats and tests). */
  requests = 0;

  constructor(
    private readonly src: HttpSourceConfig,
    private readonly allowedHosts: string[],
    private readonly warn: (m: string) => void,
  ) {
    this.agent = new Agent({
      connect: { timeout: src.connect_timeout_ms },
      headersTimeout: src.headers_timeout_ms,
      bodyTimeout: src.body_timeout_ms,
      connections: src.per_host_concurrency,
    });
    this.gates = new HostGates({ concurrency: src.concurrency, perHostConcurrency: src.per_host_concurrency, perHostRate: src.per_host_rate });
    this.robots = new RobotsRules(src.user_agent, (u) => this.loadRobots(u), (host, s) => {
      this.gates.gate(host).slowTo(s * 1000);
    });
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  async fetchDocument(key: string, signal?: AbortSignal): Promise<FetchOutcome> {
    let url = key;
    const redirects: string[] = [];
    // After a redirect, the detail names the chain: the reject itself is recorded under the listed URL (key).
    const reject = (reason: string, detail: string, chainShown = false): FetchOutcome => ({
      ok: false,
      key,
      url,
      reason,
      detail: redirects.length && !chainShown ? `${detail}; redirects: ${[...redirects, url].join(' -> ')}` : detail,
    });
    for (let hop = 0; ; hop++) {
      const host = new URL(url).hostname;
      if (!hostAllowed(host, this.allowedHosts)) {
        return hop === 0
          ? reject('source.http.host_not_allowed', `host ${host} not in allowed_hosts`)
          : reject('source.http.redirect_not_allowed', `redirect to host ${host} (not in allowed_hosts) after ${redirects.length} hop(s); not fetched`);
      }
      if (this.src.robots) {
        const v = await this.robots.check(url);
        if (!v.allowed) return reject(v.reason, v.detail);
      }
      // TDMRep: a reserved path is never fetched, unless the source records a licence granting TDM.
      if (!this.src.tdm_license) {
        const rule = matchTdmRule(await this.tdmRules(url), url);
        if (rule?.reservation) return reject('license.tdm_reserved', `${new URL(url).origin}/.well-known/tdmrep.json reserves TDM for "${rule.location}"${rule.policy ? ` (policy ${rule.policy})` : ''}`);
      }
      const r = await this.fetchWithRetries(url, (status, headers) => status === 200 && mediaTypeAllowed(headerValue(headers, 'content-type'), this.src.content_types), this.src.max_body_bytes, signal);
      if ('fail' in r) return reject(r.reason, r.detail);
      if (r.kind === 'error') return reject(r.reason, r.detail);
      if (r.kind === 'too_large') return reject('source.http.too_large', r.detail);
      const location = headerValue(r.headers, 'location');
      if (r.status >= 300 && r.status < 400 && location) {
        if (hop >= this.src.max_redirects) return reject('source.http.too_many_redirects', `more than max_redirects ${this.src.max_redirects}: ${[...redirects, url].join(' -> ')}`, true);
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          return reject('source.http.bad_redirect', `unparsable Location ${JSON.stringify(location)}`);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') return reject('source.http.bad_redirect', `redirect to ${next.protocol} URL`);
        next.hash = '';
        next.username = ''; // a Location with credentials: never requested with, stored or archived
        next.password = '';
        redirects.push(url);
        url = next.href;
        continue;
      }
      if (r.status !== 200) return reject(`source.http.status_${r.status}`, `HTTP ${r.status}`);
      if (r.body && !this.src.tdm_license) {
        const why = responseReservation(r.headers, r.body, { noai: this.src.tdm_noai === true });
        if (why) return reject('license.tdm_reserved', `TDM rights reserved by ${why}`);
      }
      if (!r.body) return reject('source.http.content_type', `Content-Type ${mediaType(headerValue(r.headers, 'content-type')) || '(none)'} not in content_types; body not downloaded`);
      return { ok: true, key, url, status: r.status, headers: r.headers, body: r.body, redirects, fetchedAt: new Date().toISOString() };
    }
  }

  private async fetchWithRetries(url: string, wantBody: (status: number, h: HeaderList) => boolean, maxBodyBytes: number, signal?: AbortSignal): Promise<AttemptResult | Failure> {
    const host = new URL(url).hostname;
    const s = this.src;
    for (let attempt = 0; ; attempt++) {
      const r = await this.gates.run(
        host,
        () => {
          this.requests++;
          return fetchOnce(url, { dispatcher: this.agent, userAgent: s.user_agent, maxBodyBytes, totalTimeoutMs: s.total_timeout_ms, signal, wantBody });
        },
        signal,
      );
      const attempts = `${attempt + 1} attempt(s)`;
      if (r.kind === 'error') {
        if (attempt < s.retries) {
          await sleep(backoffMs(attempt, s.backoff_ms, s.max_backoff_ms), signal);
          continue;
        }
        return { fail: true, reason: r.reason, detail: `${r.detail} (after ${attempts})` };
      }
      if (r.kind === 'response' && isRetryableStatus(r.status)) {
        if (attempt < s.retries) {
          const ra = retryAfterMs(headerValue(r.headers, 'retry-after'));
          if (ra !== undefined && ra > s.max_backoff_ms) {
            return { fail: true, reason: `source.http.status_${r.status}`, detail: `Retry-After ${Math.round(ra / 1000)} s exceeds max_backoff_ms ${s.max_backoff_ms}; gave up after ${attempts}` };
          }
          await sleep(ra ?? backoffMs(attempt, s.backoff_ms, s.max_backoff_ms), signal);
          continue;
        }
        return { fail: true, reason: `source.http.status_${r.status}`, detail: `HTTP ${r.status} (after ${attempts})` };
      }
      return r;
    }
  }

  private readonly tdmCache = new Map<string, Promise<TdmRule[]>>();

  /** The host's /.well-known/tdmrep.json rules, fetched once per origin (none when absent or unreadable). */
  private tdmRules(url: string): Promise<TdmRule[]> {
    const origin = new URL(url).origin;
    let p = this.tdmCache.get(origin);
    if (!p) {
      p = (async () => {
        const r = await this.fetchWithRetries(`${origin}/.well-known/tdmrep.json`, (status) => status === 200, TDMREP_MAX_BYTES);
        if ('fail' in r || r.kind !== 'response' || r.status !== 200 || !r.body) return [];
        const rules = parseTdmRep(r.body.toString('utf8'));
        if (!rules) this.warn(`${origin}/.well-known/tdmrep.json is not a JSON array of rules; ignored`);
        return rules ?? [];
      })();
      this.tdmCache.set(origin, p);
    }
    return p;
  }

  private async loadRobots(robotsUrl: string): Promise<RobotsFile> {
    let url = robotsUrl;
    for (let hop = 0; hop <= 5; hop++) {
      const r = await this.fetchWithRetries(url, (status) => status === 200, ROBOTS_MAX_BYTES);
      // 429 counts as unreachable (like 5xx), other 4xx as "no robots.txt".
      if ('fail' in r) return /^source\.http\.status_4(?!29)/.test(r.reason) ? { kind: 'allow_all', why: r.detail } : { kind: 'disallow_all', why: r.detail };
      if (r.kind === 'error') return { kind: 'disallow_all', why: r.detail };
      // A robots.txt over the size limit: RFC 9309 lets us use the first 500 KiB; we do not keep a prefix, so be safe.
      if (r.kind === 'too_large') return { kind: 'disallow_all', why: `robots.txt larger than ${ROBOTS_MAX_BYTES} bytes` };
      const location = headerValue(r.headers, 'location');
      if (r.status >= 300 && r.status < 400 && location) {
        const next = new URL(location, url);
        if (!hostAllowed(next.hostname, this.allowedHosts)) {
          this.warn(`${robotsUrl} redirects to ${next.href}, outside allowed_hosts: treated as no robots.txt`);
          return { kind: 'allow_all', why: 'redirected outside allowed_hosts' };
        }
        url = next.href;
        continue;
      }
      if (r.status === 200) return { kind: 'rules', text: (r.body ?? Buffer.alloc(0)).toString('utf8') };
      if (r.status >= 400 && r.status < 500) return { kind: 'allow_all', why: `HTTP ${r.status}` };
      return { kind: 'disallow_all', why: `HTTP ${r.status}` };
    }
    return { kind: 'allow_all', why: 'too many redirects' };
  }
}
