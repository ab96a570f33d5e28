import type { Doc, LicenseEvidence, RawRecord, Reject } from '../core/doc.js';
import { docId } from '../core/docId.js';
import type { SourceConfig } from '../config/sourceSchema.js';
import type { QualityConfig } from '../config/qualitySchema.js';
import type { DedupConfig } from '../config/dedupSchema.js';
import { extractRecord } from '../extract/extractRecord.js';
import { payloadLimit } from '../sources/payloadLimit.js';
import { annotate } from '../annotate/annotateDoc.js';
import { exactHash, minhashSignature } from '../dedup/index.js';
import { evaluateLicense, type LicenseDecision, type LicensePolicy } from '../license/licensePolicy.js';
import { isEmptyRecordLicense } from '../license/recordLicense.js';
import { modelOnce } from '../qualityModel/modelFile.js';
import { scoreModel } from '../qualityModel/qualityModel.js';
import { countTokens } from '../annotate/tokenCounter.js';
import { decontaminate, type DecontamHit } from '../decontam/decontaminate.js';
import type { DecontamIndex } from '../decontam/decontamIndex.js';
import type { PiiConfig } from '../config/piiSchema.js';
import { piiRejectDetail, redactPii } from '../pii/redactPii.js';
import { remapSpans } from '../pii/remapSpans.js';
import { fileLevelLicense, type TreeLicenseFile } from '../license/fileLicenseDecision.js';

/** Everything phase 1 needs to turn one raw record into a document or a reject. Plain data, so it crosses to worker threads. */
export interface RecordSettings {
  source: SourceConfig;
  /** The decision for the source's declared license (the gate already allowed it), if it declares one. */
  sourceDecision?: LicenseDecision;
  /** How the source's license was established (declared, or detected from its LICENSE file). */
  sourceEvidence?: LicenseEvidence;
  policy: LicensePolicy;
  /** License files of a files source and the folders they govern (nearest first), for per-document evidence. */
  licenseFiles?: TreeLicenseFile[];
  quality: QualityConfig;
  dedup: DedupConfig;
  near: boolean;
  /** The learned quality model (quality.model): loaded once per thread, checked against this sha256. */
  qualityModel?: { path: string; sha256: string };
  /** Evaluation n-grams to keep out (config `decontaminate`); its arrays are shared memory, not copied per thread. */
  decontam?: DecontamIndex;
  /** The PII stage (after extraction); absent or disabled: texts go through untouched. */
  pii?: PiiConfig;
}

/** `decontam`: what the decontamination stage found in this document, for the overlap report. */
export type RecordOutcome = ({ kind: 'doc'; doc: Doc } | { kind: 'reject'; reject: Reject }) & { decontam?: DecontamHit };

/**
 * Phase 1 for one record: license (per record) → extract → PII → annotate and filter → hashes.
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
    // Trees: the nearest license file as evidence; a file header naming another license decides the file.
    if (s.source.kind === 'files') ({ decision, evidence } = fileLevelLicense(rec, { decision, evidence }, s.policy, s.licenseFiles));
  } else {
    decision = evaluateLicense(s.policy, null);
    evidence = { kind: 'field' };
  }
  if (!decision.allowed) {
    return reject(decision.reason ?? 'license.denied', `${s.source.license_field ?? 'license'}=${JSON.stringify(evidence.raw ?? null)}: ${decision.detail}`, 'license');
  }
  if (decision.corrections.length > 0) evidence.corrections = decision.corrections;

  const ex = extractRecord(rec, { maxBytes: payloadLimit(s.source) });
  if (!ex.ok) return reject(ex.reason, ex.detail, 'extract');

  // PII: before annotation and hashes, so token counts, signals and dedup see the redacted text.
  const pii = s.pii?.enabled ? redactPii(ex.text, s.pii) : undefined;
  if (pii?.rejectType) return reject(`pii.${pii.rejectType}`, piiRejectDetail(pii), 'pii');
  const text = pii ? pii.text : ex.text;

  const ann = annotate(
    { text, contentType: ex.contentType, programmingLanguage: rec.programmingLanguage, domainHint: s.source.domain, url: rec.url, title: ex.title },
    s.quality,
  );
  if (ann.rejection) {
    const r = reject(ann.rejection.reason, ann.rejection.detail, 'quality');
    // The redacted text: a reject file must not carry what the PII stage removed.
    if (r.kind === 'reject') r.reject.text_head = textHead(text);
    return r;
  }

  let qualityModel: number | undefined;
  if (s.qualityModel) {
    qualityModel = Math.round(scoreModel(modelOnce(s.qualityModel.path, s.qualityModel.sha256), { text: ann.text, signals: ann.signals, quality: ann.quality, domain: ann.domain }) * 1e6) / 1e6;
    const min = s.quality.min_model_score;
    if (min !== undefined && qualityModel < min) return reject('quality.model_below', `model score ${qualityModel} < ${min}`, 'quality');
  }

  // Decontamination before the hashes: masked text is what gets deduplicated, counted and written.
  let decontamHit: DecontamHit | undefined;
  if (s.decontam) {
    const dc = decontaminate({ id, source: rec.source, text: ann.text }, s.decontam);
    if (dc.kind === 'reject') return { ...reject(dc.reason, dc.detail, 'decontam'), decontam: dc.hit };
    if (dc.kind === 'keep') {
      decontamHit = dc.hit;
      if (dc.text !== ann.text) {
        // Signals, quality and domain stay those of the text as found; tokens follow the text kept.
        ann.text = dc.text;
        ann.tokens = countTokens(dc.text, s.quality);
        ann.signals['decontam.masked_chars'] = dc.hit.chars;
      }
    }
  }

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
    ...(qualityModel !== undefined && { qualityModel }),
    signals: ann.signals,
    tokens: ann.tokens,
    exactHash: exactHash(ann.text),
    minhash: s.near ? minhashSignature(ann.text, s.dedup) : undefined,
    date: rec.date ?? '',
    ...(rec.sourceVersion && { sourceVersion: rec.sourceVersion }),
    bytes: rec.bytes,
    ...(pii && pii.spans.length ? { pii: remapSpans(pii.spans, text, ann.text) } : {}),
  };
  return decontamHit ? { kind: 'doc', doc, decontam: decontamHit } : { kind: 'doc', doc };
}

/** Length of a reject's `text_head`. */
export const TEXT_HEAD_CHARS = 300;

/** The first TEXT_HEAD_CHARS characters, never splitting a surrogate pair. */
export function textHead(text: string): string {
  if (text.length <= TEXT_HEAD_CHARS) return text;
  const cut = /[\ud800-\udbff]/.test(text[TEXT_HEAD_CHARS - 1]!) ? TEXT_HEAD_CHARS - 1 : TEXT_HEAD_CHARS;
  return text.slice(0, cut);
}
