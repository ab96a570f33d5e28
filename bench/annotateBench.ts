/**
 * Annotate throughput on one core: all rules, language id, domain and textbook score
 * (tokenizer excluded: `approx`), then the tokenizers alone.
 *
 * Corpus: /work/shared/samples/domains/samples.jsonl (90 real code/science/prose documents) plus
 * .bench/annotate-eval/domains.jsonl when built (scripts/buildDomainEval.ts).
 * Run alone: node --import tsx bench/annotateBench.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { annotate, type AnnotateInput } from '../src/annotate/annotateDoc.js';
import { c4Rules } from '../src/annotate/c4Rules.js';
import { codeRules } from '../src/annotate/codeRules.js';
import { computeCodeStats } from '../src/annotate/codeStats.js';
import { finewebRules } from '../src/annotate/finewebRules.js';
import { gopherQualityRules } from '../src/annotate/gopherQualityRules.js';
import { gopherRepetitionRules } from '../src/annotate/gopherRepetitionRules.js';
import { identifyLanguage } from '../src/annotate/languageId.js';
import { computeTextStats, selectLines } from '../src/annotate/textStats.js';
import { countTokens } from '../src/annotate/tokenCounter.js';
import { qualityPreset, type QualityConfig, type QualityPreset } from '../src/config/qualitySchema.js';

const repoRoot = resolve(import.meta.dirname, '..');

function corpus(): AnnotateInput[] {
  const docs: AnnotateInput[] = [];
  for (const f of [resolve(repoRoot, '../shared/samples/domains/samples.jsonl'), resolve(repoRoot, '.bench/annotate-eval/domains.jsonl')]) {
    if (!existsSync(f)) continue;
    for (const l of readFileSync(f, 'utf8').split('\n')) {
      if (!l.trim()) continue;
      const r = JSON.parse(l) as { domain: string; text: string; contentType?: AnnotateInput['contentType']; programmingLanguage?: string };
      docs.push({ text: r.text, contentType: r.contentType ?? (r.domain === 'code' ? 'code' : 'text'), programmingLanguage: r.programmingLanguage });
    }
  }
  return docs;
}

function mbps(docs: AnnotateInput[], fn: (d: AnnotateInput) => void, roundMs = 800, warmMs = 3000): number {
  // CPU time of this process, not wall time: the figure is per core even on a busy machine.
  const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0);
  const cpuSince = (c0: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(c0);
    return (u.user + u.system) / 1000;
  };
  // Warm-up until V8 has optimised every path (its top tier takes a few passes over the corpus):
  // a worker annotates millions of documents, so the steady state is the figure that matters.
  const w0 = process.cpuUsage();
  do for (const d of docs) fn(d);
  while (cpuSince(w0) < warmMs);
  // The median of three rounds: this VM's speed drifts by ±15% from second to second.
  const rounds: number[] = [];
  for (let r = 0; r < 3; r++) {
    let done = 0;
    const c0 = process.cpuUsage();
    while (cpuSince(c0) < roundMs) {
      for (const d of docs) fn(d);
      done += bytes;
    }
    rounds.push(done / 1e6 / (cpuSince(c0) / 1000));
  }
  return rounds.sort((a, b) => a - b)[1]!;
}

/**
 * The steps of `annotate` other than language id, domain classifier and textbook score, in its
 * order: text and code stats, Gopher, C4 (with the cleaned text's stats), FineWeb or code rules,
 * approx tokens. Code = content type code (no classifier here).
 */
function rulesOnly(d: AnnotateInput, cfg: QualityConfig): void {
  const signals: Record<string, number> = {};
  let text = d.text;
  let st = computeTextStats(text);
  let cs = computeCodeStats(st, d.programmingLanguage);
  gopherRepetitionRules(st, cfg.gopher_repetition, signals);
  gopherQualityRules(st, cfg.gopher_quality, signals, true);
  if (d.contentType === 'code') codeRules(st, cs, d, cfg.code, signals);
  else {
    const c4 = c4Rules(text, cfg.c4, signals);
    if (c4.text !== text) {
      text = c4.text;
      st = (c4.kept && selectLines(st, c4.kept.start, c4.kept.end, c4.kept.n, text)) || computeTextStats(text);
      cs = computeCodeStats(st, d.programmingLanguage);
    }
    finewebRules(st, cfg.fineweb, signals);
  }
  countTokens(text, cfg);
}

export async function benchAnnotate(): Promise<Record<string, number | string>> {
  const docs = corpus();
  const res: Record<string, number | string> = {
    'annotate.docs': docs.length,
    'annotate.mean_doc_bytes': Math.round(docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0) / Math.max(1, docs.length)),
  };
  const totalMB = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0) / 1e6;
  for (const p of ['curate', 'fineweb'] as QualityPreset[]) {
    const cfg = qualityPreset(p, { tokenizer: 'approx' });
    const v = mbps(docs, (d) => annotate(d, cfg));
    res[`annotate.${p}_no_tokenizer_MBps`] = Number(v.toFixed(1));
    res[`annotate.${p}_no_tokenizer_us_per_doc`] = Math.round(((totalMB / v) * 1e6) / docs.length);
    const r = mbps(docs, (d) => rulesOnly(d, cfg));
    res[`annotate.${p}_rules_only_us_per_doc`] = Math.round(((totalMB / r) * 1e6) / docs.length);
    res[`annotate.${p}_rules_only_MBps`] = Number(r.toFixed(1));
  }
  // Our detector over eld's small table (languageDetector.ts) reads at most ~400 characters.
  const prefix = qualityPreset('curate').language.prefix_chars;
  const lang = mbps(docs, (d) => identifyLanguage(d.text, d.contentType === 'code' ? 300 : prefix));
  const langUs = ((totalMB / lang) * 1e6) / docs.length;
  res['language_id.us_per_doc'] = Math.round(langUs);
  res['language_id.model_MB_per_thread'] = await import('../src/annotate/eldSmallModel.js').then((m) => Number((m.eldSmallModelBytes() / 1e6).toFixed(1)));
  const all = res['annotate.curate_no_tokenizer_us_per_doc'] as number;
  res['annotate.curate_rules_and_scores_without_language_id_MBps'] = Number(((totalMB * 1e6) / docs.length / Math.max(1, all - langUs)).toFixed(1));
  for (const t of ['cl100k_base', 'o200k_base'] as const) {
    const cfg = { tokenizer: t };
    res[`tokenizer.${t}_MBps`] = Number(mbps(docs, (d) => countTokens(d.text, cfg)).toFixed(1));
  }
  const cfg = qualityPreset('curate');
  res['annotate.curate_with_cl100k_MBps'] = Number(mbps(docs, (d) => annotate(d, cfg)).toFixed(1));
  return res;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchAnnotate());
}
