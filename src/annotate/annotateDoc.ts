import type { QualityConfig } from '../config/qualitySchema.js';
import type { ContentType, Domain } from '../core/doc.js';
import { c4Rules } from './c4Rules.js';
import { codeRules } from './codeRules.js';
import { computeCodeStats } from './codeStats.js';
import { classifyDomain, domainFeatures } from './domainClassifier.js';
import { finewebRules } from './finewebRules.js';
import { gopherQualityRules } from './gopherQualityRules.js';
import { gopherRepetitionRules } from './gopherRepetitionRules.js';
import { identifyLanguage } from './languageId.js';
import type { RuleFailure, Signals } from './ruleFailure.js';
import { textbookScore } from './textbookScore.js';
import { computeTextStats, selectLines } from './textStats.js';
import { countTokens } from './tokenCounter.js';
import { peerConsensus } from './peerConsensus.js';

export interface AnnotateInput {
  text: string;
  contentType: ContentType;
  programmingLanguage?: string;
  /** The source's domain, a prior for the classifier, never the answer. */
  domainHint?: Domain;
  url?: string;
  title?: string;
}

export interface Annotation {
  /** Possibly cleaned text (C4 line-level cleaning removes lines); store this one. */
  text: string;
  lang: string;
  langScore: number;
  domain: Domain;
  domainConfidence: number;
  /** 0..5 textbook score. */
  quality: number;
  signals: Record<string, number>;
  /** Tokens of the (cleaned) text with the configured tokenizer. */
  tokens: number;
  /** First rule that fired; undefined = kept. */
  rejection?: { reason: string; detail: string };
}

/** Characters the domain classifier's regex features read (they are densities). */
const DOMAIN_SAMPLE = 8_000;

/**
 * Annotates one document: language, domain, rule signals, textbook score, tokens, and the first
 * rule that rejects it. Synchronous, pure and deterministic; safe in worker threads (scratch
 * buffers are per thread). Prose rules (Gopher, C4, FineWeb, language) never reject code, and code
 * rules only apply to code.
 */
export function annotate(input: AnnotateInput, cfg: QualityConfig): Annotation {
  const signals: Signals = {};
  let text = input.text;
  let st = computeTextStats(text);
  let cs = computeCodeStats(st, input.programmingLanguage);
  const features = domainFeatures(st, cs, text.length > DOMAIN_SAMPLE ? text.slice(0, DOMAIN_SAMPLE) : text, input.contentType);
  const dom = classifyDomain(features, input.contentType, input.domainHint, signals);
  const isCode = input.contentType === 'code' || dom.domain === 'code';
  signals['domain.is_code'] = isCode ? 1 : 0;

  // Code: a short prefix is enough to read the language of its comments and strings.
  const lang = identifyLanguage(text, isCode ? Math.min(300, cfg.language.prefix_chars) : cfg.language.prefix_chars);
  let rejection: RuleFailure | undefined;
  const first = (f: RuleFailure | undefined) => {
    if (f && !rejection) rejection = f;
  };
  if (cfg.language.enabled && !isCode) {
    const ok = cfg.language.languages.includes(lang.lang) && lang.score >= cfg.language.min_lang_score;
    if (!ok) {
      const best = Math.max(0, ...cfg.language.languages.map((l) => lang.scores[l] ?? 0));
      first({ reason: 'lang.below_threshold', detail: `detected ${lang.lang} (${lang.score}); ${cfg.language.languages.join('/')} score ${best} < ${cfg.language.min_lang_score}` });
    }
  }

  const rep = gopherRepetitionRules(st, cfg.gopher_repetition, signals);
  const english = lang.lang === 'en' || lang.lang === 'und' || lang.score < 0.5;
  const gq = gopherQualityRules(st, cfg.gopher_quality, signals, english);
  const dupLineFrac = signals['gopher_repetition.dup_line_frac'] ?? 0;
  const st0 = st;
  const text0 = text;
  if (isCode) {
    first(codeRules(st, cs, input, cfg.code, signals));
  } else {
    first(rep);
    first(gq);
    const c4 = c4Rules(text, cfg.c4, signals);
    first(c4.failure);
    if (c4.text !== text) {
      text = c4.text;
      // The kept lines' stats are already known: reuse them rather than reading the text again.
      st = (c4.kept && selectLines(st, c4.kept.start, c4.kept.end, c4.kept.n, text)) || computeTextStats(text);
      cs = computeCodeStats(st, input.programmingLanguage);
    }
    first(finewebRules(st, cfg.fineweb, signals));
    if (cfg.consensus.enabled && !rejection) first(peerConsensus(st0, text0, english));
  }

  const quality = textbookScore({ st, cs, domain: dom.domain, features, dupLineFrac }, signals);
  const floor = isCode ? cfg.textbook.code_min_score : cfg.textbook.min_score;
  if (floor > 0 && quality < floor) {
    first({ reason: 'quality.textbook.below_min', detail: `${quality} < ${floor}${isCode ? ' (code_min_score)' : ''}` });
  }
  return {
    text,
    lang: lang.lang,
    langScore: lang.score,
    domain: dom.domain,
    domainConfidence: dom.confidence,
    quality,
    signals,
    tokens: countTokens(text, cfg),
    rejection,
  };
}
