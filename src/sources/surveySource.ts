/**
 * Reads one source without extracting anything and counts what it yields: records, bytes,
 * rejects by reason, other records seen (WARC request/warcinfo ...). For http sources this is also
 * the prefetch that fills the WARC archive. Used by `curate sources` (src/cli/sourcesCommand.ts).
 */
import type { SourceConfig } from '../config/sourceSchema.js';
import { logLine } from '../core/terminal.js';
import { createProgress } from './progress.js';
import { readerFor } from './readerFor.js';
import type { SourceEnv } from './sourceReader.js';

export interface SourceReport {
  source: string;
  kind: SourceConfig['kind'];
  partitions: number;
  records: number;
  bytes: number;
  rejects: Record<string, number>;
  seen: Record<string, number>;
  licenseFiles?: string[];
  /** Why the source was not read (license gate), when it was not. */
  skipped?: string;
  /** Up to --show example records. */
  examples?: { key: string; url: string; contentType?: string; mime?: string; programmingLanguage?: string; bytes: number }[];
}

/** Reads one source completely (or up to `limit` records) and counts what came out. */
export async function surveySource(src: SourceConfig, env: Omit<SourceEnv, 'ctx' | 'count'>, opts: { limit?: number; show?: number; progress?: boolean; warn?: (m: string) => void } = {}): Promise<SourceReport> {
  const report: SourceReport = { source: src.id, kind: src.kind, partitions: 0, records: 0, bytes: 0, rejects: {}, seen: {}, examples: [] };
  const progress = opts.progress === false ? undefined : createProgress({ label: src.id });
  const fullEnv: SourceEnv = {
    ...env,
    ctx: {
      reject: (_rec, reason) => {
        report.rejects[reason] = (report.rejects[reason] ?? 0) + 1;
        progress?.error();
      },
      warn: opts.warn ?? ((m) => logLine(`warning: ${m}`)),
    },
    count: (name, n = 1) => void (report.seen[name] = (report.seen[name] ?? 0) + n),
  };
  const reader = readerFor(src);
  try {
    const parts = await reader.listPartitions(src, fullEnv);
    report.partitions = parts.length;
    if (reader.licenseFiles) report.licenseFiles = (await reader.licenseFiles(src, fullEnv)).map((l) => l.file);
    outer: for (const p of parts) {
      for await (const r of reader.read(src, p, fullEnv)) {
        report.records++;
        report.bytes += r.bytes;
        progress?.tick(1, r.bytes);
        if (report.examples!.length < (opts.show ?? 0)) {
          report.examples!.push({ key: r.key, url: r.url, contentType: r.contentType, mime: r.mime, programmingLanguage: r.programmingLanguage, bytes: r.bytes });
        }
        if (opts.limit !== undefined && report.records >= opts.limit) break outer;
      }
    }
  } finally {
    progress?.stop();
  }
  return report;
}

