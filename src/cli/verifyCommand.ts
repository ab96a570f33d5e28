import type { Command } from 'commander';
import { verifyRun } from '../license/verifyRun.js';

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description("prove a run's shards match its manifest: sha256 of every shard, every row's license against the policy, row and token counts")
    .argument('<out-dir>', 'the output folder of a finished run (holds manifest.json and shards/)')
    .option('--policy <file>', 'check rows against this policy instead of the one named in the manifest')
    .option('--json', 'print the result as JSON')
    .action(async (outDir: string, opts: { policy?: string; json?: boolean }) => {
      const r = await verifyRun(outDir, { policyFile: opts.policy });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      } else if (r.ok) {
        process.stdout.write(`verify ${outDir}: OK — ${r.shards} shard(s), ${r.rows} rows: hashes, licenses and counts match the manifest\n`);
      } else {
        process.stdout.write(`verify ${outDir}: ${r.findings.length} finding(s)\n`);
        for (const f of r.findings) process.stdout.write(`  ${f.file}: ${f.code}: ${f.detail}\n`);
      }
      process.exitCode = r.ok ? 0 : 1;
    });
}
