/**
 * License figures: reference-index build time (once per process), license-text detection time
 * per file, and policy decisions per second. `npm run bench license`, or directly:
 *   node --import tsx bench/licenseBench.ts
 * Accuracy lives in scripts/evalLicenseDetection.ts (it needs the machine's LICENSE files).
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectLicense } from '../src/license/detectLicenseText.js';
import { getLicenseIndex } from '../src/license/licenseIndex.js';
import { evaluateLicense, loadPolicy } from '../src/license/licensePolicy.js';
import { normalizeLicense, normalizeUncached } from '../src/license/spdxExpression.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

export async function benchLicense(): Promise<Record<string, number | string>> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const index = getLicenseIndex();
  const indexMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);

  // Detection inputs: common license texts with a real-looking copyright line, reflowed.
  const full: Record<string, { licenseText: string }> = createRequire(import.meta.url)('spdx-license-list/full');
  const ids = ['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'MIT-0', 'Unlicense', 'Zlib', 'MPL-2.0', 'GPL-3.0-only', 'LGPL-2.1-only', 'CC0-1.0', 'CC-BY-4.0', 'BSL-1.0'];
  const texts = ids.map((id) => `Copyright (c) 2024 Example Maintainers\n\n${full[id]!.licenseText.replace(/\s+/g, ' ')}`);
  texts.push('# project\n\nA library that does one thing.\n\n## Install\n\nnpm i project\n\n## License\n\nMIT');
  for (const t of texts) detectLicense(t); // warm up
  const rounds = 20;
  const t1 = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of texts) detectLicense(t);
  const detectMs = (performance.now() - t1) / (rounds * texts.length);
  const bytes = texts.reduce((n, t) => n + t.length, 0) / texts.length;

  const policy = loadPolicy(resolve(repoRoot, 'licenses/permissive.yaml'));
  const exprs = ['MIT', 'Apache 2', 'GPL-2.0 OR MIT', 'https://creativecommons.org/licenses/by-sa/4.0/', 'MIT AND CC-BY-NC-4.0', 'Apache-2.0 WITH LLVM-exception', 'BSD', 'LGPL-2.1+'];
  const n = 20_000;
  // Documents repeat a few license values, so decisions are memoised: this is the per-document cost.
  const t2 = performance.now();
  for (let i = 0; i < n; i++) evaluateLicense(policy, exprs[i % exprs.length]!);
  const evalPerSec = n / ((performance.now() - t2) / 1000);
  const t3 = performance.now();
  for (let i = 0; i < n; i++) normalizeLicense(exprs[i % exprs.length]!);
  const normPerSec = n / ((performance.now() - t3) / 1000);
  const t4 = performance.now();
  for (let i = 0; i < 2000; i++) normalizeUncached(exprs[i % exprs.length]!);
  const normUncachedPerSec = 2000 / ((performance.now() - t4) / 1000);

  return {
    'license.index_build_ms': Math.round(indexMs),
    // CPU time is the steadier figure on a shared machine.
    'license.index_build_cpu_ms': Math.round((cpu.user + cpu.system) / 1000),
    'license.index_references': index.refs.length,
    'license.detect_ms_per_file': Number(detectMs.toFixed(2)),
    'license.detect_mean_file_bytes': Math.round(bytes),
    'license.evaluate_per_s': Math.round(evalPerSec),
    'license.normalize_per_s': Math.round(normPerSec),
    'license.normalize_uncached_per_s': Math.round(normUncachedPerSec),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [k, v] of Object.entries(await benchLicense())) console.log(`${k.padEnd(36)} ${v}`);
}
