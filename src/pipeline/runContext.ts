import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../config/configError.js';
import type { LoadedConfig } from '../config/loadConfig.js';
import { resolvePath } from '../config/loadConfig.js';
import type { SourceConfig } from '../config/sourceSchema.js';
import { evaluateLicense, loadPolicy, type LicenseDecision, type LicensePolicy } from '../license/licensePolicy.js';
import { RunLayout } from './runLayout.js';

/** The source-level license gate's verdict, taken before anything is fetched. */
export interface SourceGate {
  source: SourceConfig;
  /** allowed: declared license passes; per-record: only license_field, checked per document; excluded: never read. */
  status: 'allowed' | 'per-record' | 'excluded';
  decision?: LicenseDecision;
}

export interface RunContext {
  loaded: LoadedConfig;
  layout: RunLayout;
  policy: LicensePolicy;
  gates: SourceGate[];
  configSha256: string;
  log: (line: string) => void;
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
    if (source.license) {
      const decision = evaluateLicense(policy, source.license);
      // A license that is not a license at all is a mistake in the config, not a policy decision.
      if (decision.reason === 'license.unknown' || decision.reason === 'license.unparsable') {
        throw new ConfigError(`${loaded.file}:${loaded.lineOf(['sources', i, 'license'])} sources.${i}.license: ${decision.detail}`);
      }
      return { source, status: decision.allowed ? 'allowed' : 'excluded', decision };
    }
    return { source, status: 'per-record' };
  });
  return { loaded, layout: new RunLayout(outDir, config.name), policy, gates, configSha256: sha256Hex(readFileSync(loaded.file)), log };
}
