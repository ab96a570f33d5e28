import { existsSync, readFileSync } from 'node:fs';
import { permutationChecksum } from '../dedup/permutations.js';
import { sha256Hex, type RunContext } from './runContext.js';

/**
 * What each phase's output was built from, one hash per input, so a phase that finds its inputs
 * changed can say which one and what to run (docs/reliability.md, "Fingerprints").
 * sources/quality/policy/signature shape staging; dedup the clusters; mix and config the shards.
 */
export interface BuiltFrom {
  sources: string;
  quality: string;
  policy: string;
  signature: string;
  /** Everything phase 1 depends on (the four above and the rest: PII, decontamination, quality model, …). */
  staging?: string;
  dedup?: string;
  mix?: string;
  config?: string;
}

const STAGING_KEYS = ['sources', 'quality', 'policy', 'signature', 'staging'] as const;

/** The fingerprints of the current config and policy. */
export function currentBuiltFrom(run: RunContext, fingerprints: { staging: string; dedup?: string }): Required<BuiltFrom> {
  const { config } = run.loaded;
  const sources = config.sources.map(({ weight: _w, max_epochs: _e, ...rest }) => rest);
  const weights = config.sources.map((s) => [s.id, s.weight ?? null, s.max_epochs ?? null]);
  return {
    sources: sha256Hex(JSON.stringify(sources)),
    quality: sha256Hex(JSON.stringify(config.quality)),
    policy: run.policy.sha256,
    signature: config.dedup.near ? String(permutationChecksum(config.dedup)) : 'off',
    staging: fingerprints.staging,
    dedup: fingerprints.dedup ?? '',
    mix: sha256Hex(JSON.stringify({ mix: config.mix, shards: config.shards, weights })),
    config: run.configSha256,
  };
}

const WHAT: Record<keyof BuiltFrom, string> = {
  sources: 'the sources',
  quality: 'the quality rules',
  policy: 'the license policy',
  signature: 'the MinHash parameters',
  staging: 'the other phase-1 settings (PII, decontamination, quality model, …)',
  dedup: 'the dedup settings',
  mix: 'the mix or shard settings',
  config: 'the config file',
};

/** A phase's inputs are not what its predecessor's output was built from. */
export class StaleOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleOutputError';
  }
}

/**
 * Throws when `recorded` differs from `current` on any of `keys`, naming what changed and the
 * command that rebuilds it. A missing recorded value (older output) counts as changed: the phase
 * cannot prove what it was built from.
 */
export function requireBuiltFrom(run: RunContext, phase: string, what: string, recorded: Partial<BuiltFrom> | undefined, current: Partial<BuiltFrom>, keys: readonly (keyof BuiltFrom)[]): void {
  let changed = keys.filter((k) => current[k] !== undefined && recorded?.[k] !== current[k]);
  if (changed.length === 0) return;
  // The overall phase-1 hash changes with any of its parts: name it only when nothing more specific did.
  if (changed.length > 1) changed = changed.filter((k) => k !== 'staging');
  const file = run.loaded.file;
  const fix = changed.some((k) => (STAGING_KEYS as readonly string[]).includes(k))
    ? `run \`curate run ${file}\` (or \`curate ingest\`, \`dedup\`, \`mix\` and \`finalize\` again)`
    : changed.includes('dedup')
      ? `run \`curate dedup ${file}\`, then \`curate mix\` and \`curate finalize\` (or \`curate run ${file}\`)`
      : `run \`curate mix ${file}\`, then \`curate finalize\` (or \`curate run ${file}\`)`;
  const detail = changed.map((k) => (k === 'policy' ? `${WHAT[k]} (${run.policy.file}: sha256 ${short(recorded?.[k])} then, ${short(current[k])} now)` : WHAT[k])).join(', ');
  throw new StaleOutputError(`${phase}: refusing: ${what} in ${run.layout.outDir} ${recorded ? `were built before ${detail} changed` : 'record no fingerprint (made by an older curate)'}; ${fix}`);
}

function short(v: string | undefined): string {
  return v ? `${v.slice(0, 12)}…` : 'unknown';
}

/** The staging's recorded fingerprints (staging/_plan.json), if staging exists. */
export function stagingBuiltFrom(run: RunContext): BuiltFrom | undefined {
  if (!existsSync(run.layout.ingestPlanFile)) return undefined;
  try {
    return (JSON.parse(readFileSync(run.layout.ingestPlanFile, 'utf8')) as { built_from?: BuiltFrom }).built_from;
  } catch {
    return undefined;
  }
}

export const STAGING_FINGERPRINT_KEYS = STAGING_KEYS;

/** Phases 2 and 3 and finalize: the staging on disk must come from the current sources, rules and policy. */
export function requireCurrentStaging(run: RunContext, phase: string, stagingFingerprint: string): void {
  if (!existsSync(run.layout.ingestPlanFile)) return; // no staging: the phase says "run ingest first" itself
  requireBuiltFrom(run, phase, 'staging and rejects', stagingBuiltFrom(run), currentBuiltFrom(run, { staging: stagingFingerprint }), STAGING_KEYS);
}
