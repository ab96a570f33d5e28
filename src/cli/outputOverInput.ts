import { existsSync, statSync } from 'node:fs';
import { realPathish } from '../config/outputPath.js';
import { UsageError } from './taskOptions.js';

/**
 * A standalone command never writes over one of its inputs (`curate dedup --in c.jsonl --out
 * c.jsonl` would truncate the corpus before reading it). Same path after symlinks, or the same
 * file through a hard link.
 */
export function refuseOutputOverInput(command: string, output: string, inputs: string[]): void {
  const out = realPathish(output);
  const outStat = existsSync(output) ? statSync(output) : undefined;
  for (const input of inputs) {
    const same = realPathish(input) === out || (outStat && existsSync(input) && statSync(input).ino === outStat.ino && statSync(input).dev === outStat.dev);
    if (same) throw new UsageError(`${command}: the output ${output} is the input ${input}; writing it would destroy the input: choose another output file`);
  }
}
