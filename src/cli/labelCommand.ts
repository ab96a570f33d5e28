import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadCorpus } from '../label/corpusDocs.js';
import { LabelStore } from '../label/labelStore.js';
import { buildLabelServer, isLoopback } from '../label/labelServer.js';
import { readModelFile } from '../qualityModel/modelFile.js';
import { UsageError } from './taskOptions.js';

interface LabelFlags {
  db?: string;
  port: string;
  host: string;
  target: string;
  randomShare: string;
  threshold: string;
  retrainEvery: string;
  model?: string;
  maxDocs: string;
  seed: string;
}

/** Default label database: <out-dir>/labels.sqlite, or labels.sqlite next to a JSONL corpus. */
export function defaultDb(input: string): string {
  return existsSync(input) && statSync(input).isDirectory() ? join(input, 'labels.sqlite') : join(dirname(input), 'labels.sqlite');
}

function num(flag: string, v: string, ok: (n: number) => boolean, expected: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new UsageError(`${flag}: expected ${expected}, got "${v}"`);
  return n;
}

export function registerLabelCommand(program: Command): void {
  const label = program
    .command('label')
    .description('label documents in the browser (a local web app); labels go to SQLite')
    .argument('[input]', 'a run output folder (its staging documents) or a JSONL corpus ({"id","text",...} per line)')
    .option('--db <file>', 'label database (default: <out-dir>/labels.sqlite)')
    .option('--port <port>', 'port', '8765')
    .option('--host <host>', 'address to bind; loopback by default (other machines cannot reach it)', '127.0.0.1')
    .option('--target <n>', 'labelled documents aimed at (progress)', '200')
    .option('--random-share <f>', 'share of uniformly random picks (the rest: the most uncertain document)', '0.2')
    .option('--threshold <g>', 'grades ≥ g count as keep', '3')
    .option('--retrain-every <n>', 'retrain the session model after this many new labels', '10')
    .option('--model <file>', 'score with this trained model (fixed; no retraining in the session)')
    .option('--max-docs <n>', 'read at most this many documents of the corpus', '20000')
    .option('--seed <n>', 'seed of the random picks', '1')
    .addHelpText('after', '\nExamples:\n  curate label out/example\n  curate label corpus.jsonl --db labels.sqlite --port 9000\n  curate label export --db out/example/labels.sqlite > labels.jsonl\n\nAPI and rubric: docs/labelling.md')
    .action(async (input: string | undefined, flags: LabelFlags) => {
      if (!input) throw new UsageError('curate label: give a run output folder or a JSONL corpus (or `curate label export --db FILE`)');
      const port = num('--port', flags.port, (n) => Number.isInteger(n) && n >= 0 && n < 65536, 'a port 0–65535');
      const opts = {
        target: num('--target', flags.target, (n) => Number.isInteger(n) && n > 0, 'a whole number > 0'),
        randomShare: num('--random-share', flags.randomShare, (n) => n >= 0 && n <= 1, 'a fraction 0–1'),
        threshold: num('--threshold', flags.threshold, (n) => Number.isInteger(n) && n >= 1 && n <= 5, 'a grade 1–5'),
        retrainEvery: num('--retrain-every', flags.retrainEvery, (n) => Number.isInteger(n) && n > 0, 'a whole number > 0'),
        seed: num('--seed', flags.seed, Number.isInteger, 'an integer'),
      };
      const maxDocs = num('--max-docs', flags.maxDocs, (n) => Number.isInteger(n) && n > 0, 'a whole number > 0');
      const docs = await loadCorpus(input, { maxDocs });
      if (docs.length === 0) throw new UsageError(`${input}: no documents to label`);
      const model = flags.model ? readModelFile(flags.model).compiled : undefined;
      const dbPath = resolve(flags.db ?? defaultDb(input));
      const store = new LabelStore(dbPath);
      const app = buildLabelServer({ docs, store, model, ...opts });
      const close = async () => {
        await app.close();
        store.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      const address = await app.listen({ port, host: flags.host });
      const where = isLoopback(flags.host)
        ? 'loopback only: other machines cannot reach it (use --host to change that)'
        : `WARNING: bound to ${flags.host}, reachable from the network; there is no login, anyone who can reach it can add labels`;
      process.stderr.write(`curate label: ${docs.length} documents from ${input}; labels in ${dbPath}\n`);
      process.stdout.write(`curate label: open ${address}/ (${where}); Ctrl-C stops it\n`);
    });

  label
    .command('export')
    .description('print every label as JSON Lines')
    .option('--db <file>', 'label database')
    .action((_flags: unknown, cmd: Command) => {
      // `label` has a --db of its own, so commander may hand the value to either level.
      const db = (cmd.optsWithGlobals() as { db?: string }).db;
      if (!db) throw new UsageError('curate label export: give --db FILE (the label database)');
      if (!existsSync(db)) throw new UsageError(`--db ${db}: no such file`);
      const store = new LabelStore(db);
      try {
        for (const l of store.all()) {
          process.stdout.write(`${JSON.stringify({ id: l.id, labeller: l.labeller, time: l.time, text_sha256: l.text_sha256, quality: l.quality, domain: l.domain, note: l.note, pick: l.pick })}\n`);
        }
      } finally {
        store.close();
      }
    });
}
