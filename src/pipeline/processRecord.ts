import type { Doc, LicenseEvidence, RawRecord, Reject } from '../core/doc.js';
import { docId } from '../core/docId.js';
import type { SourceConfig } from '../config/sourceSchema.js';
import type { QualityConfig } from '../config/qualitySchema.js';
import type { DedupConfig } from '../config/dedupSchema.js';
import { extractRecord } from '../extract/extractRecord.js';
import { annotate } from '../annotate/annotateDoc.js';
import { exactHash, minhashSignature } from '../dedup/index.js';
import { evaluateLicense, type LicenseDecision, type LicensePolicy } from '../license/licensePolicy.js';
import { isEmptyRecordLicense } from '../license/recordLicense.js';

/** Everything phase 1 needs to turn one raw record into a document or a reject. Plain data, so it crosses to worker threads. */
export interface RecordSettings {
  source: SourceConfig;
  /** The decision for the source's declared license (the gate already allowed it), if it declares one. */
  sourceDecision?: LicenseDecision;
  /** How the source's license was established (declared, or detected from its LICENSE file). */
  sourceEvidence?: LicenseEvidence;
  policy: LicensePolicy;
  quality: QualityConfig;
  dedup: DedupConfig;
  near: boolean;
}

export type RecordOutcome = { kind: 'doc'; doc: Doc } | { kind: 'reject'; reject: Reject };

/**
 * Phase 1 for one record: license (per record) → extract → annotate and filter → hashes.
 * Pure and synchronous: the same record and settings always give the same outcome.
 */
export function processRecord(rec: RawRecord, s: RecordSettings): RecordOutcome {
  const id = docId(rec.source, rec.key);
  const reject = (reason: string, detail: string, stage: string): RecordOutcome => ({
    kind: 'reject',
    reject: { id, source: rec.source, url: rec.url, reason, detail, stage },
  });

  let decision: LicenseDecision;
  let evidence: LicenseEvidence;
  if (s.source.license_field && !isEmptyRecordLicense(rec.recordLicense)) {
    decision = evaluateLicense(s.policy, rec.recordLicense!);
    evidence = { kind: 'field', raw: rec.recordLicense! };
  } else if (s.sourceDecision) {
    decision = s.sourceDecision;
    evidence = { ...(s.sourceEvidence ?? { kind: 'declared', raw: s.source.license }) };
  } else {
    decision = evaluateLicense(s.policy, null);
    evidence = { kind: 'field' };
  }
  if (!decision.allowed) {
    return reject(decision.reason ?? 'license.denied', `${s.source.license_field ?? 'license'}=${JSON.stringify(evidence.raw ?? null)}: ${decision.detail}`, 'license');
  }
  if (decision.corrections.length > 0) evidence.corrections = decision.corrections;

  const ex = extractRecord(rec);
  if (!ex.ok) return reject(ex.reason, ex.detail, 'extract');

  const ann = annotate(
    { text: ex.text, contentType: ex.contentType, programmingLanguage: rec.programmingLanguage, domainHint: s.source.domain, url: rec.url, title: ex.title },
    s.quality,
  );
  if (ann.rejection) return reject(ann.rejection.reason, ann.rejection.detail, 'quality');

  const doc: Doc = {
    id,
    source: rec.source,
    url: rec.url,
    text: ann.text,
    title: ex.title,
    contentType: ex.contentType,
    programmingLanguage: rec.programmingLanguage ?? '',
    license: decision.expression,
    licenseEvidence: evidence,
    licenseRule: decision.rule,
    domain: ann.domain,
    domainConfidence: ann.domainConfidence,
    lang: ann.lang,
    langScore: ann.langScore,
    quality: ann.quality,
    signals: ann.signals,
    tokens: ann.tokens,
    exactHash: exactHash(ann.text),
    minhash: s.near ? minhashSignature(ann.text, s.dedup) : undefined,
    date: rec.date ?? '',
    bytes: rec.bytes,
  };
  return { kind: 'doc', doc };
}
