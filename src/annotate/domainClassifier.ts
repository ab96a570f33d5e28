import type { ContentType, Domain } from '../core/doc.js';
import type { CodeStats } from './codeStats.js';
import { lexiconCounts } from './lexiconCounts.js';
import { round4, type Signals } from './ruleFailure.js';
import { countCitations, countLatexCommands, countMath } from './scienceMarkers.js';
import type { TextStats } from './textStats.js';

export interface DomainGuess {
  domain: Domain;
  /** 0.5..1: how far the evidence is from the decision boundary. */
  confidence: number;
}

/** The measurements behind the decision (also stored as `domain.*` signals). */
export interface DomainFeatures {
  /** Statement-like lines / non-empty lines. */
  codeLineFrac: number;
  symbolDensity: number;
  /** Science vocabulary / words, in percent. */
  sciencePct: number;
  /** Math notation (LaTeX math commands, math symbols) per 1000 words. */
  mathPer1k: number;
  /** Citations (\cite, et al., DOI, "(Author, 2019)") per 1000 words. */
  citePer1k: number;
  /** LaTeX structure commands per 1000 words. */
  latexPer1k: number;
  /** Mentions of scientific libraries (numpy, scipy, astropy, ...) per 1000 words. */
  sciLibPer1k: number;
  /**
   * Syntax tokens of programming languages per non-empty line of the sample (operators such as
   * `=>` `::` `!=`, lines opened by a keyword, closed by `;` `{` `}`, hex and escape literals):
   * what tells a source file from prose when no file name or content type says so.
   */
  codeTokensPerLine: number;
  /**
   * Share of the sample's characters in lines of running prose (≥ 100 characters, ≥ 14 words, 70 %
   * of them plain lowercase words, not a comment, not a comma-separated list): extracted pages keep a paragraph on one line,
   * source files wrap their prose in comments. What tells a documentation page full of code
   * examples from a program.
   */
  proseLineShare: number;
}

/** One match per syntax token; counted per line in `codeTokenRate`. */
const CODE_TOKEN =
  /=>|->|::|[=!]==?|&&|\|\||\+\+|[-+*/|&]=|\(\)|\)\s*[{;:]\s*$|[{;]\s*$|^\s*[}\]][);,]*\s*$|\b0x[0-9a-fA-F]{2,}|\\x[0-9a-fA-F]{2}|\b(?:self|this)\.|^\s*#\s*(?:include|define|ifn?def|endif|pragma)\b|^\s*from\s+[\w.]+\s+import\b|^\s*(?:\/\/|\/\*|\*\/)|^\t|^\s*[A-Za-z_$][\w$]*,\s*$|^\s*[A-Za-z_$]*(?:[a-z][A-Z]|\d|_)[\w$]*,?\s*$|^\s*(?:import|export|def|class|fn|func|function|const|let|var|return|package|pub|use|struct|impl|interface|public|private|protected|static|async|elif|except|raise|namespace|template|typedef|module|require|extern|unsigned|void|int|char|if|for|while|switch|case)\b/gm;

/** Syntax tokens per non-empty line (bounded sample). */
export function codeTokenRate(sample: string): number {
  let lines = 0;
  for (let i = -1; (i = sample.indexOf('\n', i + 1)) !== -1; ) lines++;
  lines++;
  const blank = sample.match(/^\s*$/gm)?.length ?? 0;
  const tokens = sample.match(CODE_TOKEN)?.length ?? 0;
  return tokens / Math.max(1, lines - blank);
}

const PLAIN_WORD = /^[("'“‘]?[a-z]+[)"'”’]?[,.;:!?]?$/;
const COMMENT_START = /^(?:\/\/|#|\*|\/\*|--|;|%|<)/;

/** Characters in lines of running prose / characters in non-empty lines (bounded sample). */
export function proseLineShare(sample: string): number {
  let prose = 0;
  let total = 0;
  for (const line of sample.split('\n')) {
    const t = line.trim();
    total += t.length;
    if (t.length < 100 || COMMENT_START.test(t)) continue;
    const words = t.split(/\s+/);
    if (words.length < 14) continue;
    let plain = 0;
    let commas = 0;
    for (const w of words) {
      if (PLAIN_WORD.test(w)) plain++;
      if (w.endsWith(',')) commas++;
    }
    // An identifier list (`alpha, beta, gamma, ...`) is all plain words too, but nearly all end in a comma.
    if (plain >= 0.7 * words.length && commas <= 0.4 * words.length) prose += t.length;
  }
  return prose / Math.max(1, total);
}

/** `contentType`: the syntax-token rate is measured only for plain text (the one case that uses it). */
export function domainFeatures(st: TextStats, cs: CodeStats, sample: string, contentType?: ContentType): DomainFeatures {
  const lex = lexiconCounts(st);
  const sci = lex.science;
  const libs = lex.sciLibs;
  const words = Math.max(1, st.nWords);
  // Count regex features on a bounded sample: they are densities.
  const sampleWords = Math.max(1, Math.min(words, sample.length / 6));
  const nonRepl = Math.max(1, st.nLines - cs.replLines - cs.commentLines);
  // Commands need a backslash: skip them on text without one.
  const backslash = sample.includes('\\');
  const math = countMath(sample);
  const head = sample.length > 4000 ? sample.slice(0, 4000) : sample;
  return {
    codeLineFrac: cs.codeLines / nonRepl,
    symbolDensity: cs.symbolDensity,
    sciencePct: (100 * sci) / words,
    mathPer1k: (1000 * math) / sampleWords,
    citePer1k: (1000 * countCitations(sample.length > 4000 ? sample.slice(0, 4000) : sample)) / Math.max(1, Math.min(sampleWords, 4000 / 6)),
    latexPer1k: backslash ? (1000 * countLatexCommands(sample)) / sampleWords : 0,
    sciLibPer1k: (1000 * libs) / words,
    codeTokensPerLine: contentType === 'text' ? codeTokenRate(head) : 0,
    proseLineShare: contentType === 'text' ? proseLineShare(head) : 0,
  };
}

/** Weight and bar of the syntax-token rate, chosen on the tune half only (grid in docs/quality.md). */
const CODE_TOKEN_WEIGHT = 3;
const CODE_TOKEN_BAR = 0.2;
/** Weight of the running-prose share against code (plain text only), chosen on the tune half only. */
const PROSE_LINE_WEIGHT = 6;

function squash(x: number): number {
  return 0.5 + 0.5 * Math.tanh(x);
}

/**
 * Code / science / prose from content. Two decisions in turn, each a weighted sum with a margin:
 * is it a program (statement lines, symbol density; a file extension only shifts the bar), then is
 * the text science (science vocabulary, math notation, citations) or prose. A source's domain hint
 * shifts each bar by a fixed prior; strong content evidence still wins.
 */
export function classifyDomain(f: DomainFeatures, contentType: ContentType, hint: Domain | undefined, signals: Signals): DomainGuess {
  signals['domain.code_line_frac'] = round4(f.codeLineFrac);
  signals['domain.symbol_density'] = round4(f.symbolDensity);
  signals['domain.science_pct'] = round4(f.sciencePct);
  signals['domain.math_per_1k'] = round4(f.mathPer1k);
  signals['domain.cite_per_1k'] = round4(f.citePer1k);
  signals['domain.scilib_per_1k'] = round4(f.sciLibPer1k);
  signals['domain.code_tokens_per_line'] = round4(f.codeTokensPerLine);
  if (contentType === 'text') signals['domain.prose_line_share'] = round4(f.proseLineShare);
  // Code evidence: > 0 means code.
  // Math markup is symbol-dense too; it counts against code.
  let code = 4 * (f.codeLineFrac - 0.45) + 20 * (Math.min(f.symbolDensity, 0.15) - 0.05) - 0.01 * Math.min(f.mathPer1k, 300);
  // Plain text of unknown origin (JSONL dumps, `curate score --in`): syntax tokens are the evidence
  // a file name would have given. Tuned on the tune half of the content-alone set only
  // (scripts/evalDomain.ts --half tune); for HTML, markdown and LaTeX the format already speaks.
  if (contentType === 'text') code += CODE_TOKEN_WEIGHT * (Math.min(f.codeTokensPerLine, 1.2) - CODE_TOKEN_BAR) - PROSE_LINE_WEIGHT * f.proseLineShare;
  // A source file is code unless its content says otherwise strongly (a .txt renamed .py).
  if (contentType === 'code') code += 2.0;
  else if (contentType === 'latex') code -= 1.5;
  else if (contentType === 'html' || contentType === 'markdown' || contentType === 'rst' || contentType === 'ipynb') code -= 1.0;
  if (hint === 'code') code += 0.4;
  else if (hint !== undefined) code -= 0.4;
  if (code > 0) {
    signals['domain.code_evidence'] = round4(code);
    return { domain: 'code', confidence: round4(squash(code)) };
  }
  // Science evidence: > 0 means science.
  // Weights fitted on the domain eval set (2-fold: 0.943 held-out accuracy both ways; docs/quality.md).
  let sci = 0.5 * (f.sciencePct - 2.2) + 0.08 * Math.min(f.mathPer1k, 40) + 0.3 * Math.min(f.citePer1k, 10) + 0.3 * Math.min(f.sciLibPer1k, 10);
  // LaTeX with math is how papers are written.
  if (contentType === 'latex' && f.mathPer1k > 2) sci += 0.8;
  if (hint === 'science') sci += 0.5;
  else if (hint === 'prose') sci -= 0.5;
  signals['domain.code_evidence'] = round4(code);
  signals['domain.science_evidence'] = round4(sci);
  if (sci > 0) return { domain: 'science', confidence: round4(Math.min(squash(-code), squash(sci))) };
  return { domain: 'prose', confidence: round4(Math.min(squash(-code), squash(-sci))) };
}
