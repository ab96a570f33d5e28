import type { LicenseEvidence, RawRecord } from '../core/doc.js';
import { fileHeader } from './fileHeaderLicense.js';
import { evaluateLicense, type LicenseDecision, type LicensePolicy } from './licensePolicy.js';
import { licensesAgree } from './sourceEvidence.js';

/** A license file of a tree and the folder it governs ('' = the root). */
export interface TreeLicenseFile {
  dir: string;
  file: string;
  license?: string;
  score?: number;
}

const HEAD_BYTES = 8192;

/**
 * The license step of one file of a tree: the nearest license file backs the tree's decision as
 * evidence; a header naming another license (SPDX-License-Identifier or a notice) gets its own
 * decision under the policy, with the header as its evidence. Pure.
 */
export function fileLevelLicense(
  rec: RawRecord,
  tree: { decision: LicenseDecision; evidence: LicenseEvidence },
  policy: LicensePolicy,
  licenseFiles: TreeLicenseFile[] = [],
): { decision: LicenseDecision; evidence: LicenseEvidence } {
  const evidence: LicenseEvidence = { ...tree.evidence };
  const near = licenseFiles.find((f) => f.dir === '' || rec.key.startsWith(`${f.dir}/`));
  if (near && evidence.kind === 'declared') {
    evidence.file = near.file;
    if (near.score !== undefined) evidence.score = near.score;
    if (near.license) evidence.detected = near.license;
  }
  if (rec.contentType !== 'code') return { decision: tree.decision, evidence };
  const head = typeof rec.body === 'string' ? rec.body.slice(0, HEAD_BYTES) : Buffer.from(rec.body.buffer, rec.body.byteOffset, Math.min(rec.body.byteLength, HEAD_BYTES)).toString('utf8');
  const h = fileHeader(head);
  if (h.holders.length) evidence.holders = h.holders;
  if (!h.license || licensesAgree(tree.decision.expression, h.license)) return { decision: tree.decision, evidence };
  const d = evaluateLicense(policy, h.license);
  return {
    decision: { ...d, detail: `the file's header (${h.header}) names ${d.expression}, not the tree's ${tree.decision.expression}: ${d.detail}` },
    evidence: { kind: 'header', raw: h.license, file: rec.key, header: h.header, ...(h.score !== undefined ? { score: h.score } : {}), ...(h.holders.length ? { holders: h.holders } : {}) },
  };
}
