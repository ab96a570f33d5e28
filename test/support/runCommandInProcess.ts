/** Runs one `curate` subcommand in this process, capturing stdout, stderr and the exit code it set. */
import { Command } from 'commander';
import { vi } from 'vitest';

export interface InProcessResult {
  out: string;
  err: string;
  code: number | undefined;
}

export async function runCommandInProcess(register: (program: Command) => void, args: string[]): Promise<InProcessResult> {
  const program = new Command();
  program.exitOverride();
  register(program);
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'curate', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = typeof process.exitCode === 'number' ? process.exitCode : undefined;
  process.exitCode = undefined;
  return { out, err, code };
}
