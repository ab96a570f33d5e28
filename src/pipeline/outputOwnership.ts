import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../io/atomicFile.js';
import type { RunContext } from './runContext.js';
import { processAlive } from './processAlive.js';

/**
 * The output-ownership rule (docs/reliability.md): a run deletes only files that its own ledger
 * (the shard ledger, the mix plan, the manifest) or its own temporary naming (`<file>.<pid>.tmp`)
 * proves it wrote. Never "every *.parquet in the folder".
 */

/** An output folder belongs to one config: refuse another config's output (its shards and staging would be replaced). */
export function requireOwnOutput(run: RunContext): void {
  const name = run.loaded.config.name;
  for (const [file, what] of [
    [run.layout.manifestFile, 'manifest.json'],
    [run.layout.ingestPlanFile, 'staging/_plan.json'],
  ] as const) {
    if (!existsSync(file)) continue;
    let other: unknown;
    try {
      other = (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name;
    } catch {
      continue; // unreadable: the phase that needs it reports it
    }
    if (typeof other === 'string' && other !== name) {
      throw new Error(`output ${run.layout.outDir} holds the run of config "${other}" (${what}), not "${name}": give each config its own output folder`);
    }
  }
}

const TEMP_NAME = /\.(\d+)\.tmp$/;

/**
 * Deletes temporary files (`<file>.<pid>.tmp`, the atomic writer's naming) that a killed run of
 * this output left behind: their pid is not ours and not running. Called holding the output lock.
 */
export function removeDeadTempFiles(outDir: string, log: (line: string) => void): number {
  let removed = 0;
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const pid = Number(TEMP_NAME.exec(e.name)?.[1]);
        if (pid && pid !== process.pid && !processAlive(pid)) {
          rmSync(p, { force: true });
          removed++;
        }
      }
    }
  };
  walk(outDir);
  if (removed) log(`resume: removed ${removed} temporary file(s) left by a killed run`);
  return removed;
}

/** The shard ledger: every shard name this output's runs wrote and have not deleted since. */
interface ShardLedger {
  name: string;
  files: string[];
}

function ledgerFile(run: RunContext): string {
  return join(run.layout.outDir, 'mix', 'shards-written.json');
}

function ownShardName(run: RunContext): RegExp {
  return new RegExp(`^${run.loaded.config.name.replace(/[.]/g, '\\.')}-\\d{5}\\.parquet$`);
}

function readLedger(run: RunContext): Set<string> {
  const files = new Set<string>();
  const add = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const f of list) {
      const name = typeof f === 'string' ? f : typeof f === 'object' && f && typeof (f as { file?: unknown }).file === 'string' ? (f as { file: string }).file : undefined;
      if (name) files.add(basename(name));
    }
  };
  const read = (file: string, key: string) => {
    try {
      add((JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)[key]);
    } catch {
      // missing or unreadable: proves nothing
    }
  };
  read(ledgerFile(run), 'files');
  // Outputs made before the ledger existed: the previous plan and manifest list what they wrote.
  read(run.layout.mixPlanFile, 'shards');
  read(run.layout.manifestFile, 'shards');
  const own = ownShardName(run);
  return new Set([...files].filter((f) => own.test(f)));
}

/** Before writing shards: add their names to the ledger, so a kill mid-write leaves nothing unproven. */
export function recordShardsToWrite(run: RunContext, names: string[]): void {
  const files = readLedger(run);
  for (const n of names) files.add(basename(n));
  const ledger: ShardLedger = { name: run.loaded.config.name, files: [...files].sort() };
  writeFileAtomic(ledgerFile(run), `${JSON.stringify(ledger, null, 2)}\n`);
}

/** After a mix: deletes the ledger's shards the new plan does not have (a re-mix with fewer shards), and nothing else. */
export function removeUnplannedShards(run: RunContext, keep: string[]): void {
  const keepSet = new Set(keep.map((k) => basename(k)));
  for (const f of readLedger(run)) {
    if (!keepSet.has(f)) rmSync(join(run.layout.shardsDir, f), { force: true });
  }
  const ledger: ShardLedger = { name: run.loaded.config.name, files: [...keepSet].sort() };
  writeFileAtomic(ledgerFile(run), `${JSON.stringify(ledger, null, 2)}\n`);
}
