import type { Command } from 'commander';
import { dedupSchema, type DedupConfig } from '../config/dedupSchema.js';
import { dedupJsonlFile, type DedupFileResult } from '../dedup/dedupJsonlFile.js';
import { inMemoryBytesPerDoc } from '../dedup/dedupMemory.js';
import { runDedup, runDedupTask } from '../pipeline/dedupPhase.js';
import { withRunLock } from './lockedRun.js';
import { openRun } from './openRun.js';
import { refuseOutputOverInput } from './outputOverInput.js';
import { addTaskOptions, taskFrom, UsageError } from './taskOptions.js';

/**
 * The standalone tool's flags: every field of the config's `dedup:` block, same name with `-`
 * for `_` (num_perm → --num-perm), parsed by the same schema, so its options are the pipeline's.
 */
const FLAGS: [field: keyof DedupConfig, flag: string, kind: 'number' | 'boolean' | 'string' | 'list', help: string][] = [
  ['exact', '--exact <bool>', 'boolean', 'exact dedup on the normalised text hash (default true)'],
  ['near', '--near <bool>', 'boolean', 'MinHash LSH near dedup (default true)'],
  ['ngram', '--ngram <n>', 'number', 'words per shingle (default 5)'],
  ['num_perm', '--num-perm <n>', 'number', 'MinHash permutations (default 112)'],
  ['bands', '--bands <n>', 'number', 'LSH bands (default 14; bands × rows ≤ num-perm)'],
  ['rows', '--rows <n>', 'number', 'LSH rows per band (default 8)'],
  ['seed', '--seed <n>', 'number', 'permutation seed (default 1)'],
  ['threshold', '--threshold <j>', 'number', 'minimum estimated Jaccard similarity (default 0.8)'],
  ['verify', '--verify <mode>', 'string', 'signature (default) or none (unverified transitive clusters, comparison only)'],
  ['survivor', '--survivor <keys>', 'list', 'survivor order, comma-separated: license,quality,length,shorter,source (default license,quality,length)'],
  ['max_cluster_size', '--max-cluster-size <n>', 'number', 'alarm above this cluster size (default 1000)'],
  ['max_source_loss', '--max-source-loss <f>', 'number', 'alarm when dedup removes more than this share of a source (default 0.5)'],
  ['min_source_docs', '--min-source-docs <n>', 'number', '... for sources of at least this many documents (default 20)'],
  ['max_memory_mb', '--max-memory-mb <mb>', 'number', 'memory budget; the standalone tool keeps signatures in memory and refuses a corpus over it (default 16384)'],
  ['out_of_core', '--out-of-core <mode>', 'string', 'auto (default) or never; always needs the pipeline (curate dedup <config>)'],
];

const camel = (field: string) => field.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** The dedup config from the standalone flags: defaults, overridden by the flags given, validated by the config schema. */
export function dedupConfigFromFlags(flags: Record<string, unknown>): DedupConfig {
  const raw: Record<string, unknown> = {};
  for (const [field, flag, kind] of FLAGS) {
    const v = flags[camel(field)];
    if (v === undefined) continue;
    const name = flag.split(' ')[0];
    const s = String(v);
    if (kind === 'number') {
      if (s.trim() === '' || !Number.isFinite(Number(s))) throw new UsageError(`dedup ${name}: expected a number, got "${s}"`);
      raw[field] = Number(s);
    } else if (kind === 'boolean') {
      if (s !== 'true' && s !== 'false') throw new UsageError(`dedup ${name}: expected true or false, got "${s}"`);
      raw[field] = s === 'true';
    } else if (kind === 'list') raw[field] = s.split(',').map((x) => x.trim()).filter(Boolean);
    else raw[field] = s;
  }
  const parsed = dedupSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    const flag = FLAGS.find(([f]) => f === field)?.[1].split(' ')[0] ?? '(options)';
    const given = field in raw ? `, got ${JSON.stringify(raw[field])}` : '';
    throw new UsageError(`dedup ${flag}: ${issue.message}${given}`);
  }
  if (parsed.data.out_of_core === 'always') throw new UsageError('dedup --out-of-core always: the standalone tool keeps signatures in memory; run the pipeline (curate dedup <config>) for out-of-core dedup');
  return parsed.data;
}

/** Body of `curate dedup --in --out`: runs dedupJsonlFile and logs a one-line summary plus any alarms. */
export async function runDedupCommand(flags: { in: string; out: string } & Record<string, unknown>, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<DedupFileResult> {
  const cfg = dedupConfigFromFlags(flags);
  const t0 = performance.now();
  const r = await dedupJsonlFile(flags.in, flags.out, cfg);
  const needMb = (r.docs * inMemoryBytesPerDoc(cfg.num_perm)) / 1e6;
  if (needMb > cfg.max_memory_mb) log(`dedup warning: ${r.docs} documents needed ~${needMb.toFixed(1)} MB in memory, over --max-memory-mb ${cfg.max_memory_mb}; use the pipeline (out of core) for corpora this size`);
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  log(`dedup: ${r.docs} documents, ${r.removed} removed (${r.stats.removed_exact} exact, ${r.stats.removed_near} near) in ${r.clusters} clusters, ${r.stats.skipped_short} too short for near-dedup, ${s} s → ${flags.out}`);
  for (const a of r.alarms) log(`dedup alarm (${a.kind}): ${a.detail}`);
  return r;
}

export function registerDedupCommand(program: Command): void {
  const cmd = program
    .command('dedup')
    .description('phase 2 of a run (exact + MinHash LSH near duplicates over staging), or, with --in/--out, a standalone tool for a JSONL corpus')
    .argument('[config]', 'mix config (YAML) whose staging to deduplicate')
    .option('--in <corpus.jsonl>', 'standalone: a JSONL corpus with {"id","text"} per line (optional "source", "license_rank", "quality")')
    .option('--out <clusters.jsonl>', 'standalone: where to write {"id","cluster","survivor","survivor_id","similarity","kind"} per line');
  for (const [, flag, , help] of FLAGS) cmd.option(flag, `standalone: ${help}`);
  cmd.option('-q, --quiet', 'no progress lines');
  cmd.addHelpText('after', '\nThe standalone options are the fields of the config\'s dedup: block (docs/dedup.md), with - for _.\nExample:\n  curate dedup --in corpus.jsonl --out clusters.jsonl --threshold 0.7 --num-perm 128 --bands 16 --rows 8');
  addTaskOptions(cmd).action(async (config: string | undefined, opts) => {
    const standaloneGiven = FLAGS.some(([f]) => opts[camel(f)] !== undefined);
    if (opts.in || opts.out) {
      if (!opts.in || !opts.out) throw new UsageError('dedup: --in and --out go together (curate dedup --in corpus.jsonl --out clusters.jsonl)');
      if (config) throw new UsageError('dedup: give a config or --in/--out, not both');
      refuseOutputOverInput('dedup', opts.out, [opts.in]);
      await runDedupCommand(opts);
      return;
    }
    if (standaloneGiven) throw new UsageError('dedup: these options are for the standalone tool (--in/--out); a run takes them from its config\'s dedup: block');
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
