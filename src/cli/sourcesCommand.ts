/**
 * `curate sources <config>`: reads the sources of a config without extracting anything, and
 * reports what each yields (src/sources/surveySource.ts). For http sources this is also the
 * prefetch: it fills the WARC archive that later runs replay. Sources the license policy excludes
 * are not read (deny before download).
 */
import type { Command } from 'commander';
import { loadConfig } from '../config/loadConfig.js';
import { createRunContext, detectSourceLicenses } from '../pipeline/runContext.js';
import { surveySource, type SourceReport } from '../sources/surveySource.js';

interface SourcesOptions {
  source?: string[];
  limit?: string;
  show?: string;
  json?: boolean;
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
