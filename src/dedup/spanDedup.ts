import { normalizeText } from './normalizeText.js';

/**
 * Repeated-boilerplate removal inside one source, in two pure passes (the C4/Gopher span and
 * Dolma paragraph idea): pass 1 counts in how many documents each line (or paragraph) occurs;
 * pass 2 strips those seen in at least `min_docs` documents. Spans are compared after
 * normalisation, so "© 2024 Acme." and "© 2025 ACME" are the same line.
 *
 * Memory: one Map entry per distinct span (≈ 80 B); count one source at a time.
 * A library API for now: no pipeline phase calls it, so the config has no `spans` option.
 */
export interface SpanOptions {
  /** `line`: split on newlines; `paragraph`: split on blank lines. */
  unit: 'line' | 'paragraph';
  /** A span seen in at least this many documents of the source is stripped from all of them. */
  min_docs: number;
  /** Spans shorter than this (after normalisation) are never counted nor stripped. */
  min_chars: number;
}

const PARAGRAPH_BREAK = /\n[ \t\r]*\n/;

/** The spans of a text: lines, or paragraphs (separated by blank lines). */
export function splitSpans(text: string, unit: SpanOptions['unit']): string[] {
  return unit === 'line' ? text.split('\n') : text.split(PARAGRAPH_BREAK);
}

/** 53-bit hash of a normalised span (exact in a double; two 32-bit FNV-style lanes). */
function spanHash(norm: string): number {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x2545f491;
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x200000 + (h2 & 0x1fffff);
}

function spanKey(span: string, minChars: number): number | undefined {
  const norm = normalizeText(span);
  return norm.length < minChars ? undefined : spanHash(norm);
}

/** Pass 1: document frequency of every span long enough to count. */
export class SpanCounter {
  readonly counts = new Map<number, number>();
  docs = 0;

  constructor(private readonly opts: SpanOptions) {}

  add(text: string): void {
    this.docs++;
    const seen = new Set<number>();
    for (const span of splitSpans(text, this.opts.unit)) {
      const k = spanKey(span, this.opts.min_chars);
      if (k !== undefined) seen.add(k);
    }
    for (const k of seen) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }

  /** Number of distinct spans that reach min_docs. */
  repeated(): number {
    let n = 0;
    for (const c of this.counts.values()) if (c >= this.opts.min_docs) n++;
    return n;
  }
}

export function countSpans(texts: Iterable<string>, opts: SpanOptions): SpanCounter {
  const c = new SpanCounter(opts);
  for (const t of texts) c.add(t);
  return c;
}

export interface StrippedText {
  text: string;
  removedSpans: number;
  removedChars: number;
}

/**
 * Pass 2: the text without its repeated spans. Lines keep their newlines; paragraphs are
 * re-joined with one blank line.
 */
export function stripRepeatedSpans(text: string, counter: SpanCounter, opts: SpanOptions): StrippedText {
  const kept: string[] = [];
  let removedSpans = 0;
  let removedChars = 0;
  for (const span of splitSpans(text, opts.unit)) {
    const k = spanKey(span, opts.min_chars);
    if (k !== undefined && (counter.counts.get(k) ?? 0) >= opts.min_docs) {
      removedSpans++;
      removedChars += span.length;
    } else kept.push(span);
  }
  return { text: kept.join(opts.unit === 'line' ? '\n' : '\n\n'), removedSpans, removedChars };
}
