import type { Command } from 'commander';
import { formatSampleRow } from '../report/formatSampleRow.js';
import { sampleShards } from '../report/sampleShards.js';
import { rejectReasons, sampleRejects } from '../report/sampleRejects.js';
import { formatRejectRow } from '../report/formatRejectRow.js';
import { DOMAINS } from '../core/doc.js';
import { RunOutputError } from '../report/shardFiles.js';

interface SampleFlags {
  n: string;
  domain?: string;
  source?: string;
  minQuality?: string;
  minModelScore?: string;
  seed: string;
  json?: boolean;
  signals?: boolean;
  rejects?: boolean;
  reason?: string;
}

export function registerSampleCommand(program: Command): void {
  program
    .command('sample')
    .description('print a seeded random sample of documents from a run\'s shards (same seed, same sample, whatever the shard order)')
    .argument('<out-dir>', 'the run output folder (the config\'s "output", e.g. out/example)')
    .option('-n, --n <n>', 'how many documents', '10')
    .option('--domain <domain>', 'only this domain (code, prose, science)')
    .option('--source <id>', 'only this source id')
    .option('--min-quality <q>', 'only documents whose quality score is at least q (0–5)')
    .option('--min-model-score <p>', 'only documents whose learned quality model score (quality_model) is at least p (0–1)')
    .option('--seed <seed>', 'sampling seed: the same seed gives the same sample', '0')
    .option('--json', 'one JSON object per line (all shard columns but signals) instead of the terminal view')
    .option('--signals', 'with --json, include the signals column as an object')
    .option('--rejects', 'sample rejected records instead (reason, detail and the first 300 characters of their text)')
    .option('--reason <code>', 'with --rejects, only this reason code; * matches anything (e.g. \'quality.gopher.*\')')
    .addHelpText('after', "\nExamples:\n  curate sample out/example --n 5 --domain code\n  curate sample out/example --json --min-quality 3 --seed 7 > sample.jsonl\n  curate sample out/example --rejects --reason 'quality.gopher.*'")
    .action(async (outDir: string, flags: SampleFlags) => {
      const n = Number(flags.n);
      const seed = Number(flags.seed);
      const minQuality = flags.minQuality === undefined ? undefined : Number(flags.minQuality);
      const minModelScore = flags.minModelScore === undefined ? undefined : Number(flags.minModelScore);
      const bad =
        !Number.isInteger(n) || n < 0 ? `--n: expected a whole number ≥ 0, got "${flags.n}"`
        : !Number.isInteger(seed) ? `--seed: expected an integer, got "${flags.seed}"`
        : minQuality !== undefined && !Number.isFinite(minQuality) ? `--min-quality: expected a number, got "${flags.minQuality}"`
        : minModelScore !== undefined && !(minModelScore >= 0 && minModelScore <= 1) ? `--min-model-score: expected a probability 0–1, got "${flags.minModelScore}"`
        : flags.domain !== undefined && !(DOMAINS as readonly string[]).includes(flags.domain) ? `--domain: expected one of ${DOMAINS.join(', ')}, got "${flags.domain}"`
        : flags.reason !== undefined && !flags.rejects ? '--reason goes with --rejects (curate sample <out-dir> --rejects --reason \'quality.gopher.*\')'
        : flags.rejects && (flags.domain !== undefined || minQuality !== undefined || minModelScore !== undefined) ? '--domain, --min-quality and --min-model-score filter shard rows; rejects have none of them (use --source or --reason)'
        : null;
      if (bad) {
        process.stderr.write(`curate sample: ${bad}\n`);
        process.exitCode = 2;
        return;
      }
      if (flags.rejects) {
        const rows = await sampleRejects(outDir, { n, seed, source: flags.source, reason: flags.reason });
        if (flags.json) process.stdout.write(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
        else {
          const color = !!process.stdout.isTTY && !process.env.NO_COLOR;
          process.stdout.write(rows.map((r, i) => `${formatRejectRow(r, i, color)}\n\n`).join(''));
        }
        if (rows.length === 0) {
          const reasons = [...(await rejectReasons(outDir))].sort((a, b) => b[1] - a[1]);
          process.stderr.write(`curate sample: no reject matches these filters; reasons in this run: ${reasons.map(([r, c]) => `${r} (${c})`).join(', ') || 'none'}\n`);
        }
        process.exitCode = 0;
        return;
      }
      let rows;
      try {
        rows = await sampleShards(outDir, { n, seed, domain: flags.domain, source: flags.source, minQuality, minModelScore, signals: !!flags.signals });
      } catch (e) {
        if (!(e instanceof RunOutputError)) throw e;
        process.stderr.write(`curate sample: ${e.message}\n`);
        process.exitCode = 2;
        return;
      }
      if (flags.json) {
        process.stdout.write(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
      } else {
        const color = !!process.stdout.isTTY && !process.env.NO_COLOR;
        process.stdout.write(rows.map((r, i) => `${formatSampleRow(r, i, color)}\n\n`).join(''));
        if (rows.length === 0) process.stderr.write('curate sample: no document matches these filters\n');
      }
      process.exitCode = 0;
    });
}
