import { dedupSchema, type DedupConfig } from '../config/dedupSchema.js';
import { dedupJsonlFile, type DedupFileResult } from './dedupJsonlFile.js';

/** Flags of `curate dedup --in corpus.jsonl --out clusters.jsonl`, as strings from the CLI parser. */
export interface DedupCommandFlags {
  in: string;
  out: string;
  threshold?: string;
  ngram?: string;
  numPerm?: string;
  bands?: string;
  rows?: string;
  seed?: string;
  /** "false" turns exact dedup off. */
  exact?: string;
  /** "none" reproduces unverified transitive clusters (comparison only). */
  verify?: string;
}

/** The dedup config for the standalone tool: defaults, overridden by the given flags, validated by the schema. */
export function dedupConfigFromFlags(flags: Omit<DedupCommandFlags, 'in' | 'out'>): DedupConfig {
  const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  const raw: Record<string, unknown> = {
    threshold: num(flags.threshold),
    ngram: num(flags.ngram),
    num_perm: num(flags.numPerm),
    bands: num(flags.bands),
    rows: num(flags.rows),
    seed: num(flags.seed),
    exact: flags.exact === undefined ? undefined : flags.exact !== 'false',
    verify: flags.verify,
  };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  const parsed = dedupSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`dedup option ${issue.path.join('.') || '(options)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Body of `curate dedup`: runs dedupJsonlFile and writes a one-line summary plus any alarms to
 * `log` (stderr in the CLI). Returns the result for the caller's exit code.
 */
export async function runDedupCommand(flags: DedupCommandFlags, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<DedupFileResult> {
  const cfg = dedupConfigFromFlags(flags);
  const t0 = performance.now();
  const r = await dedupJsonlFile(flags.in, flags.out, cfg);
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  log(`dedup: ${r.docs} documents, ${r.removed} removed (${r.stats.removed_exact} exact, ${r.stats.removed_near} near) in ${r.clusters} clusters, ${r.stats.skipped_short} too short for near-dedup, ${s} s → ${flags.out}`);
  for (const a of r.alarms) log(`dedup alarm (${a.kind}): ${a.detail}`);
  return r;
}
