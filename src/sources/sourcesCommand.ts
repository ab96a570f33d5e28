/**
 * `curate sources <config>`: reads the sources of a config without extracting anything, and
 * reports what each yields: records, bytes, rejects by reason, other records seen (WARC request/
 * warcinfo ...). For http sources this is also the prefetch: it fills the WARC archive that later
 * runs replay. Sources the license policy excludes are not read (deny before download).
 * Registered by src/cli/main.ts.
 */
import type { Command } from 'commander';
import type { SourceConfig } from '../config/sourceSchema.js';
import { loadConfig } from '../config/loadConfig.js';
import { createRunContext, detectSourceLicenses } from '../pipeline/runContext.js';
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

interface SourcesOptions {
  source?: string[];
  limit?: string;
  show?: string;
  json?: boolean;
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
      warn: opts.warn ?? ((m) => process.stderr.write(`warning: ${m}\n`)),
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

function formatReport(r: SourceReport): string {
  const lines = [`${r.source} (${r.kind}): ${r.skipped ? `not read: ${r.skipped}` : `${r.records} records, ${r.bytes} bytes, ${r.partitions} partition(s)`}`];
  for (const [k, v] of Object.entries(r.rejects).sort()) lines.push(`  reject ${k}: ${v}`);
  for (const [k, v] of Object.entries(r.seen).sort()) lines.push(`  seen ${k}: ${v}`);
  if (r.licenseFiles?.length) lines.push(`  license files: ${r.licenseFiles.join(', ')}`);
  for (const e of r.examples ?? []) lines.push(`  e.g. ${e.key} ${e.contentType ?? ''}${e.programmingLanguage ? `/${e.programmingLanguage}` : ''} ${e.bytes} B${e.url && e.url !== e.key ? ` ${e.url}` : ''}`);
  return lines.join('\n');
}

export function registerSourcesCommand(program: Command): void {
  program
    .command('sources')
    .description('read the sources of a config (no extraction) and report records, bytes and rejects per reason; fills the http archive')
    .argument('<config>', 'the mix config (YAML)')
    .option('--source <id...>', 'only these source ids')
    .option('--limit <n>', 'stop each source after n records')
    .option('--show <n>', 'list the first n records of each source', '0')
    .option('--json', 'one JSON report per source on stdout')
    .addHelpText('after', '\nExit code: 0 when every source was read, 1 when a source failed, 2 on a usage or config error.')
    .action(async (configFile: string, opts: SourcesOptions) => {
      const limit = opts.limit === undefined ? undefined : Number(opts.limit);
      const show = Number(opts.show ?? 0);
      if ((limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) || !Number.isInteger(show) || show < 0) {
        process.stderr.write('curate sources: --limit and --show expect whole numbers (limit > 0)\n');
        process.exitCode = 2;
        return;
      }
      const loaded = loadConfig(configFile);
      const run = createRunContext(loaded);
      await detectSourceLicenses(run);
      const wanted = opts.source ? new Set(opts.source) : undefined;
      if (wanted) {
        const unknown = [...wanted].filter((id) => !loaded.config.sources.some((s) => s.id === id));
        if (unknown.length) {
          process.stderr.write(`curate sources: no source with id ${unknown.join(', ')} in ${configFile}\n`);
          process.exitCode = 2;
          return;
        }
      }
      for (const gate of run.gates) {
        const src = gate.source;
        if (wanted && !wanted.has(src.id)) continue;
        let report: SourceReport;
        if (gate.status === 'excluded') {
          report = { source: src.id, kind: src.kind, partitions: 0, records: 0, bytes: 0, rejects: {}, seen: {}, skipped: `license ${src.license} excluded by the policy (${gate.decision?.reason ?? 'denied'})` };
        } else {
          try {
            report = await surveySource(src, { baseDir: loaded.baseDir, outputDir: run.layout.outDir }, { limit, show, progress: !opts.json || process.stderr.isTTY });
          } catch (e) {
            process.stderr.write(`curate sources: ${src.id}: ${(e as Error).message}\n`);
            process.exitCode = 1;
            continue;
          }
        }
        process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
      }
    });
}
