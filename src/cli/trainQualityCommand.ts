import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { writeFileAtomic } from '../io/atomicFile.js';
import { loadCorpus } from '../label/corpusDocs.js';
import { examplesFromLabels, labelsSha256, textSha256, type LabelLike } from '../label/labelExamples.js';
import { LabelStore } from '../label/labelStore.js';
import { toolVersion } from '../pipeline/toolVersion.js';
import { crossValidate, DEFAULT_TRAIN, learningCurve, trainModel, type TrainOptions } from '../qualityModel/trainModel.js';
import { UsageError } from './taskOptions.js';

interface TrainFlags {
  db?: string;
  labels?: string;
  in: string;
  out: string;
  name?: string;
  threshold: string;
  folds: string;
  hashBits: string;
  ngrams: string;
  l2: string;
  epochs: string;
  seed: string;
  learningCurve?: string;
}

/** Labels from an exported JSONL file (`curate label export`). */
async function readLabelsJsonl(file: string): Promise<LabelLike[]> {
  const out: LabelLike[] = [];
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    n++;
    if (!line.trim()) continue;
    let r: Partial<LabelLike>;
    try {
      r = JSON.parse(line) as Partial<LabelLike>;
    } catch {
      throw new UsageError(`${file}:${n}: not valid JSON; expected the lines of \`curate label export\``);
    }
    if (typeof r.id !== 'string' || typeof r.labeller !== 'string' || !Number.isInteger(r.quality) || r.quality! < 0 || r.quality! > 5 || typeof r.text_sha256 !== 'string') {
      throw new UsageError(`${file}:${n}: expected {"id","labeller","quality":0-5,"text_sha256",...}`);
    }
    out.push(r as LabelLike);
  }
  return out;
}

function num(flag: string, v: string, ok: (n: number) => boolean, expected: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new UsageError(`${flag}: expected ${expected}, got "${v}"`);
  return n;
}

export function registerTrainQualityCommand(program: Command): void {
  program
    .command('train-quality')
    .description('train the quality model (logistic regression over signals + hashed word n-grams) from expert labels; prints cross-validated AUC')
    .option('--db <file>', 'label database (curate label)')
    .option('--labels <file>', 'labels as JSON Lines (curate label export) instead of --db')
    .requiredOption('--in <corpus>', 'the labelled corpus: the run output folder or JSONL given to `curate label`')
    .requiredOption('--out <file>', 'model file to write, e.g. models/NAME.json')
    .option('--name <name>', 'model name (default: the file name)')
    .option('--threshold <g>', 'grades ≥ g are keep, below are drop', String(DEFAULT_TRAIN.threshold))
    .option('--folds <k>', 'cross-validation folds', '5')
    .option('--hash-bits <b>', 'hashed n-gram buckets = 2^b', String(DEFAULT_TRAIN.hashBits))
    .option('--ngrams <list>', 'word n-gram orders', DEFAULT_TRAIN.ngrams.join(','))
    .option('--l2 <x>', 'L2 regularisation', String(DEFAULT_TRAIN.l2))
    .option('--epochs <n>', 'passes over the labels', String(DEFAULT_TRAIN.epochs))
    .option('--seed <n>', 'seed (fold assignment, example order)', String(DEFAULT_TRAIN.seed))
    .option('--learning-curve <sizes>', 'also print cross-validated AUC on random subsets of these sizes, e.g. 25,50,100,200')
    .addHelpText('after', '\nExample:\n  curate train-quality --db out/example/labels.sqlite --in out/example --out models/example.json\n\nDetails: docs/labelling.md')
    .action(async (flags: TrainFlags) => {
      if (!!flags.db === !!flags.labels) throw new UsageError('train-quality: give exactly one of --db FILE or --labels FILE.jsonl');
      const src = (flags.db ?? flags.labels)!;
      if (!existsSync(src)) throw new UsageError(`${flags.db ? '--db' : '--labels'} ${src}: no such file`);
      const o: TrainOptions = {
        ...DEFAULT_TRAIN,
        threshold: num('--threshold', flags.threshold, (n) => n > 0 && n <= 5, 'a grade 1–5'),
        hashBits: num('--hash-bits', flags.hashBits, (n) => Number.isInteger(n) && n >= 4 && n <= 24, 'an integer 4–24'),
        ngrams: flags.ngrams.split(',').map((s) => num('--ngrams', s, (n) => Number.isInteger(n) && n >= 1 && n <= 5, 'orders 1–5 separated by commas')),
        l2: num('--l2', flags.l2, (n) => n >= 0, 'a number ≥ 0'),
        epochs: num('--epochs', flags.epochs, (n) => Number.isInteger(n) && n > 0, 'a whole number > 0'),
        seed: num('--seed', flags.seed, Number.isInteger, 'an integer'),
      };
      const folds = num('--folds', flags.folds, (n) => Number.isInteger(n) && n >= 2, 'a whole number ≥ 2');
      const curve = flags.learningCurve?.split(',').map((s) => num('--learning-curve', s, (n) => Number.isInteger(n) && n >= 4, 'sizes ≥ 4 separated by commas'));

      let labels: LabelLike[];
      if (flags.db) {
        const store = new LabelStore(flags.db);
        labels = store.all();
        store.close();
      } else labels = await readLabelsJsonl(flags.labels!);
      const docs = await loadCorpus(flags.in);
      const { examples, used, stale, missing } = examplesFromLabels(labels, new Map(docs.map((d) => [d.id, d])), (d) => textSha256(d.text));
      if (stale.length) process.stderr.write(`train-quality: ${stale.length} label(s) skipped: their document's text changed since it was graded (relabel them)\n`);
      if (missing.length) process.stderr.write(`train-quality: ${missing.length} label(s) skipped: document not in ${flags.in}\n`);
      const pos = examples.filter((e) => e.grade >= o.threshold).length;
      if (pos === 0 || pos === examples.length) {
        throw new UsageError(`train-quality: need labelled documents on both sides of grade ${o.threshold}; have ${pos} keep and ${examples.length - pos} drop`);
      }
      const cv = crossValidate(examples, o, folds);
      const name = flags.name ?? basename(flags.out).replace(/\.json$/, '');
      const model = trainModel(examples, o, { name, created: new Date().toISOString(), curateVersion: toolVersion(), labelsSha256: labelsSha256(used), cv });
      writeFileAtomic(flags.out, `${JSON.stringify(model)}\n`);
      const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null);
      const result: Record<string, unknown> = {
        labels: examples.length,
        cv_auc: round(cv.cv_auc),
        heuristic_auc: round(cv.heuristic_auc),
        folds: cv.folds,
        positives: pos,
        negatives: examples.length - pos,
        stale: stale.length,
        missing: missing.length,
        model: flags.out,
      };
      if (curve) result.learning_curve = learningCurve(examples, o, curve, 5, folds);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
}
