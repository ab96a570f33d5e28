import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../config/configError.js';
import type { LoadedConfig } from '../config/loadConfig.js';
import { resolvePath } from '../config/loadConfig.js';
import type { SourceConfig } from '../config/sourceSchema.js';
import type { LicenseEvidence } from '../core/doc.js';
import { evaluateLicense, loadPolicy, type LicenseDecision, type LicensePolicy } from '../license/licensePolicy.js';
import { refusedCorrection } from '../license/declaredCorrection.js';
import type { EvidenceCheck } from '../license/sourceEvidence.js';
import { OptOutMatcher, parseOptOutList } from '../license/optOutList.js';
import { readModelFile } from '../qualityModel/modelFile.js';
import { RunLayout } from './runLayout.js';

/** The source-level license gate's verdict, taken before anything is fetched. */
export interface SourceGate {
  source: SourceConfig;
  /** allowed: declared license passes; per-record: only license_field, checked per document; excluded: never read. */
  status: 'allowed' | 'per-record' | 'excluded';
  decision?: LicenseDecision;
  /** How the source's license was established: declared in the config, or detected from its LICENSE file(s). */
  evidence?: LicenseEvidence;
  /** The source's LICENSE/NOTICE/COPYRIGHT/AUTHORS files checked against the declaration (files sources). */
  evidenceCheck?: EvidenceCheck;
}

/** `license: detect` — read the source's LICENSE/COPYING files and match them against the SPDX texts. */
export const DETECT_LICENSE = 'detect';

export interface RunContext {
  loaded: LoadedConfig;
  layout: RunLayout;
  policy: LicensePolicy;
  gates: SourceGate[];
  configSha256: string;
  log: (line: string) => void;
  /** Show progress for each phase (the CLI sets it; off in library use and tests). */
  showProgress?: boolean;
  /** The config's opt-out / takedown lists (`optout:`), read once; matching documents are rejected `license.opted_out`. */
  optout?: OptOutMatcher;
  /** The learned quality model of `quality.model`: resolved path, sha256 and what the manifest says of it. */
  qualityModel?: QualityModelRef;
}

export interface QualityModelRef {
  path: string;
  /** The path as written in the config (the manifest shows it). */
  file: string;
  sha256: string;
  name: string;
  labels: number;
  cv_auc: number | null;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Resolves paths, loads the policy and applies the source-level license gate. No I/O on sources. */
export function createRunContext(loaded: LoadedConfig, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): RunContext {
  const { config, baseDir } = loaded;
  const outDir = resolve(resolvePath(baseDir, config.output));
  const policy = loadPolicy(resolvePath(baseDir, config.policy));
  const gates: SourceGate[] = config.sources.map((source, i) => {
    if (source.license === DETECT_LICENSE) {
      if (source.kind !== 'files') {
        throw new ConfigError(`${loaded.file}:${loaded.lineOf(['sources', i, 'license'])} sources.${i}.license: "detect" reads a repository's LICENSE file and needs kind: files; declare an SPDX expression for a ${source.kind} source`);
      }
      return { source, status: 'excluded' }; // until detectSourceLicenses() has read the files
    }
    if (source.license) {
      const decision = evaluateLicense(policy, source.license);
      // A license that is not a license at all is a mistake in the config, not a policy decision.
      if (decision.reason === 'license.unknown' || decision.reason === 'license.unparsable') {
        throw new ConfigError(`${loaded.file}:${loaded.lineOf(['sources', i, 'license'])} sources.${i}.license: ${decision.detail}`);
      }
      // A legal declaration is never guessed: "MTI" is refused with the suggestion, unless the source accepts corrections.
      if (refusedCorrection(decision.corrections) && !source.accept_license_correction) {
        throw new ConfigError(`${loaded.file}:${loaded.lineOf(['sources', i, 'license'])} sources.${i}.license: ${JSON.stringify(source.license)} is not an SPDX id; did you mean ${decision.expression}? (or set accept_license_correction: true on the source to accept "${refusedCorrection(decision.corrections)}")`);
      }
      return { source, status: decision.allowed ? 'allowed' : 'excluded', decision, evidence: { kind: 'declared', raw: source.license } };
    }
    return { source, status: 'per-record' };
  });
  const optoutFiles = config.optout === undefined ? [] : Array.isArray(config.optout) ? config.optout : [config.optout];
  const optout = optoutFiles.length ? new OptOutMatcher(optoutFiles.map((f) => parseOptOutList(f, readFileSync(resolvePath(baseDir, f))))) : undefined;
  return { loaded, layout: new RunLayout(outDir, config.name), policy, gates, configSha256: sha256Hex(readFileSync(loaded.file)), log, qualityModel: qualityModelOf(loaded), ...(optout ? { optout } : {}) };
}

/** Reads `quality.model` once, up front: a missing or foreign file is a config error, before any work. */
function qualityModelOf(loaded: LoadedConfig): QualityModelRef | undefined {
  const file = loaded.config.quality.model;
  if (file === undefined) return undefined;
  const path = resolve(resolvePath(loaded.baseDir, file));
  try {
    const m = readModelFile(path);
    return { path, file, sha256: m.sha256, name: m.file.name, labels: m.file.training.labels, cv_auc: m.file.training.cv_auc };
  } catch (e) {
    throw new ConfigError(`${loaded.file}:${loaded.lineOf(['quality', 'model'])} quality.model: ${(e as Error).message}`);
  }
}

/**
 * Resolves `license: detect` sources: reads their LICENSE/COPYING files (never the documents),
 * matches them against the SPDX reference texts and gates the result like a declared license.
 * Below the detection threshold the answer is `unknown` and the source is excluded (fail closed).
 */
export async function detectSourceLicenses(run: RunContext): Promise<void> {
  await (await import('./sourceEvidenceGate.js')).checkSourceEvidence(run);
  const pending = run.gates.filter((g) => g.source.license === DETECT_LICENSE);
  if (pending.length === 0) return;
  const [{ readerFor }, { detectLicenseFiles }] = await Promise.all([import('../sources/readerFor.js'), import('../license/detectLicenseFiles.js')]);
  for (const gate of pending) {
    const reader = readerFor(gate.source);
    const files = (await reader.licenseFiles?.(gate.source, { baseDir: run.loaded.baseDir, outputDir: run.layout.outDir, ctx: { reject: () => {}, warn: run.log } })) ?? [];
    const found = detectLicenseFiles(files);
    const file = found.files.map((f) => f.file).join(', ');
    gate.evidence = { kind: 'detected', file, score: found.score, raw: found.detail };
    if (found.license === 'unknown') {
      gate.status = 'excluded';
      gate.decision = { allowed: false, expression: 'unknown', rule: 'fail-closed', reason: 'license.unknown', detail: `license detection: ${found.detail}`, obligations: [], corrections: [] };
      continue;
    }
    const decision = evaluateLicense(run.policy, found.license);
    gate.decision = { ...decision, detail: `detected ${found.license} in ${file} (score ${found.score}); ${decision.detail}` };
    gate.status = decision.allowed ? 'allowed' : 'excluded';
  }
}
