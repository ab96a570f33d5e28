import { loadConfig } from '../config/loadConfig.js';
import { logLine } from '../core/terminal.js';
import { createRunContext, detectSourceLicenses, type RunContext } from '../pipeline/runContext.js';

/** Loads and validates a config and applies the source license gate: everything that can fail before work starts. */
export async function openRun(configFile: string, opts: { quiet?: boolean } = {}): Promise<RunContext> {
  const loaded = loadConfig(configFile);
  const run = createRunContext(loaded, opts.quiet ? () => {} : (l) => logLine(l));
  // Progress bars (terminal) or periodic progress lines (logs) for every phase, unless --quiet.
  run.showProgress = !opts.quiet;
  await detectSourceLicenses(run);
  return run;
}
