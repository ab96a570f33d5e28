/**
 * CPU time of the domain classifier (domainFeatures + classifyDomain) and of the textbook score
 * alone, per document, over the annotate bench corpus. Text and code statistics are computed
 * outside the timed region.
 *
 * Corpus: /work/shared/samples/domains/samples.jsonl plus .bench/annotate-eval/domains.jsonl when
 * built (scripts/buildDomainEval.ts), as in annotateBench.ts.
 * Run alone: node --import tsx bench/domainTextbookBench.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { computeCodeStats } from '../src/annotate/codeStats.js';
import { classifyDomain, domainFeatures } from '../src/annotate/domainClassifier.js';
import { gopherRepetitionRules } from '../src/annotate/gopherRepetitionRules.js';
import type { Signals } from '../src/annotate/ruleFailure.js';
import { textbookScore } from '../src/annotate/textbookScore.js';
import { computeTextStats } from '../src/annotate/textStats.js';
import type { ContentType, Domain } from '../src/core/doc.js';
import { qualityPreset } from '../src/config/qualitySchema.js';

const repoRoot = resolve(import.meta.dirname, '..');
/** Same sample the annotator gives the classifier (annotateDoc.ts). */
const DOMAIN_SAMPLE = 8_000;
const PASSES = 15;

interface BenchDoc {
  text: string;
  contentType: ContentType;
  programmingLanguage?: string;
}

function corpus(): BenchDoc[] {
  const docs: BenchDoc[] = [];
  for (const f of [resolve(repoRoot, '../shared/samples/domains/samples.jsonl'), resolve(repoRoot, '.bench/annotate-eval/domains.jsonl')]) {
    if (!existsSync(f)) continue;
    for (const l of readFileSync(f, 'utf8').split('\n')) {
      if (!l.trim()) continue;
      const r = JSON.parse(l) as { domain: string; text: string; contentType?: ContentType; programmingLanguage?: string };
      docs.push({ text: r.text, contentType: r.contentType ?? (r.domain === 'code' ? 'code' : 'text'), programmingLanguage: r.programmingLanguage });
    }
  }
  return docs;
}

function cpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/**
 * One pass over the corpus; returns CPU µs spent in the domain classifier and in the textbook
 * score. Each document is scored once per pass, right after its statistics, as in annotate (a
 * document scored many times in a row would sit in warm caches and look cheaper than it is).
 */
function pass(docs: BenchDoc[]): { domainUs: number; textbookUs: number; emptyUs: number } {
  const rep = qualityPreset('curate', { tokenizer: 'approx' }).gopher_repetition;
  let domainUs = 0;
  let textbookUs = 0;
  let emptyUs = 0;
  for (const d of docs) {
    const st = computeTextStats(d.text);
    const cs = computeCodeStats(st, d.programmingLanguage);
    const sample = d.text.length > DOMAIN_SAMPLE ? d.text.slice(0, DOMAIN_SAMPLE) : d.text;
    const scratch: Signals = {};
    gopherRepetitionRules(st, rep, scratch);
    const dupLineFrac = scratch['gopher_repetition.dup_line_frac'] ?? 0;
    const signals: Signals = {};
    const t0 = cpuUs();
    const features = domainFeatures(st, cs, sample);
    const domain = classifyDomain(features, d.contentType, undefined, signals).domain;
    const t1 = cpuUs();
    textbookScore({ st, cs, domain, features, dupLineFrac }, signals);
    const t2 = cpuUs();
    const t3 = cpuUs();
    domainUs += t1 - t0;
    textbookUs += t2 - t1;
    emptyUs += t3 - t2;
  }
  return { domainUs, textbookUs, emptyUs };
}

export async function benchDomainTextbook(): Promise<Record<string, number | string>> {
  const docs = corpus();
  pass(docs); // warm-up: every path optimised before timing
  const runs: { domainUs: number; textbookUs: number; emptyUs: number }[] = [];
  for (let r = 0; r < PASSES; r++) runs.push(pass(docs));
  // Median pass; the cost of reading the clock (an empty timed region) is subtracted.
  const per = (k: 'domainUs' | 'textbookUs') => {
    const v = runs.map((r) => (r[k] - r.emptyUs) / docs.length).sort((a, b) => a - b);
    return v[v.length >> 1];
  };
  return {
    'domain_textbook.docs': docs.length,
    'domain_textbook.mean_doc_bytes': Math.round(docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0) / Math.max(1, docs.length)),
    'domain_classifier.us_per_doc': Number(per('domainUs').toFixed(1)),
    'textbook_score.us_per_doc': Number(per('textbookUs').toFixed(1)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchDomainTextbook());
}
