/**
 * The one declared document type that flows through the pipeline.
 *
 * A source yields `RawRecord`s (bytes plus provenance); extraction turns each into a `Doc`;
 * annotation fills in language, quality, domain and tokens; dedup and mix decide its fate.
 */

export const DOMAINS = ['code', 'prose', 'science'] as const;
export type Domain = (typeof DOMAINS)[number];

/** What kind of content a record holds; chooses the extractor. */
export const CONTENT_TYPES = ['html', 'text', 'markdown', 'code', 'latex', 'rst', 'ipynb', 'pdf'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

/** How a document's license was established; legal reads this in the manifest. */
export interface LicenseEvidence {
  /** declared: the source's `license`; field: a per-record field; detected: a LICENSE file matched against SPDX texts; header: the file's own license header. */
  kind: 'declared' | 'field' | 'detected' | 'header';
  /** The raw value before normalisation (e.g. "Apache 2", a CC URL), when it differs. */
  raw?: string;
  /** For `detected`: the file that was matched, relative to the source path, and the similarity score. */
  file?: string;
  score?: number;
  /** Corrections applied to reach an SPDX expression (e.g. "GPL-2.0 -> GPL-2.0-only"). */
  corrections?: string[];
  /** For a declared license: what the license file backing it (`file`) was detected as. */
  detected?: string;
  /** For `header`: the header line that states the file's license (an SPDX-License-Identifier line or a notice). */
  header?: string;
  /** Copyright holders stated in the file's header. */
  holders?: { holder: string; years: string }[];
}

/** One input record as read from a source, before extraction. */
export interface RawRecord {
  /** Source id from the config. */
  source: string;
  /**
   * The record's own stable key inside the source: a relative path, a URL, "file:line",
   * "warcfile@offset". Never a run-order counter: ids derive from it.
   */
  key: string;
  /** URL or file URI the record came from (empty string when there is none). */
  url: string;
  /** The payload: bytes (HTML of unknown charset, files) or already-decoded text (JSONL fields). */
  body: Uint8Array | string;
  /** What the payload is, when the reader knows (extension, MIME type). */
  contentType?: ContentType;
  /** HTTP Content-Type header or MIME type, used for charset detection. */
  mime?: string;
  /** Programming language (by file extension) for code files, e.g. "python". */
  programmingLanguage?: string;
  /** Per-record license value (from `license_field`), raw as found. `null` when the field is missing. */
  recordLicense?: string | null;
  /** Capture or file date, ISO 8601, when known. */
  date?: string;
  /**
   * The source's version as the reader found it for this record, when the config gives none
   * (src/sources/sourceVersion.ts: a commit or package version; a WARC's WARC-Date; the fetch date).
   */
  sourceVersion?: string;
  /** Size in bytes of the raw payload, for stats. */
  bytes: number;
  /**
   * Set by the asynchronous pre-extraction step (PDF, src/extract/preExtract.ts) before the
   * synchronous per-record stage: the text already extracted, or the reason it could not be.
   */
  preExtracted?: { ok: true; title: string } | { ok: false; reason: string; detail: string };
}

/** A document after extraction and annotation: what staging stores and shards carry. */
export interface Doc {
  id: string;
  source: string;
  url: string;
  text: string;
  title: string;
  contentType: ContentType;
  programmingLanguage: string;
  /** SPDX expression the document is distributed under. */
  license: string;
  licenseEvidence: LicenseEvidence;
  /** The policy rule that allowed this license (for the manifest). */
  licenseRule: string;
  domain: Domain;
  domainConfidence: number;
  lang: string;
  langScore: number;
  /** Additive 0..5 textbook-quality score. */
  quality: number;
  /** Probability 0..1 from the learned quality model (quality.model), when one is configured. */
  qualityModel?: number;
  /** Named measurements behind the rules and the score; researchers filter on these. */
  signals: Record<string, number>;
  /** Token count with the configured tokenizer. */
  tokens: number;
  /** Hex hash of the normalised text, for exact dedup. */
  exactHash: string;
  /** MinHash signature (num_perm uint32), when near-dedup is on. */
  minhash?: Uint32Array;
  date: string;
  /** RawRecord.sourceVersion, when the reader found one. */
  sourceVersion?: string;
  bytes: number;
  /** PII spans replaced or tagged in `text` (type, [start, end) in its UTF-16 code units), when any. */
  pii?: { type: string; start: number; end: number }[];
}

/** A dropped record. Every input record ends in exactly one place: a shard, a reject, or dedup-removed. */
export interface Reject {
  id: string;
  source: string;
  url: string;
  /** Dotted, stable reason code, e.g. `license.denied`, `quality.gopher.mean_word_length`, `extract.empty`. */
  reason: string;
  /** Human-readable detail: the measured value and threshold, the offset of a corrupt record, ... */
  detail: string;
  /** Stage that dropped it: source | extract | license | pii | quality | dedup. */
  stage: string;
  /** The first 300 characters of the text a quality rule saw (empty when no text was extracted), so a reader sees what a rule removed. */
  text_head?: string;
}
