import { readerFor } from '../sources/readerFor.js';
import { checkDeclared, readEvidence } from '../license/sourceEvidence.js';
import type { RunContext } from './runContext.js';
import { sourceEnv } from './sourceEnv.js';

/** Rule id recorded when `evidence: strict` excludes a source. */
export const EVIDENCE_STRICT_RULE = 'evidence:strict';

/**
 * Reads every files source's license evidence (root LICENSE/COPYING/NOTICE/COPYRIGHT/AUTHORS and
 * subfolder license files, whatever `include` says) and compares it with the declared license.
 * A contradiction is `license.declared_mismatch`: a warning in the run output (and the manifest,
 * MANIFEST.md and report), or the source's exclusion under a policy with `evidence: strict`.
 */
export async function checkSourceEvidence(run: RunContext): Promise<void> {
  const env = sourceEnv(run, () => {});
  for (const gate of run.gates) {
    if (gate.source.kind !== 'files') continue;
    const reader = readerFor(gate.source);
    const inputs = (await reader.evidenceFiles?.(gate.source, env)) ?? [];
    const check = checkDeclared(gate.source.license, readEvidence(inputs));
    gate.evidenceCheck = check;
    if (check.status !== 'mismatch' || gate.source.license === 'detect' /* resolved by detectSourceLicenses */) continue;
    const strict = run.policy.evidence === 'strict';
    run.log(`WARNING license.declared_mismatch: source ${gate.source.id}: ${check.detail}${strict ? '; excluded (policy evidence: strict)' : ' (policy evidence: warn; set evidence: strict to exclude such sources)'}`);
    if (strict && gate.status !== 'excluded') {
      gate.status = 'excluded';
      gate.decision = {
        allowed: false,
        expression: gate.decision?.expression ?? gate.source.license ?? 'unknown',
        rule: EVIDENCE_STRICT_RULE,
        reason: 'license.declared_mismatch',
        detail: `the source's license files contradict the declaration: ${check.detail}`,
        obligations: [],
        corrections: gate.decision?.corrections ?? [],
      };
    }
  }
}
