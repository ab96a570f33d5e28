import type { PiiSpan } from './piiTypes.js';

/**
 * Moves spans found in `before` onto `after`, when a later step (C4 line cleaning) dropped whole
 * lines: each kept line of `after` is found in `before` in order, and a span survives when it
 * lies inside a kept line. Spans on dropped lines are dropped with them.
 */
export function remapSpans(spans: PiiSpan[], before: string, after: string): PiiSpan[] {
  if (spans.length === 0 || before === after) return spans;
  const out: PiiSpan[] = [];
  let from = 0;
  let outPos = 0;
  let k = 0;
  for (const line of after.split('\n')) {
    const at = line.length === 0 ? from : before.indexOf(line, from);
    if (at < 0) break;
    const end = at + line.length;
    while (k < spans.length && spans[k]!.start < at) k++;
    while (k < spans.length && spans[k]!.end <= end) {
      const s = spans[k++]!;
      out.push({ type: s.type, start: s.start - at + outPos, end: s.end - at + outPos });
    }
    from = end;
    outPos += line.length + 1;
  }
  return out;
}
