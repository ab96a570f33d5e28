import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { TaskSpec } from './taskSpec.js';
import { processAlive } from './processAlive.js';

/** Who holds an output folder: written into `<output>/.curate.lock` (or a task's own lock file). */
export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

const LOCK_PREFIX = '.curate.lock';

/** An output folder is in use by another curate process. */
export class OutputLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputLockedError';
  }
}

/** The lock file of a command: the whole output, or one scale-out task of one phase (tasks of a phase run side by side). */
export function lockFileName(phase: string, task?: TaskSpec): string {
  return task && task.count > 1 ? `${LOCK_PREFIX}.${phase}-task-${task.index}-of-${task.count}` : LOCK_PREFIX;
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the output folder for this process: creates the lock file atomically (written under a
 * temporary name, then hard-linked into place, which fails if it exists), then checks no other
 * lock conflicts (the whole-output lock conflicts with every task lock). A lock whose pid is dead
 * on this host is stale and taken over with a note; a live one, or one from another host, is an
 * error naming its holder. Returns the release function (also run at process exit).
 */
export function acquireOutputLock(outDir: string, name: string, command: string, log: (line: string) => void): () => void {
  mkdirSync(outDir, { recursive: true });
  const me: LockHolder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  const path = join(outDir, name);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(me)}\n`);
  const staleOrThrow = (file: string) => {
    if (!existsSync(join(outDir, file))) return; // released meanwhile
    const h = readHolder(join(outDir, file));
    if (h && h.host === me.host && h.pid !== process.pid && !processAlive(h.pid)) {
      log(`note: ${join(outDir, file)} was left by pid ${h.pid} on this host, which is no longer running; taking it over`);
      rmSync(join(outDir, file), { force: true });
      return;
    }
    rmSync(tmp, { force: true });
    const who = h ? `pid ${h.pid} on host ${h.host} (\`${h.command}\`, since ${h.since})` : 'a process that left an unreadable lock file';
    throw new OutputLockedError(
      `output ${outDir} is in use by ${who}: wait for it to finish; if it is gone (killed on another machine), delete ${join(outDir, file)} and run again`,
    );
  };
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(tmp, path);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw e;
        staleOrThrow(name);
      }
    }
  } finally {
    rmSync(tmp, { force: true });
  }
  const release = () => {
    const h = readHolder(path);
    if (h && h.pid === me.pid && h.host === me.host) rmSync(path, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  // The whole-output lock excludes every task lock and vice versa; tasks of a phase coexist.
  try {
    for (const f of readdirSync(outDir)) {
      if (f === name || !f.startsWith(LOCK_PREFIX) || f.endsWith('.tmp')) continue;
      if (name !== LOCK_PREFIX && f !== LOCK_PREFIX) continue;
      staleOrThrow(f);
    }
  } catch (e) {
    release();
    throw e;
  }
  return release;
}

/** Runs `f` holding the output lock; always releases it. */
export async function withOutputLock<T>(outDir: string, name: string, command: string, log: (line: string) => void, f: () => Promise<T>): Promise<T> {
  const release = acquireOutputLock(outDir, name, command, log);
  try {
    return await f();
  } finally {
    release();
  }
}
