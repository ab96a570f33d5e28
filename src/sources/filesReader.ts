import { open, readdir, stat } from 'node:fs/promises';
import { glob } from 'tinyglobby';
import { decodeBytes } from '../extract/charset.js';
import { isAbsolute, join, resolve } from 'node:path';
import type { RawRecord } from '../core/doc.js';
import type { FilesSourceConfig } from '../config/sourceSchema.js';
import { fileKind } from './contentTypeByExtension.js';
import { VENDORED_DIRS, byCodeUnit, isLicenseFileName, walkSourcePath, type WalkResult } from './fileWalk.js';
import { generatedByName } from './generatedFile.js';
import { versionOfFile, type StatedVersion } from './sourceVersion.js';
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

/** How many files a source's walk selected (the walk listPartitions made, reused). */
export async function countSourceFiles(src: FilesSourceConfig, env: SourceEnv): Promise<number> {
  return (await walkOf(src, env)).files.length;
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
    // Each file's stated version: the nearest folder's commit or package version (the config's `version`
    // wins at shard time; recorded anyway so changing it re-runs only the mix).
    const versions = new Map<string, StatedVersion | null>();
    for (const rel of files.slice(start, start + FILES_PER_PARTITION)) {
      if (env.signal?.aborted) return;
      const rec = await readOne(src, root, rel, env);
      if (rec) {
        const v = versionOfFile(root, rel, versions);
        if (v) rec.sourceVersion = v.version;
      }
      if (rec) yield rec;
    }
  },

  async licenseFiles(src, env) {
    // The root is listed directly: `include` globs that do not match LICENSE must not hide it.
    const { root, single } = await walkOf(src, env);
    if (single) return [];
    return readEvidenceTexts(root, (await readdir(root, { withFileTypes: true })).filter((d) => d.isFile() && isLicenseFileName(d.name)).map((d) => d.name).sort(byCodeUnit));
  },

  async evidenceFiles(src, env) {
    const { root, single } = await walkOf(src, env);
    if (single) return [];
    const found = await glob(['**/{licen[cs]e,copying,unlicense,notice,copyright,authors,contributors}{,.*,-*,_*}'], {
      cwd: root,
      caseSensitiveMatch: false,
      ignore: src.skip_vendored ? VENDORED_DIRS.map((d) => `**/${d}/**`) : [],
      dot: false,
      onlyFiles: true,
      followSymbolicLinks: false,
    });
    // Root first, then by depth and name; a bounded number (a tree of thousands of packages is summarised by its first ones).
    const files = found.map((p) => p.replace(/\\/g, '/')).sort((a, b) => a.split('/').length - b.split('/').length || byCodeUnit(a, b)).slice(0, MAX_EVIDENCE_FILES);
    return readEvidenceTexts(root, files);
  },
};

/** Evidence files read per source at most, and the bytes read of each. */
export const MAX_EVIDENCE_FILES = 500;
const MAX_EVIDENCE_BYTES = 1_000_000;

async function readEvidenceTexts(root: string, files: string[]): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const f of files) {
    let fh;
    try {
      fh = await open(join(root, f), 'r');
      const buf = Buffer.alloc(Math.min((await fh.stat()).size, MAX_EVIDENCE_BYTES));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      const b = buf.subarray(0, bytesRead);
      if (!hasNulByte(b)) out.push({ file: f, text: decodeBytes(b).text }); // a UTF-16 LICENSE (with BOM) too
    } catch {
      // An unreadable license file is no evidence; the check reports the source as unverified.
    } finally {
      await fh?.close();
    }
  }
  return out;
}

async function readOne(src: FilesSourceConfig, root: string, rel: string, env: SourceEnv): Promise<RawRecord | undefined> {
  const ref = { source: src.id, key: rel, url: fileUrl(src.id, rel) };
  const generated = src.skip_generated ? generatedByName(rel) : undefined;
  if (generated) {
    env.ctx.reject(ref, 'source.generated', `${generated} (by file name)`, 'source');
    return undefined;
  }
  // A FIFO or a device in the tree would block or never end: a reject, never read.
  const kind = await stat(join(root, rel)).then((st) => (st.isFile() ? undefined : st.isFIFO() ? 'a named pipe (FIFO)' : 'not a regular file'), () => undefined);
  if (kind) {
    env.ctx.reject(ref, 'source.not_regular_file', `${rel} is ${kind}`, 'source');
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
    const kind = fileKind(rel);
    // A PDF is binary by nature; phase 1's batch runner converts it (src/pipeline/processRecordBatch.ts).
    if (kind.contentType !== 'pdf' && hasNulByte(bytes)) {
      env.ctx.reject(ref, 'source.binary', `NUL byte in the first ${BINARY_SNIFF_BYTES} bytes`, 'source');
      return undefined;
    }
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
