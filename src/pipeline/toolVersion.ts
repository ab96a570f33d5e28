import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The package version, recorded in manifests so a corpus names the tool that built it. */
export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
