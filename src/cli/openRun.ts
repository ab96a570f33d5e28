import { loadConfig } from '../config/loadConfig.js';
import { createRunContext, type RunContext } from '../pipeline/runContext.js';

/** Loads and validates a config and applies the source license gate: everything that can fail before work starts. */
export function openRun(configFile: string, opts: { quiet?: boolean } = {}): RunContext {
  const loaded = loadConfig(configFile);
  return createRunContext(loaded, opts.quiet ? () => {} : (l) => process.stderr.write(`${l}\n`));
}
