import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/configError.js';
import { toolVersion } from '../pipeline/toolVersion.js';
import { registerDedupCommand } from './dedupCommand.js';
import { registerFinalizeCommand } from './finalizeCommand.js';
import { registerExtractCommand } from './extractCommand.js';
import { registerLicenseCommand } from './licenseCommand.js';
import { registerReportCommand } from './reportCommand.js';
import { registerSampleCommand } from './sampleCommand.js';
import { registerScoreCommand } from './scoreCommand.js';
import { registerSourcesCommand } from '../sources/sourcesCommand.js';
import { registerIngestCommand } from './ingestCommand.js';
import { registerMixCommand } from './mixCommand.js';
import { registerRunCommand } from './runCommand.js';
import { UsageError } from './taskOptions.js';
import { registerVerifyCommand } from './verifyCommand.js';

export function buildProgram(): Command {
  const program = new Command('curate')
    .description('Turn licensed raw sources into training-ready, domain-balanced Parquet shards with a license manifest.')
    .version(toolVersion())
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerRunCommand(program);
  registerIngestCommand(program);
  registerDedupCommand(program);
  registerMixCommand(program);
  registerFinalizeCommand(program);
  registerVerifyCommand(program);
  registerSampleCommand(program);
  registerReportCommand(program);
  registerExtractCommand(program);
  registerScoreCommand(program);
  registerLicenseCommand(program);
  registerSourcesCommand(program);
  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 1 failure or findings, 2 usage or config error). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ConfigError || e instanceof UsageError) {
      process.stderr.write(`curate: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`curate: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.CURATE_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}
