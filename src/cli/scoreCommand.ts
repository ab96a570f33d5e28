import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { annotate, type Annotation } from '../annotate/annotateDoc.js';
import { tokenizerName } from '../annotate/tokenCounter.js';
import { ruleThresholds, TEXTBOOK_POINT_CONDITIONS } from '../annotate/ruleThresholds.js';
import { QUALITY_PRESETS, TOKENIZERS, qualityPreset, type QualityConfig, type QualityPreset, type TokenizerChoice } from '../config/qualitySchema.js';
import { CONTENT_TYPES, type ContentType } from '../core/doc.js';
import { extractRecord } from '../extract/extractRecord.js';
import { preExtract } from '../extract/preExtract.js';
import { contentTypeFromMime } from '../extract/sniffContentType.js';
import { fileKind, type FileKind } from '../sources/contentTypeByExtension.js';
import { readModelFile, type LoadedModel } from '../qualityModel/modelFile.js';
import { explainScore, scoreModel } from '../qualityModel/qualityModel.js';
import { refuseOutputOverInput } from './outputOverInput.js';

/**
 * Content type of a file from its name, as the files source judges it (`fileKind`): `.rst` and
 * `.rst.txt` are reStructuredText, `.ipynb` a notebook, `.pdf` a PDF, `.tex` LaTeX, code by
 * language. A `.gz` suffix is looked through (extractRecord inflates the body).
 */
function contentTypeOf(file: string): FileKind {
  const name = file.toLowerCase().endsWith('.gz') ? file.slice(0, -3) : file;
  return fileKind(name.replace(/\\/g, '/'));
}

/**
 * The text a batch row's `contentType` names, through that format's extractor (a reST, LaTeX,
 * HTML, markdown or notebook text scored as written would keep its markup). `contentType` may be
 * one of the pipeline's content types or a MIME type (`text/x-rst`).
 */
function batchText(text: string, declared: unknown, id: string): { text: string; contentType: ContentType } | { reason: string; detail: string } {
  const ct = typeof declared === 'string' ? ((CONTENT_TYPES as readonly string[]).includes(declared) ? (declared as ContentType) : contentTypeFromMime(declared)) : 'text';
  if (ct === undefined) return { reason: 'score.unknown_content_type', detail: `contentType ${JSON.stringify(declared)}: expected one of ${CONTENT_TYPES.join(', ')} or a MIME type` };
  if (ct === 'text' || ct === 'code') return { text, contentType: ct };
  if (ct === 'pdf') return { reason: 'score.pdf_in_jsonl', detail: 'a PDF cannot ride in a JSON string; score the .pdf file itself: curate score paper.pdf' };
  const ex = extractRecord({ source: 'cli', key: id, url: '', body: text, contentType: ct, bytes: text.length });
  return ex.ok ? { text: ex.text, contentType: ex.contentType } : { reason: ex.reason, detail: ex.detail };
}

const POINTS = ['explains', 'examples', 'structure', 'style', 'clean'] as const;

/** Signals behind each point, listed next to it in the human-readable report. */
const POINT_SIGNALS: Record<(typeof POINTS)[number], string[]> = {
  explains: ['edu.explain_per_1k', 'edu.defines', 'edu.code.comment_frac'],
  examples: ['edu.examples', 'domain.math_per_1k', 'edu.code.examples'],
  structure: ['edu.headings', 'edu.prose_paragraphs', 'edu.code.definitions'],
  style: ['edu.mean_sentence_words', 'edu.mean_word_length', 'edu.type_token_ratio', 'edu.code.mean_identifier_length', 'edu.code.single_char_identifier_frac'],
  clean: ['edu.commercial_per_1k', 'edu.short_line_frac', 'edu.links_per_1k', 'gopher_repetition.dup_line_frac'],
};

function report(name: string, a: Annotation, cfg: QualityConfig): string {
  const lines = [
    `${name}`,
    `  domain   ${a.domain} (confidence ${a.domainConfidence})`,
    `  language ${a.lang} (score ${a.langScore})`,
    `  tokens   ${a.tokens} (${tokenizerName(cfg)})`,
    `  textbook ${a.quality}/5${(a.signals['edu.words'] ?? 0) < 50 ? ' (fewer than 50 words: no points)' : ''}`,
  ];
  const isCode = a.signals['domain.is_code'] === 1;
  const conditions = TEXTBOOK_POINT_CONDITIONS[isCode ? 'code' : 'prose'];
  for (const p of POINTS) {
    const earned = a.signals[`edu.point.${p}`] === 1;
    const sig = POINT_SIGNALS[p].filter((k) => k in a.signals).map((k) => `${k}=${a.signals[k]}`).join(' ');
    lines.push(`    ${earned ? '+1' : ' 0'} ${p.padEnd(9)} ${sig}`);
    lines.push(`              needs ${conditions[p]}`);
  }
  const floor = isCode ? cfg.textbook.code_min_score : cfg.textbook.min_score;
  lines.push(`  rules    [preset ${cfg.preset}] value vs threshold (${isCode ? 'code rules: this is code' : 'prose rules'})`);
  for (const { group, rules } of ruleThresholds(cfg, isCode)) {
    for (const r of rules) {
      const v = a.signals[r.signal];
      if (v === undefined) continue;
      lines.push(`    ${r.passes(v) ? 'ok  ' : 'FAIL'} ${r.signal.padEnd(38)} ${String(v).padStart(10)}  needs ${r.bound}`);
    }
    void group;
  }
  if (floor > 0) lines.push(`    ${a.quality >= floor ? 'ok  ' : 'FAIL'} ${'textbook score'.padEnd(38)} ${String(a.quality).padStart(10)}  needs ≥ ${floor}`);
  if (!isCode && cfg.consensus.enabled) lines.push(`    consensus: rejected when Gopher's and C4's published thresholds both reject (docs/quality.md)`);
  lines.push(`  rejected ${a.rejection ? `${a.rejection.reason} (${a.rejection.detail})` : 'no'} [preset ${cfg.preset}]`);
  return lines.join('\n');
}

interface ScoreOptions {
  json?: boolean;
  in?: string;
  out?: string;
  preset: string;
  tokenizer: string;
  model?: string;
}

/** The learned model's view of a document: probability and the features that moved it most. */
function modelView(m: LoadedModel, a: Annotation) {
  const e = explainScore(m.compiled, { text: a.text, signals: a.signals, quality: a.quality, domain: a.domain }, 8);
  return { name: m.file.name, sha256: m.sha256, score: Math.round(e.probability * 1e4) / 1e4, margin: Math.round(e.margin * 1e4) / 1e4, bias: e.bias, terms_total: e.terms_total, top_features: e.contributions };
}

function modelReport(v: ReturnType<typeof modelView>): string {
  const lines = [`  model    ${v.score} = P(keep) by ${v.name} (log-odds ${v.margin} = bias ${v.bias} + signals + all word n-grams ${v.terms_total}); features that moved it most:`];
  for (const c of v.top_features) lines.push(`    ${`${c.contribution >= 0 ? '+' : ''}${c.contribution.toFixed(3)}`.padStart(8)}  ${c.feature} (value ${c.value})`);
  return lines.join('\n');
}

async function scoreBatch(input: string, output: string | undefined, cfg: QualityConfig, model?: LoadedModel): Promise<number> {
  const rl = createInterface({ input: createReadStream(input), crlfDelay: Infinity });
  const file = output ? createWriteStream(output) : undefined;
  const out: NodeJS.WritableStream = file ?? process.stdout;
  let n = 0;
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let rec: { id?: unknown; text?: unknown; contentType?: unknown };
    try {
      rec = JSON.parse(line) as typeof rec;
    } catch {
      // `--in page.rst` is a common slip: --in takes JSONL, files are scored as arguments.
      const hint = /\.jsonl?$/i.test(input) ? '' : `; to score ${input} as a file, pass it without --in: curate score ${input}`;
      process.stderr.write(`${input}:${lineNo}: not valid JSON; each line must be {"id","text"} (optional "contentType")${hint}\n`);
      return 1;
    }
    if (typeof rec.text !== 'string') {
      process.stderr.write(`${input}:${lineNo}: missing "text" string; each line must be {"id","text"}\n`);
      return 1;
    }
    const got = batchText(rec.text, rec.contentType, `${input}:${lineNo}`);
    if ('reason' in got) {
      // Like the pipeline: a document its extractor refuses is a reject with a reason, not a crash.
      const ok = out.write(`${JSON.stringify({ id: rec.id ?? null, rejected_by: got.reason, rejection_detail: got.detail })}\n`);
      if (!ok && file) await new Promise<void>((r) => file.once('drain', () => r()));
      n++;
      continue;
    }
    const a = annotate({ text: got.text, contentType: got.contentType }, cfg);
    const row = {
      id: rec.id ?? null, domain: a.domain, domainConfidence: a.domainConfidence, lang: a.lang, langScore: a.langScore, quality: a.quality,
      ...(model && { quality_model: Math.round(scoreModel(model.compiled, { text: a.text, signals: a.signals, quality: a.quality, domain: a.domain }) * 1e6) / 1e6 }),
      tokens: a.tokens, rejected_by: a.rejection?.reason ?? null, signals: a.signals,
    };
    const ok = out.write(`${JSON.stringify(row)}\n`);
    if (!ok && file) await new Promise<void>((r) => file.once('drain', () => r()));
    n++;
  }
  if (file) await new Promise<void>((res, rej) => file.end((err?: Error | null) => (err ? rej(err) : res())));
  if (output) process.stderr.write(`scored ${n} documents into ${output}\n`);
  return 0;
}

export function registerScoreCommand(program: Command): void {
  program
    .command('score')
    .description('Show domain, language, textbook score (with the signals behind each point) and any rule that would reject a document')
    .argument('[files...]', 'files to score (content type from the extension)')
    .option('--json', 'print one JSON object per file instead of the readable report')
    .option('--in <file>', 'batch mode: JSONL input, one {"id","text"} per line; an optional "contentType" (html, markdown, rst, latex, ipynb, code, text, or a MIME type) sends the text through that format\'s extractor first')
    .option('--out <file>', 'batch mode: JSONL output (default stdout); adds domain, lang, quality, rejected_by and signals')
    .option('--preset <name>', `rule preset: ${QUALITY_PRESETS.join(' | ')}`, 'curate')
    .option('--tokenizer <name>', `tokenizer: ${TOKENIZERS.join(' | ')}`, 'cl100k_base')
    .option('--model <file>', 'also score with a learned quality model (curate train-quality) and show the features that moved it most')
    .addHelpText('after', '\nExamples:\n  curate score README.md src/index.ts\n  curate score --json paper.tex\n  curate score --model models/example-quality.json README.md\n  curate score --in docs.jsonl --out scores.jsonl --preset fineweb')
    .action(async (files: string[], opts: ScoreOptions) => {
      if (!(QUALITY_PRESETS as readonly string[]).includes(opts.preset)) {
        process.stderr.write(`unknown preset "${opts.preset}": use one of ${QUALITY_PRESETS.join(', ')}\n`);
        process.exitCode = 2;
        return;
      }
      if (!(TOKENIZERS as readonly string[]).includes(opts.tokenizer)) {
        process.stderr.write(`unknown tokenizer "${opts.tokenizer}": use one of ${TOKENIZERS.join(', ')}\n`);
        process.exitCode = 2;
        return;
      }
      const cfg = qualityPreset(opts.preset as QualityPreset, { tokenizer: opts.tokenizer as TokenizerChoice });
      let model: LoadedModel | undefined;
      if (opts.model) {
        try {
          model = readModelFile(opts.model);
        } catch (e) {
          process.stderr.write(`--model: ${(e as Error).message}\n`);
          process.exitCode = 2;
          return;
        }
      }
      if (opts.in) {
        if (!existsSync(opts.in)) {
          process.stderr.write(`input not found: ${opts.in}; pass a JSONL file of {"id","text"} lines\n`);
          process.exitCode = 2;
          return;
        }
        if (opts.out) refuseOutputOverInput('score', opts.out, [opts.in]);
        process.exitCode = await scoreBatch(opts.in, opts.out, cfg, model);
        return;
      }
      if (files.length === 0) {
        process.stderr.write('nothing to score: pass files, or --in docs.jsonl for a batch\n');
        process.exitCode = 2;
        return;
      }
      let rejected = 0;
      for (const f of files) {
        if (!existsSync(f)) {
          process.stderr.write(`file not found: ${f}\n`);
          process.exitCode = 2;
          return;
        }
        // What the pipeline scores: the extracted main text (HTML, PDF, LaTeX ... go through the extractor first).
        const body = readFileSync(f);
        const { contentType, programmingLanguage } = contentTypeOf(f);
        // PDFs are converted asynchronously first (pdfjs), as the pipeline does.
        const ex = extractRecord(await preExtract({ source: 'cli', key: f, url: f, body, contentType, bytes: body.length, ...(programmingLanguage ? { programmingLanguage } : {}) }));
        if (!ex.ok) {
          rejected++;
          process.stdout.write(opts.json ? `${JSON.stringify({ file: f, rejected_by: ex.reason, rejection_detail: ex.detail })}\n` : `${f}\n  rejected ${ex.reason} (${ex.detail}) [extraction]\n`);
          continue;
        }
        const a = annotate({ text: ex.text, contentType: ex.contentType, programmingLanguage, url: f, title: ex.title }, cfg);
        if (a.rejection) rejected++;
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ file: f, contentType: ex.contentType, domain: a.domain, domainConfidence: a.domainConfidence, lang: a.lang, langScore: a.langScore, quality: a.quality, tokens: a.tokens, tokenizer: tokenizerName(cfg), rejected_by: a.rejection?.reason ?? null, rejection_detail: a.rejection?.detail ?? null, ...(model && { model: modelView(model, a) }), signals: a.signals })}\n`);
        } else process.stdout.write(`${report(f, a, cfg)}${model ? `\n${modelReport(modelView(model, a))}` : ''}\n`);
      }
      // Findings: at least one document would be rejected.
      process.exitCode = rejected > 0 ? 1 : 0;
    });
}
