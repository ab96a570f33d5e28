import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Forks isolate native addons (zstd-napi, DuckDB) between test files.
    pool: 'forks',
  },
});
