import type { Command } from 'commander';
import { RunOutputError } from '../report/shardFiles.js';
import { writeReport } from '../report/writeReport.js';

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write <out-dir>/report.html: funnel, mix, quality and length, dedup clusters, licenses and a sample browser (one self-contained file, no server)')
    .argument('<out-dir>', 'the run output folder (the config\'s "output", e.g. out/example)')
    .option('--samples <n>', 'documents per domain in the sample browser', '50')
    .option('--seed <seed>', 'seed of the sample browser (default: the mix seed of the run)')
    .addHelpText('after', '\nExample:\n  curate report out/example && xdg-open out/example/report.html')
    .action(async (outDir: string, flags: { samples: string; seed?: string }) => {
      const samplePerDomain = Number(flags.samples);
      const seed = flags.seed === undefined ? undefined : Number(flags.seed);
      const bad =
        !Number.isInteger(samplePerDomain) || samplePerDomain < 0 ? `--samples: expected a whole number ≥ 0, got "${flags.samples}"`
        : seed !== undefined && !Number.isInteger(seed) ? `--seed: expected an integer, got "${flags.seed}"`
        : null;
      if (bad) {
        process.stderr.write(`curate report: ${bad}\n`);
        process.exitCode = 2;
        return;
      }
      try {
        const path = await writeReport(outDir, { samplePerDomain, seed });
        process.stdout.write(`report  ${path}\n`);
        process.exitCode = 0;
      } catch (e) {
        if (!(e instanceof RunOutputError)) throw e;
        process.stderr.write(`curate report: ${e.message}\n`);
        process.exitCode = 2;
      }
    });
}
