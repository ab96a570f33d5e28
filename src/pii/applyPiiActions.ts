import { PII_PLACEHOLDERS, type PiiAction, type PiiSpan, type PiiType } from './piiTypes.js';

export interface PiiOutcome {
  /** The text with `replace` spans swapped for placeholders (tagged spans unchanged). */
  text: string;
  /** Every finding that was replaced or tagged, as [start, end) in `text`. */
  spans: PiiSpan[];
  /** Findings per type (replaced, tagged and rejecting ones). */
  counts: Partial<Record<PiiType, number>>;
  /** The first type whose action is `reject`, when the text has one. */
  rejectType?: PiiType;
}

/**
 * Applies each finding's action: `replace` writes the typed placeholder, `tag` keeps the text and
 * records the span, `reject` marks the document. Span offsets are in the output text.
 */
export function applyPiiActions(text: string, found: PiiSpan[], actionOf: (t: PiiType) => PiiAction): PiiOutcome {
  const counts: Partial<Record<PiiType, number>> = {};
  if (found.length === 0) return { text, spans: [], counts };
  let rejectType: PiiType | undefined;
  const parts: string[] = [];
  const spans: PiiSpan[] = [];
  let last = 0;
  let outLen = 0;
  for (const s of found) {
    counts[s.type] = (counts[s.type] ?? 0) + 1;
    const action = actionOf(s.type);
    if (action === 'reject') {
      rejectType ??= s.type;
      continue;
    }
    parts.push(text.slice(last, s.start));
    outLen += s.start - last;
    const piece = action === 'replace' ? PII_PLACEHOLDERS[s.type] : text.slice(s.start, s.end);
    parts.push(piece);
    spans.push({ type: s.type, start: outLen, end: outLen + piece.length });
    outLen += piece.length;
    last = s.end;
  }
  parts.push(text.slice(last));
  return { text: parts.join(''), spans, counts, ...(rejectType ? { rejectType } : {}) };
}
