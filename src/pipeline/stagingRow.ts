import type { Doc } from '../core/doc.js';

/** A document as a staging row (STAGING_COLUMNS). */
export function stagingRow(d: Doc): Record<string, unknown> {
  return {
    id: d.id,
    source: d.source,
    url: d.url,
    text: d.text,
    title: d.title,
    content_type: d.contentType,
    programming_language: d.programmingLanguage,
    license: d.license,
    license_evidence: d.licenseEvidence,
    license_rule: d.licenseRule,
    domain: d.domain,
    domain_confidence: d.domainConfidence,
    lang: d.lang,
    lang_score: d.langScore,
    quality: d.quality,
    quality_model: d.qualityModel ?? null,
    signals: d.signals,
    tokens: d.tokens,
    chars: d.text.length,
    text_bytes: Buffer.byteLength(d.text),
    exact_hash: d.exactHash,
    minhash: d.minhash ? new Uint8Array(d.minhash.buffer, d.minhash.byteOffset, d.minhash.byteLength) : null,
    date: d.date,
    source_version: d.sourceVersion ?? '',
    bytes: d.bytes,
    pii: d.pii ?? null,
  };
}
