// Compiles src/**/*.ts to dist/ (one ES module per file, same layout) with esbuild: a
// sub-second build, so `curate` starts without a TypeScript loader. Type checking stays with
// `tsc --noEmit` (npm test). Runs on `npm ci` (prepare) and before the CLI tests.
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
const out = join(root, 'dist');

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const entryPoints = tsFiles(src);
rmSync(out, { recursive: true, force: true });
await build({ entryPoints, outdir: out, outbase: src, format: 'esm', platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning' });
// The stamp lets bin/curate.js tell a build that is older than the sources.
writeFileSync(join(out, '.build-stamp'), `${new Date().toISOString()}\n`);
if (process.argv.includes('--verbose')) console.log(`built ${entryPoints.length} files into ${relative(root, out)}/`);
export const newestSource = () => Math.max(...entryPoints.map((f) => statSync(f).mtimeMs));
