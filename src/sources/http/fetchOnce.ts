import { type Dispatcher, request } from 'undici';

/** Headers as received: names lowercased, repeated fields kept in order. */
export type HeaderList = [string, string][];

export type AttemptResult =
  | { kind: 'response'; status: number; headers: HeaderList; body?: Buffer }
  | { kind: 'too_large'; status: number; headers: HeaderList; detail: string }
  | { kind: 'error'; reason: 'source.http.timeout' | 'source.http.network'; detail: string };

export interface AttemptOptions {
  dispatcher: Dispatcher;
  userAgent: string;
  maxBodyBytes: number;
  totalTimeoutMs: number;
  signal?: AbortSignal;
  /** Decides from status and headers whether the body is worth downloading. */
  wantBody(status: number, headers: HeaderList): boolean;
}

export function headerValue(headers: HeaderList, name: string): string | undefined {
  const vals = headers.filter(([k]) => k === name).map(([, v]) => v);
  return vals.length ? vals.join(', ') : undefined;
}

function toHeaderList(h: Record<string, string | string[] | undefined>): HeaderList {
  const out: HeaderList = [];
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) out.push([k.toLowerCase(), x]);
  }
  return out;
}

/** Aborts a download; the stream's abort error is expected and swallowed. */
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => undefined);
  body.destroy();
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * One GET with no redirect following. The body is streamed and the download aborted (never
 * buffered) once it passes maxBodyBytes; a body the caller does not want is not downloaded.
 */
export async function fetchOnce(url: string, o: AttemptOptions): Promise<AttemptResult> {
  const timeout = AbortSignal.timeout(o.totalTimeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  try {
    const res = await request(url, {
      method: 'GET',
      dispatcher: o.dispatcher,
      signal,
      headers: { 'user-agent': o.userAgent, accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5', 'accept-encoding': 'identity' },
    });
    const headers = toHeaderList(res.headers);
    if (!o.wantBody(res.statusCode, headers)) {
      // A short unwanted body (redirect, error page) is drained so the connection can be reused; a long one is cut.
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      return { kind: 'response', status: res.statusCode, headers };
    }
    const declared = Number(headerValue(headers, 'content-length'));
    if (Number.isFinite(declared) && declared > o.maxBodyBytes) {
      discard(res.body);
      return { kind: 'too_large', status: res.statusCode, headers, detail: `Content-Length ${declared} > max_body_bytes ${o.maxBodyBytes}` };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of res.body) {
      const b = c as Buffer;
      size += b.length;
      if (size > o.maxBodyBytes) {
        discard(res.body);
        return { kind: 'too_large', status: res.statusCode, headers, detail: `body passed max_body_bytes ${o.maxBodyBytes}; download aborted` };
      }
      chunks.push(b);
    }
    return { kind: 'response', status: res.statusCode, headers, body: Buffer.concat(chunks, size) };
  } catch (e) {
    if (o.signal?.aborted) throw e;
    const err = e as Error & { code?: string; cause?: { code?: string } };
    const code = err.code ?? err.cause?.code ?? err.name;
    if (timeout.aborted || TIMEOUT_CODES.has(code)) {
      return { kind: 'error', reason: 'source.http.timeout', detail: timeout.aborted ? `no complete response within total_timeout_ms ${o.totalTimeoutMs}` : `${code}: ${err.message}` };
    }
    return { kind: 'error', reason: 'source.http.network', detail: `${code}: ${err.message}` };
  }
}
