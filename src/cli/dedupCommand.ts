import type { Command } from 'commander';
import { dedupSchema } from '../config/dedupSchema.js';
import { dedupJsonlFile } from '../dedup/index.js';
import { runDedup, runDedupTask } from '../pipeline/dedupPhase.js';
import { withRunLock } from './lockedRun.js';
import { openRun } from './openRun.js';
import { refuseOutputOverInput } from './outputOverInput.js';
import { addTaskOptions, taskFrom, UsageError } from './taskOptions.js';

export function registerDedupCommand(program: Command): void {
  const cmd = program
    .command('dedup')
    .description('phase 2 of a run (exact + MinHash LSH near duplicates over staging), or, with --in/--out, a standalone tool for a JSONL corpus')
    .argument('[config]', 'mix config (YAML) whose staging to deduplicate')
    .option('--in <corpus.jsonl>', 'standalone: a JSONL corpus with {"id","text"} per line')
    .option('--out <clusters.jsonl>', 'standalone: where to write {"id","cluster","survivor",...} per line')
    .option('--threshold <j>', 'standalone: Jaccard similarity threshold (default 0.8)')
    .option('-q, --quiet', 'no progress lines');
  addTaskOptions(cmd).action(async (config: string | undefined, opts) => {
    if (opts.in || opts.out) {
      if (!opts.in || !opts.out) throw new UsageError('dedup: --in and --out go together (curate dedup --in corpus.jsonl --out clusters.jsonl)');
      refuseOutputOverInput('dedup', opts.out, [opts.in]);
      const cfg = dedupSchema.parse(opts.threshold ? { threshold: Number(opts.threshold) } : {});
      const r = await dedupJsonlFile(opts.in, opts.out, cfg);
      process.stderr.write(`dedup: ${r.docs} documents, ${r.clusters} clusters, ${r.removed} removed → ${opts.out}\n`);
      return;
    }
    if (!config) throw new UsageError('dedup: give a config (curate dedup configs/example.yaml) or --in/--out');
    const run = await openRun(config, opts);
    const task = taskFrom(opts);
    // One task: the whole phase. Several: each writes its bands' edges; `curate mix` merges them.
    await withRunLock(run, 'dedup', task, async () => {
      if (task.count === 1) await runDedup(run);
      else await runDedupTask(run, task);
    });
  });
}
