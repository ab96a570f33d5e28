/** Lock files: machine-written dependency pins, never training text. */
const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'cargo.lock', 'poetry.lock',
  'pipfile.lock', 'gemfile.lock', 'composer.lock', 'go.sum', 'flake.lock', 'packages.lock.json', 'pubspec.lock', 'mix.lock',
]);

/**
 * Why a file is known to be generated from its name alone (minified bundles, lock files, source
 * maps), or undefined. Content markers ("@generated", "DO NOT EDIT") are the annotate stage's job.
 */
export function generatedByName(relPath: string): string | undefined {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1).toLowerCase();
  if (LOCKFILES.has(base)) return 'lockfile';
  if (/\.min\.(js|mjs|css)$/.test(base)) return 'minified';
  if (/\.(js|css)\.map$/.test(base)) return 'source map';
  return undefined;
}
