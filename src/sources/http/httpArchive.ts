import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parseHttpResponse } from '../httpMessage.js';
import { readWarcRecords } from '../warcRecordStream.js';
import { httpResponseBlock, serializeWarcRecord } from '../warcRecordWriter.js';
import type { FetchOutcome } from './httpFetcher.js';

/** Content-Type of the metadata record that stores why a URL was not kept. */
const REJECT_TYPE = 'application/x-curate-reject+json';

/** Identifies a partition's URL list, so an archive is never replayed for a different list. */
export function partitionDigest(urls: readonly string[]): string {
  return createHash('sha256').update(urls.join('\n')).digest('hex');
}

/**
 * Writes one partition's outcomes, in URL-list order, to `<file>.tmp` and renames it to `<file>`
 * when the partition is complete: an archive file exists only when it is whole.
 * Responses are WARC response records (URL, capture time, status, headers, payload digest);
 * rejects are metadata records, so a replay rejects the same URLs for the same reasons.
 */
export class ArchiveWriter {
  private readonly tmp: string;
  private fd: number;

  constructor(private readonly file: string, digest: string, sourceId: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.tmp = `${file}.tmp`;
    this.fd = openSync(this.tmp, 'w');
    const info = `software: curate\r\ncurate-source: ${sourceId}\r\ncurate-partition-digest: ${digest}\r\n`;
    this.append(serializeWarcRecord({ type: 'warcinfo', date: new Date().toISOString(), contentType: 'application/warc-fields', block: Buffer.from(info), extra: { 'WARC-Filename': basename(file) } }));
  }

  write(o: FetchOutcome): void {
    if (o.ok) {
      // The body is stored de-chunked, so the transfer coding header would mislead a reader.
      const headers = o.headers.filter(([k]) => k !== 'transfer-encoding');
      this.append(serializeWarcRecord({
        type: 'response',
        date: o.fetchedAt,
        targetUri: o.url,
        contentType: 'application/http; msgtype=response',
        block: httpResponseBlock(o.status, headers, o.body),
        payload: o.body,
        extra: { 'WARC-Curate-Key': o.key, ...(o.redirects.length ? { 'WARC-Curate-Redirects': o.redirects.join(' ') } : {}) },
      }));
    } else {
      this.append(serializeWarcRecord({
        type: 'metadata',
        date: new Date().toISOString(),
        targetUri: o.url,
        contentType: REJECT_TYPE,
        block: Buffer.from(JSON.stringify({ reason: o.reason, detail: o.detail })),
        extra: { 'WARC-Curate-Key': o.key },
      }));
    }
  }

  private append(bytes: Buffer): void {
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off);
  }

  commit(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = -1;
    renameSync(this.tmp, this.file);
  }

  /** Stops without committing: `<file>.tmp` keeps the outcomes written so far for the next read to resume from. */
  suspend(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/**
 * Opens an archive file for replay, or returns undefined when there is none or it was made for a
 * different URL list (then the partition is fetched again). The outcomes come back in the order
 * they were written, with bodies as received (Content-Encoding not undone). A complete archive
 * that is damaged throws; a partial one (`partial: true`, left by a killed run) simply ends at
 * its last whole record.
 */
export async function openArchive(file: string, digest: string, opts: { partial?: boolean } = {}): Promise<AsyncIterable<FetchOutcome> | undefined> {
  if (!existsSync(file)) return undefined;
  const it = readWarcRecords(file, { maxBlockBytes: Number.MAX_SAFE_INTEGER });
  const first = await it.next();
  await it.return(undefined);
  if (first.done || 'corrupt' in first.value || first.value.headers.get('warc-type') !== 'warcinfo') return undefined;
  if (!first.value.block!.toString('utf8').includes(`curate-partition-digest: ${digest}`)) return undefined;
  return replay(file, opts.partial === true);
}

async function* replay(file: string, partial: boolean): AsyncGenerator<FetchOutcome> {
  for await (const r of readWarcRecords(file, { maxBlockBytes: Number.MAX_SAFE_INTEGER })) {
    if ('corrupt' in r) {
      if (partial) return;
      throw new Error(`archive ${file} is damaged at offset ${r.offset} (${r.message}); delete it to fetch the partition again`);
    }
    const key = r.headers.get('warc-curate-key');
    if (!key) continue;
    const type = r.headers.get('warc-type');
    const url = r.headers.get('warc-target-uri') ?? '';
    const block = r.block!;
    if (type === 'metadata' && r.headers.get('content-type') === REJECT_TYPE) {
      const j = JSON.parse(block.toString('utf8')) as { reason: string; detail: string };
      yield { ok: false, key, url, reason: j.reason, detail: j.detail };
    } else if (type === 'response') {
      const http = parseHttpResponse(block, { decodeContent: false });
      if (!http) throw new Error(`archive ${file}: response record for ${url} holds no HTTP response; delete the archive to fetch again`);
      const redirects = r.headers.get('warc-curate-redirects');
      yield { ok: true, key, url, status: http.status, headers: [...http.headers], body: http.body, redirects: redirects ? redirects.split(' ') : [], fetchedAt: r.headers.get('warc-date') ?? '' };
    }
  }
}
