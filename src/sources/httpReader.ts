import { setMaxListeners } from 'node:events';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { RawRecord } from '../core/doc.js';
import type { HttpSourceConfig } from '../config/sourceSchema.js';
import { ArchiveWriter, openArchive, partitionDigest } from './http/httpArchive.js';
import { headerValue } from './http/fetchOnce.js';
import { HttpFetcher, type FetchOutcome } from './http/httpFetcher.js';
import { hostChunks } from './http/hostChunks.js';
import { loadUrlList, urlPartitionId, type UrlList } from './http/urlList.js';
import { decodeContentEncoding } from './httpMessage.js';
import type { SourceEnv, SourceReader } from './sourceReader.js';
import { contentTypeOfMime } from './warcReader.js';

const lists = new WeakMap<HttpSourceConfig, UrlList>();

function listOf(src: HttpSourceConfig, env: SourceEnv): UrlList {
  let l = lists.get(src);
  if (!l) {
    l = loadUrlList(src, env.baseDir);
    lists.set(src, l);
  }
  return l;
}

/** Fetchers live while partitions of their source are being read, so limits and robots.txt are shared. */
const fetchers = new WeakMap<HttpSourceConfig, { fetcher: HttpFetcher; users: number; closeTimer?: NodeJS.Timeout }>();

function acquireFetcher(src: HttpSourceConfig, list: UrlList, env: SourceEnv): HttpFetcher {
  let f = fetchers.get(src);
  if (!f) {
    f = { fetcher: new HttpFetcher(src, list.allowedHosts, (m) => env.ctx.warn(`source ${src.id}: ${m}`)), users: 0 };
    fetchers.set(src, f);
  }
  if (f.closeTimer) clearTimeout(f.closeTimer);
  f.closeTimer = undefined;
  f.users++;
  return f.fetcher;
}

function releaseFetcher(src: HttpSourceConfig): void {
  const f = fetchers.get(src);
  if (!f || --f.users > 0) return;
  // Kept a moment for the next partition (robots.txt and rate state), then its sockets are closed.
  f.closeTimer = setTimeout(() => {
    fetchers.delete(src);
    void f.fetcher.close();
  }, 2000);
  f.closeTimer.unref();
}

/** The request count of the live fetcher of a source (tests and stats); 0 when none is open. */
export function httpRequestCount(src: HttpSourceConfig): number {
  return fetchers.get(src)?.fetcher.requests ?? 0;
}

export function archiveDir(src: HttpSourceConfig, env: SourceEnv): string {
  if (src.archive) return isAbsolute(src.archive) ? src.archive : resolve(env.baseDir, src.archive);
  return join(env.outputDir, 'archive', src.id);
}

/**
 * The RawRecord of a kept response, or the reason it is rejected (a Content-Encoding that decodes
 * beyond max_body_bytes: servers send gzip despite accept-encoding identity); the same function
 * serves live fetches and archive replays.
 */
export function responseRecord(src: HttpSourceConfig, o: Extract<FetchOutcome, { ok: true }>): RawRecord | { tooLarge: string } {
  const mime = headerValue(o.headers, 'content-type');
  const decoded = decodeContentEncoding(o.body, headerValue(o.headers, 'content-encoding'), src.max_body_bytes);
  if (decoded.tooLarge) return { tooLarge: `${decoded.tooLarge} > max_body_bytes ${src.max_body_bytes}` };
  const body = decoded.body;
  // No date: the capture time is provenance (kept in the archive), not document content. The url is
  // the listed one, as in rejects, so a document or reject is found under the URL the user gave; the
  // final URL and the redirect chain are in the archive (WARC-Target-URI, WARC-Curate-Redirects).
  const rec: RawRecord = { source: src.id, key: o.key, url: o.key, body: new Uint8Array(body.buffer, body.byteOffset, body.length), contentType: contentTypeOfMime(mime, o.url), bytes: body.length };
  if (mime) rec.mime = mime;
  // The fetch date recorded with the response (the archive's WARC-Date on a replay) is the page's version.
  if (o.fetchedAt) rec.sourceVersion = o.fetchedAt;
  return rec;
}

/**
 * URLs over HTTP. Each partition is a chunk of one host's URLs (hostChunks); its outcomes are
 * archived as one WARC file, and a partition whose archive exists is replayed from it without any
 * network request. The host is the partition's affinity: one task of a scaled-out ingest fetches it.
 * Records and rejects come out in URL-list order whatever the fetch order was.
 */
export const httpReader: SourceReader<HttpSourceConfig> = {
  async listPartitions(src, env) {
    const { urls, invalid } = listOf(src, env);
    if (urls.length === 0) return invalid.length === 0 ? [] : [{ id: urlPartitionId(0) }];
    return hostChunks(urls, src.partition_size).map((c, i) => ({ id: urlPartitionId(i), affinity: c.host }));
  },

  async *read(src, part, env) {
    const m = /^urls-(\d+)$/.exec(part.id);
    if (!m) throw new Error(`http source "${src.id}": unknown partition "${part.id}"; expected urls-NNNNN from listPartitions`);
    const index = Number(m[1]);
    const list = listOf(src, env);
    if (index === 0) {
      for (const bad of list.invalid) env.ctx.reject({ source: src.id, key: bad.line, url: '' }, 'source.http.bad_url', `${JSON.stringify(bad.line)}: ${bad.reason}`, 'source');
    }
    const urls = hostChunks(list.urls, src.partition_size)[index]?.urls ?? [];
    if (urls.length === 0) return;
    const file = join(archiveDir(src, env), `${part.id}.warc.gz`);
    const digest = partitionDigest(urls);

    const archived = await openArchive(file, digest);
    if (archived) {
      for await (const o of archived) {
        const rec = emit(src, o, env);
        if (rec) yield rec;
      }
      return;
    }

    // A killed run leaves `<file>.tmp`: its whole records are this partition's first outcomes, kept
    // as they were, so a resumed read yields the same records in the same order (resume skips by index).
    const partialFile = `${file}.partial`;
    if (!existsSync(partialFile) && existsSync(`${file}.tmp`)) renameSync(`${file}.tmp`, partialFile);
    const prefix = existsSync(partialFile) ? await openArchive(partialFile, digest, { partial: true }) : undefined;

    const fetcher = acquireFetcher(src, list, env);
    const stop = new AbortController();
    const signal = env.signal ? AbortSignal.any([env.signal, stop.signal]) : stop.signal;
    // Every request in the window listens on it: many listeners are expected, not a leak.
    setMaxListeners(0, signal);
    const writer = new ArchiveWriter(file, digest, src.id);
    let complete = false;
    // A window of fetches runs ahead of the consumer; memory stays bounded by it, order by the list.
    const window = Math.max(4, src.concurrency * 2);
    const inflight: Promise<FetchOutcome>[] = [];
    let next = 0;
    let resumed = 0;
    const startMore = () => {
      while (next < urls.length && inflight.length < window) {
        const p = fetcher.fetchDocument(urls[next++]!, signal);
        p.catch(() => undefined); // awaited in order below; this only silences early rejections
        inflight.push(p);
      }
    };
    try {
      if (prefix) {
        for await (const o of prefix) {
          if (o.key !== urls[next]) break;
          writer.write(o);
          next++;
          const rec = emit(src, o, env);
          if (rec) yield rec;
        }
        resumed = next;
      }
      rmSync(partialFile, { force: true });
      if (resumed > 0) env.ctx.warn(`source ${src.id} ${part.id}: ${resumed} of ${urls.length} URLs taken from the interrupted run's archive`);
      startMore();
      while (inflight.length > 0) {
        const o = await inflight.shift()!;
        startMore();
        writer.write(o);
        const rec = emit(src, o, env);
        if (rec) yield rec;
      }
      writer.commit();
      complete = true;
    } finally {
      if (!complete) {
        stop.abort(new Error('partition read stopped'));
        await Promise.allSettled(inflight);
        writer.suspend();
      }
      releaseFetcher(src);
    }
  },
};

function emit(src: HttpSourceConfig, o: FetchOutcome, env: SourceEnv): RawRecord | undefined {
  if (o.ok) {
    const rec = responseRecord(src, o);
    if (!('tooLarge' in rec)) return rec;
    env.ctx.reject({ source: src.id, key: o.key, url: o.key }, 'source.too_large', o.redirects.length ? `${rec.tooLarge}; redirects: ${[...o.redirects, o.url].join(' -> ')}` : rec.tooLarge, 'source');
    return undefined;
  }
  env.ctx.reject({ source: src.id, key: o.key, url: o.key }, o.reason, o.detail, o.reason.startsWith('license.') ? 'license' : 'source');
  return undefined;
}
