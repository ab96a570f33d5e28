import { defineConfig } from 'vitest/config';

/** `npm run test:slurm`: the Slurm job scripts on a real one-node cluster (slow; not in `npm test`). */
export default defineConfig({
  test: {
    include: ['test/slurm/**/*.slurm.ts'],
    testTimeout: 1_200_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
