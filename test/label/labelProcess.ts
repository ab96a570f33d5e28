/** Starts `curate label` as a user does (the real executable, a child process) and waits for its address. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

export const repo = resolve(import.meta.dirname, '../..');
export const domainSamples = join(repo, 'data-samples/jsonl/domain-samples.jsonl');

export async function startLabelServer(args: string[]): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const child = spawn(process.execPath, [join(repo, 'bin/curate.js'), 'label', ...args, '--port', '0'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const base = await new Promise<string>((res, rej) => {
    const timer = setInterval(() => {
      const m = /open (http:\/\/[^\s/]+)\//.exec(out);
      if (m) {
        clearInterval(timer);
        res(m[1]!);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      rej(new Error(`curate label exited with ${code}: ${out}`));
    });
  });
  return { child, base, output: () => out };
}

export function killed(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) return res();
    child.once('exit', () => res());
    child.kill(signal);
  });
}
