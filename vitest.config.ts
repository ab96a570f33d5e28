import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Forks isolate native addons (zstd-napi, DuckDB) between test files.
    pool: 'forks',
    // Vitest's default (cores - 1) is one file at a time on a 2-core machine, yet most test time
    // is spent waiting on `curate` child processes, local servers and timers: two files at once
    // measured 375 s instead of 596 s wall for the 16 slowest files, same CPU time (shared machine).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
