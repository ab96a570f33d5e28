import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/configError.js';
import { toolVersion } from '../pipeline/toolVersion.js';
import { UsageError } from './taskOptions.js';
import { LOG_FORMATS, setLogFormat, type LogFormat } from '../core/terminal.js';

type Register = (program: Command) => void;

/**
 * Each command's module is loaded only when that command runs (or for --help), so a quick
 * command such as `verify` does not pay for the language models and tokenizers of `run`.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  run: async () => (await import('./runCommand.js')).registerRunCommand,
  ingest: async () => (await import('./ingestCommand.js')).registerIngestCommand,
  dedup: async () => (await import('./dedupCommand.js')).registerDedupCommand,
  decontam: async () => (await import('./decontamCommand.js')).registerDecontamCommand,
  mix: async () => (await import('./mixCommand.js')).registerMixCommand,
  finalize: async () => (await import('./finalizeCommand.js')).registerFinalizeCommand,
  verify: async () => (await import('./verifyCommand.js')).registerVerifyCommand,
  sample: async () => (await import('./sampleCommand.js')).registerSampleCommand,
  report: async () => (await import('./reportCommand.js')).registerReportCommand,
  extract: async () => (await import('./extractCommand.js')).registerExtractCommand,
  score: async () => (await import('./scoreCommand.js')).registerScoreCommand,
  license: async () => (await import('./licenseCommand.js')).registerLicenseCommand,
  resources: async () => (await import('./resourcesCommand.js')).registerResourcesCommand,
  sources: async () => (await import('./sourcesCommand.js')).registerSourcesCommand,
  label: async () => (await import('./labelCommand.js')).registerLabelCommand,
  'train-quality': async () => (await import('./trainQualityCommand.js')).registerTrainQualityCommand,
  optout: async () => (await import('./optoutCommand.js')).registerOptoutCommand,
  pii: async () => (await import('./piiCommand.js')).registerPiiCommand,
};

export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command('curate')
    .description('Turn licensed raw sources into training-ready, domain-balanced Parquet shards with a license manifest.')
    .version(toolVersion())
    .showHelpAfterError('(run with --help for usage)')
    .option('--log-format <format>', 'log and progress lines on stderr: text (a live bar on a terminal) or json (one object per line, for cluster logs)', 'text')
    .exitOverride();
  // Before any command runs: every log line and progress bar goes through src/core/terminal.ts.
  program.hook('preAction', () => {
    const f = String(program.opts().logFormat);
    if (!(LOG_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--log-format: expected ${LOG_FORMATS.join(' or ')}, got "${f}"`);
    setLogFormat(f as LogFormat);
  });
  const named = argv.find((a) => !a.startsWith('-'));
  const names = named && named !== 'help' && COMMANDS[named] ? [named] : Object.keys(COMMANDS);
  for (const n of names) (await COMMANDS[n]!())(program);
  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 1 failure or findings, 2 usage or config error). */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
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
