import type { Domain, LicenseEvidence } from '../core/doc.js';
import type { MixDomainLine, MixPlanLine } from '../mix/planMix.js';
import type { EvidenceCheck } from './sourceEvidence.js';
import type { DecontamReport } from '../decontam/overlapReport.js';
import type { PiiRunStats } from '../pii/piiRunStats.js';

/**
 * manifest.json, the document legal signs off on. Versioned; documented in docs/manifest.md.
 * Everything in it is deterministic except `run_info`, which verify and comparisons ignore.
 */
export const MANIFEST_SCHEMA_VERSION = 1;

export interface ManifestSource {
  id: string;
  kind: string;
  /** The declared license as written in the config (null when only license_field is used). */
  declared_license: string | null;
  license_field: string | null;
  /** allowed: the declared license passed the gate; per-record: checked per document; excluded: never read. */
  status: 'allowed' | 'per-record' | 'excluded';
  /** How the license was established: declared in the config, or detected from a LICENSE file (file and score). */
  evidence: LicenseEvidence | null;
  /** The normalised expression and the policy rule that allowed or denied it. */
  license: string | null;
  rule: string | null;
  reason: string | null;
  detail: string;
  corrections: string[];
  obligations: string[];
  /** Licenses of this source's documents in the shards (for per-record sources there may be several). */
  document_licenses: Record<string, { rows: number; tokens: number }>;
  docs: {
    records: number;
    rejected: number;
    staged: number;
    dedup_removed: number;
    unsampled: number;
    license_excluded_at_write: number;
    in_shards: number;
  };
  rows_in_shards: number;
  tokens_in_shards: number;
  rejected_by_reason: Record<string, number>;
  shards: Record<string, { rows: number; tokens: number }>;
  /** The source's license evidence files checked against the declaration (files sources). */
  evidence_check?: EvidenceCheck;
}

export interface ManifestOptOutList {
  /** The list file as named in the config. */
  file: string;
  sha256: string;
  rules: number;
  /** Documents it removed, per source. */
  matched: Record<string, number>;
}

export interface ManifestLicense {
  license: string;
  rows: number;
  tokens: number;
  sources: string[];
  rules: string[];
  obligations: string[];
}

export interface ManifestShard {
  file: string;
  sha256: string;
  bytes: number;
  rows: number;
  tokens: number;
  tokens_by_domain: Record<Domain, number>;
  by_source: Record<string, { rows: number; tokens: number }>;
  by_license: Record<string, { rows: number; tokens: number }>;
}

export interface Manifest {
  schema_version: number;
  name: string;
  tool: { name: string; version: string };
  config: { file: string; sha256: string };
  /** `file` as the config named it; `from_output`: the same file relative to the output folder (what verify resolves). */
  policy: { name: string; file: string; sha256: string; from_output?: string };
  tokenizer: string;
  /** The learned quality model behind the quality_model column (quality.model), when one is configured. */
  quality_model?: { name: string; file: string; sha256: string; labels: number; cv_auc: number | null; min_model_score: number | null };
  mix: {
    total_tokens: number;
    seed: number;
    max_epochs: number;
    domains: MixDomainLine[];
    sources: MixPlanLine[];
    warnings: string[];
  };
  sources: ManifestSource[];
  licenses: ManifestLicense[];
  shards: ManifestShard[];
  excluded: {
    sources: { id: string; license: string | null; reason: string | null; detail: string }[];
    documents_by_reason: Record<string, number>;
  };
  totals: { rows: number; docs: number; tokens: number; shards: number };
  /** Provenance checks (docs/licenses.md): opt-out lists, TDM reservations, evidence mismatches. */
  optout?: ManifestOptOutList[];
  tdm_reserved?: Record<string, number>;
  /** Rules that decided something in this run, with their rationale (for MANIFEST.md). */
  policy_rules?: { id: string; decision: 'allow' | 'deny'; rationale: string; decided: string }[];
  /** JSON ["reason", "raw value"] → documents kept out (-1: a whole source, never read). */
  excluded_license_values?: Record<string, number>;
  /** Evaluation sets the corpus was checked against and what was found (when `decontaminate:` is configured). */
  decontamination?: DecontamReport;
  /** Personal data and secrets found and what was done with them (src/pii/piiRunStats.ts). */
  pii?: PiiRunStats;
  run_info: { finished_at: string };
}
