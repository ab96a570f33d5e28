#!/usr/bin/env node
// Entry point of the `curate` command. The sources are TypeScript run through tsx's loader,
// registered here so that `npm start`, `npx curate` and worker threads all run the same code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
