import type { Config } from '../config/schema.js';

export const PHASES = ['ingest', 'dedup', 'mix', 'finalize'] as const;
export type Phase = (typeof PHASES)[number];

/** What one task of a phase asks a scheduler for. */
export interface PhaseResources {
  phase: Phase;
  /** CPUs the task can use: worker threads for ingest, one thread for the others. */
  cpus: number;
  /** Memory to request, MB (peak measured in docs/performance.md plus headroom). */
  memMb: number;
  /** Whether the phase runs as an array of tasks (finalize is one task). */
  array: boolean;
}

/** Worker threads a cluster ingest task uses when neither the config nor the flag says. */
export const DEFAULT_CLUSTER_WORKERS = 4;

/**
 * Resource requests per phase, from the config (ingest.workers, dedup.max_memory_mb) and the
 * measured peaks (docs/performance.md): an ingest process peaks near 500 MB in-process and each
 * worker thread adds ~150 MB; dedup holds at most `max_memory_mb` of signatures plus its
 * ~170 MB table per million documents; mix and finalize stream shards and stay under 1 GB.
 * Requests carry ~1.5× headroom so V8's lazy heap growth never meets the scheduler's OOM killer.
 */
export function phaseResources(config: Config, phase: Phase, workersFlag?: number): PhaseResources {
  switch (phase) {
    case 'ingest': {
      const workers = workersFlag ?? config.ingest.workers ?? DEFAULT_CLUSTER_WORKERS;
      return { phase, cpus: workers, memMb: 768 + 256 * workers, array: true };
    }
    case 'dedup':
      return { phase, cpus: 1, memMb: Math.ceil(config.dedup.max_memory_mb) + 512, array: true };
    case 'mix':
      return { phase, cpus: 1, memMb: 1536, array: true };
    case 'finalize':
      return { phase, cpus: 1, memMb: 1024, array: false };
  }
}
