#!/usr/bin/env node
// Entry point of the `curate` command. Runs the compiled build in dist/ (made by `npm ci` /
// `npm run build`); when the build is missing or older than a file in src/, runs the TypeScript
// sources through tsx instead, so the command never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist', '.build-stamp');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

// `curate sample … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const built = existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource(join(root, 'src')) && process.env.CURATE_FROM_SOURCE !== '1';
let main;
if (built) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
