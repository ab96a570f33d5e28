import { optOutDetail, type OptOutMatcher } from '../license/optOutList.js';
import type { RecordOutcome } from './processRecord.js';

/** Turns a processed document that an opt-out list names (id, URL, domain or text hash) into a `license.opted_out` reject. */
export function optOutOutcome(matcher: OptOutMatcher, o: RecordOutcome): RecordOutcome {
  if (o.kind !== 'doc') return o;
  const d = o.doc;
  const hit = matcher.match({ id: d.id, url: d.url, text: d.text });
  if (!hit) return o;
  return { kind: 'reject', reject: { id: d.id, source: d.source, url: d.url, reason: 'license.opted_out', detail: optOutDetail(hit), stage: 'license' } };
}
