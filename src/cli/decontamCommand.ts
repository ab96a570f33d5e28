import type { Command } from 'commander';
import { decontamCorpus } from '../decontam/decontamCorpus.js';
import { UsageError } from './taskOptions.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function intOption(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`${name}: expected a number, got ${v}`);
  return n;
}

export function registerDecontamCommand(program: Command): void {
  program
    .command('decontam')
    .description('find evaluation items in a JSONL corpus or a finished run\'s shards (word n-gram overlap); exit 0 clean, 1 found, 2 usage error')
    .requiredOption('--eval <file>', 'evaluation set (.jsonl, .parquet or plain text, one item per line); repeatable', collect)
    .option('--field <name>', 'field holding the item text (repeatable: fields are joined); default text', collect)
    .option('--ngram <n>', 'words per n-gram (default 13)')
    .option('--min-item-words <n>', 'items shorter than --ngram but with at least this many words match whole (default 8)')
    .option('--min-coverage <c>', 'share of an item\'s n-grams a document must hold to count (default 0: any one)')
    .requiredOption('--in <corpus>', 'a JSONL corpus ({"id","text"} per line) or a run output folder (reads shards/)')
    .requiredOption('--out <report.jsonl>', 'one line per contaminated document: {"id","eval_ids","ngrams","coverage","sets"}')
    .action(async (opts: { eval: string[]; field?: string[]; ngram?: string; minItemWords?: string; minCoverage?: string; in: string; out: string }) => {
      const r = await decontamCorpus({
        evals: opts.eval,
        fields: opts.field,
        ngram: intOption('--ngram', opts.ngram),
        minItemWords: intOption('--min-item-words', opts.minItemWords),
        minCoverage: intOption('--min-coverage', opts.minCoverage),
        input: opts.in,
        out: opts.out,
      });
      const log = (l: string) => process.stderr.write(`${l}\n`);
      log(`decontam: ${r.documents} documents checked, ${r.contaminated} contaminated (${r.info.ngram}-gram) → ${opts.out}`);
      for (const s of r.sets) {
        const info = r.info.sets.find((x) => x.id === s.id)!;
        const skipped = info.items_too_short + info.items_missing_field + info.items_empty;
        log(`  ${s.id}: ${s.items_found} of ${s.items} items found in ${s.documents_hit} documents${skipped ? `; ${skipped} items skipped (${info.items_too_short} under ${r.info.min_item_words} words, ${info.items_missing_field} without the field, ${info.items_empty} empty)` : ''}`);
      }
      if (r.invalid) log(`  ${r.invalid} corpus line(s) skipped: not a JSON object with a string "text" (or not UTF-8)`);
      process.exitCode = r.contaminated > 0 ? 1 : 0;
    });
}
