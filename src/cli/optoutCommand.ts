import type { Command } from 'commander';
import { checkOptOuts, readOptOutList } from '../license/optOutCheck.js';

export function registerOptoutCommand(program: Command): void {
  const optout = program.command('optout').description('opt-out and takedown lists (docs/licenses.md)');
  optout
    .command('check')
    .description('prove that no row of a finished run matches an opt-out list (exit 1 and the matching ids otherwise)')
    .argument('<list>', 'an opt-out list file: URL prefixes, domain:<host>, id:<document id>, sha256:<hex of the text>')
    .argument('<out-dir>', 'the output folder of a finished run')
    .option('--json', 'print the result as JSON')
    .action(async (list: string, outDir: string, opts: { json?: boolean }) => {
      const parsed = readOptOutList(list, process.cwd());
      const found = await checkOptOuts(outDir, [parsed]);
      if (opts.json) process.stdout.write(`${JSON.stringify({ list, sha256: parsed.sha256, rules: parsed.rules.length, matches: found }, null, 2)}\n`);
      else if (found.length === 0) process.stdout.write(`optout check ${list} ${outDir}: OK — no shard row matches its ${parsed.rules.length} rule(s)\n`);
      else {
        process.stdout.write(`optout check ${list} ${outDir}: ${found.length} row(s) match\n`);
        for (const f of found) process.stdout.write(`${f.id}\t${f.shard}\t${f.detail}\n`);
      }
      process.exitCode = found.length ? 1 : 0;
    });
}
