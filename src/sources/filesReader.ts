import { open, readFile, stat } from 'node:fs/promises';
import { decodeBytes } from '../extract/charset.js';
import { isAbsolute, join, resolve } from 'node:path';
import type { RawRecord } from '../core/doc.js';
import type { FilesSourceConfig } from '../config/sourceSchema.js';
import { fileKind } from './contentTypeByExtension.js';
import { walkSourcePath, type WalkResult } from './fileWalk.js';
import { generatedByName } from './generatedFile.js';
import type { Partition, SourceEnv, SourceReader } from './sourceReader.js';

/** Files per partition: small enough to resume cheaply, large enough to keep partition count low. */
export const FILES_PER_PARTITION = 256;
/** NUL bytes in this many leading bytes mark a file binary (git's heuristic). */
export const BINARY_SNIFF_BYTES = 8192;

/** The walk is done once per source config object and shared by listPartitions and read. */
const walks = new WeakMap<FilesSourceConfig, Promise<WalkResult>>();

function walkOf(src: FilesSourceConfig, env: SourceEnv): Promise<WalkResult> {
  let w = walks.get(src);
  if (!w) {
    const abs = isAbsolute(src.path) ? src.path : resolve(env.baseDir, src.path);
    w = walkSourcePath(abs, { include: src.include, exclude: src.exclude, skipVendored: src.skip_vendored, dot: src.dot });
    walks.set(src, w);
    w.catch(() => walks.delete(src));
  }
  return w;
}

export function partitionId(index: number): string {
  return `files-${String(index).padStart(5, '0')}`;
}

/** `url` of a file record: a file URI whose host is the source id, so it never leaks local paths. */
export function fileUrl(sourceId: string, relPath: string): string {
  return `file://${sourceId}/${relPath.split('/').map(encodeURIComponent).join('/')}`;
}

export function hasNulByte(buf: Uint8Array, limit = BINARY_SNIFF_BYTES): boolean {
  // UTF-16 text holds NUL bytes; its byte-order mark announces it (extraction decodes it).
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return false;
  const n = Math.min(buf.length, limit);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

export const filesReader: SourceReader<FilesSourceConfig> = {
  async listPartitions(src, env) {
    const { files } = await walkOf(src, env);
    const parts: Partition[] = [];
    for (let i = 0; i * FILES_PER_PARTITION < files.length; i++) parts.push({ id: partitionId(i) });
    return parts;
  },

  async *read(src, part, env) {
    const m = /^files-(\d+)$/.exec(part.id);
    if (!m) throw new Error(`files source "${src.id}": unknown partition "${part.id}"; expected files-NNNNN from listPartitions`);
    const { root, files } = await walkOf(src, env);
    const start = Number(m[1]) * FILES_PER_PARTITION;
    for (const rel of files.slice(start, start + FILES_PER_PARTITION)) {
      if (env.signal?.aborted) return;
      const rec = await readOne(src, root, rel, env);
      if (rec) yield rec;
    }
  },

  async licenseFiles(src, env) {
    const { root, licenseFiles } = await walkOf(src, env);
    const out: { file: string; text: string }[] = [];
    for (const f of licenseFiles) {
      // Sized before it is read: a LICENSE file is small, a huge one is not read at all.
      if ((await stat(join(root, f))).size > src.max_file_bytes) continue;
      const buf = await readFile(join(root, f));
      if (!hasNulByte(buf)) out.push({ file: f, text: decodeBytes(buf).text });
    }
    return out;
  },
};

async function readOne(src: FilesSourceConfig, root: string, rel: string, env: SourceEnv): Promise<RawRecord | undefined> {
  const ref = { source: src.id, key: rel, url: fileUrl(src.id, rel) };
  const generated = src.skip_generated ? generatedByName(rel) : undefined;
  if (generated) {
    env.ctx.reject(ref, 'source.generated', `${generated} (by file name)`, 'source');
    return undefined;
  }
  let fh;
  try {
    fh = await open(join(root, rel), 'r');
  } catch (e) {
    env.ctx.reject(ref, 'source.unreadable', (e as Error).message, 'source');
    return undefined;
  }
  try {
    const size = (await fh.stat()).size;
    if (size > src.max_file_bytes) {
      // Decided from the size alone: an oversized file is never read.
      env.ctx.reject(ref, 'source.too_large', `${size} bytes > max_file_bytes ${src.max_file_bytes}`, 'source');
      return undefined;
    }
    const body = new Uint8Array(size);
    let off = 0;
    while (off < size) {
      const { bytesRead } = await fh.read(body, off, size - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    const bytes = off < size ? body.subarray(0, off) : body;
    if (hasNulByte(bytes)) {
      env.ctx.reject(ref, 'source.binary', `NUL byte in the first ${BINARY_SNIFF_BYTES} bytes`, 'source');
      return undefined;
    }
    const kind = fileKind(rel);
    const rec: RawRecord = { ...ref, body: bytes, contentType: kind.contentType, bytes: bytes.length };
    if (kind.programmingLanguage) rec.programmingLanguage = kind.programmingLanguage;
    return rec;
  } catch (e) {
    env.ctx.reject(ref, 'source.unreadable', (e as Error).message, 'source');
    return undefined;
  } finally {
    await fh.close();
  }
}
