import type { DedupConfig } from '../config/dedupSchema.js';

/**
 * Phase-2 memory per document besides the signature: the compact table (ids as UTF-8, ranks,
 * 16-byte exact hash), the plan's rank arrays, one band's keys, edges, survivors and the id
 * sort of the output, at the peak. Measured with bench/dedupBench.ts (1M synthetic documents,
 * 14-byte ids, peak RSS minus the runtime's baseline, both paths): see docs/dedup.md. Ids longer
 * than the bench's add their length.
 */
export const DEDUP_WORKING_BYTES = 260;

/** Bytes per document with the signatures in memory. */
export function inMemoryBytesPerDoc(numPerm: number): number {
  return 4 * numPerm + DEDUP_WORKING_BYTES;
}

export interface DedupMemoryPlan {
  /** Where the signatures live. */
  signatures: 'memory' | 'disk';
  docs: number;
  /** Estimates in MB (10^6 bytes), and the budget. */
  inMemoryMb: number;
  outOfCoreMb: number;
  budgetMb: number;
  /** Size of the signature file when on disk, MB. */
  signatureFileMb: number;
  /** One line saying which path and why. */
  reason: string;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Bytes in MB (10^6), rounded up to the kB: small test corpora still get a meaningful figure. */
function mb(bytes: number): number {
  return Math.ceil(bytes / 1e3) / 1e3;
}

/**
 * Chooses where phase 2 keeps the signatures of `docs` documents, before anything is loaded.
 * Throws (with the figures and what to do) only when even the out-of-core path exceeds the budget,
 * or when `out_of_core: never` and the in-memory path exceeds it.
 */
export function planDedupMemory(docs: number, cfg: Pick<DedupConfig, 'num_perm' | 'max_memory_mb' | 'out_of_core'>): DedupMemoryPlan {
  const inMemoryMb = mb(docs * inMemoryBytesPerDoc(cfg.num_perm));
  const outOfCoreMb = mb(docs * DEDUP_WORKING_BYTES);
  const signatureFileMb = mb(docs * 4 * cfg.num_perm);
  const budgetMb = cfg.max_memory_mb;
  const base = { docs, inMemoryMb, outOfCoreMb, budgetMb, signatureFileMb };
  const need = `dedup: ${fmt(docs)} docs need ~${fmt(inMemoryMb)} MB in memory`;
  if (cfg.out_of_core === 'never') {
    if (inMemoryMb > budgetMb) {
      throw new Error(
        `dedup of ${docs} documents needs about ${inMemoryMb} MB (${inMemoryBytesPerDoc(cfg.num_perm)} bytes each at num_perm ${cfg.num_perm}), over dedup.max_memory_mb = ${budgetMb}, and dedup.out_of_core is never: set out_of_core: auto (signatures on disk, ~${outOfCoreMb} MB in memory), raise the budget on a bigger machine, lower num_perm, or split the corpus into several configs`,
      );
    }
    return { ...base, signatures: 'memory', reason: `${need} (max_memory_mb ${fmt(budgetMb)}, out_of_core never): signatures in memory` };
  }
  if (cfg.out_of_core === 'auto' && inMemoryMb <= budgetMb) {
    return { ...base, signatures: 'memory', reason: `${need}, within max_memory_mb ${fmt(budgetMb)}: signatures in memory` };
  }
  if (outOfCoreMb > budgetMb) {
    throw new Error(
      `dedup of ${docs} documents needs about ${outOfCoreMb} MB even with the signatures on disk (${DEDUP_WORKING_BYTES} bytes each for ids, ranks and LSH tables; ${inMemoryMb} MB in memory), over dedup.max_memory_mb = ${budgetMb}: raise the budget on a bigger machine, or split the corpus into several configs`,
    );
  }
  const why = cfg.out_of_core === 'always' ? `${need}; out_of_core always` : `${need}, over max_memory_mb ${fmt(budgetMb)}`;
  return { ...base, signatures: 'disk', reason: `${why}: signatures on disk (${fmt(signatureFileMb)} MB file, ~${fmt(outOfCoreMb)} MB in memory)` };
}
