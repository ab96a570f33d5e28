import { loadConfig } from '../config/loadConfig.js';
import { createRunContext, detectSourceLicenses, type RunContext } from '../pipeline/runContext.js';

/** Loads and validates a config and applies the source license gate: everything that can fail before work starts. */
export async function openRun(configFile: string, opts: { quiet?: boolean } = {}): Promise<RunContext> {
  const loaded = loadConfig(configFile);
  const run = createRunContext(loaded, opts.quiet ? () => {} : (l) => process.stderr.write(`${l}\n`));
  await detectSourceLicenses(run);
  return run;
}
