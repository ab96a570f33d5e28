import { createHash } from 'node:crypto';
import type { TaskSpec } from './taskSpec.js';

/**
 * Which task of a phase ingests a partition. Partitions that share an affinity (an http source's
 * host) all go to the task chosen by a stable hash of it, so one process does all of a host's
 * requests and its politeness limits hold across the whole job. Others are dealt round-robin by
 * their position in the plan (`ordinal`), which every task computes the same way.
 */
export function partitionOwner(ordinal: number, affinity: string | undefined, task: TaskSpec): number {
  if (affinity === undefined) return ordinal % task.count;
  return createHash('sha256').update(affinity).digest().readUInt32BE(0) % task.count;
}
