import { detectLicense, type LicenseDetection } from './detectLicenseText.js';
import { normalizeLicense } from './spdxExpression.js';

export interface RepositoryLicense {
  /** SPDX expression covering all license files ("MIT AND Apache-2.0"), or 'unknown'. */
  license: string;
  /** Lowest score among the files (0 when there are none). */
  score: number;
  files: ({ file: string } & LicenseDetection)[];
  /** Why the answer is what it is, for the manifest. */
  detail: string;
}

/**
 * The license of a repository from its root license files (LICENSE, COPYING, LICENSE-MIT,
 * LICENSE-APACHE, ...). Several files are combined with AND: the texts alone cannot say whether
 * the authors meant a choice (OR), and honouring every license is always permitted. One file
 * that cannot be identified makes the answer 'unknown' (it may hold restrictions).
 */
export function detectLicenseFiles(files: { file: string; text: string }[], opts: { threshold?: number } = {}): RepositoryLicense {
  if (files.length === 0) return { license: 'unknown', score: 0, files: [], detail: 'no LICENSE/COPYING file at the source root; declare the license in the config' };
  const results = files.map((f) => ({ file: f.file, ...detectLicense(f.text, opts) }));
  const unknown = results.filter((r) => r.license === 'unknown');
  const score = Math.min(...results.map((r) => r.score));
  if (unknown.length > 0) {
    return {
      license: 'unknown',
      score,
      files: results,
      detail: `${unknown.map((u) => `${u.file} (closest ${u.runnerUp?.license ?? 'none'} ${u.score}${u.difference ? `; ${u.difference}` : ''})`).join(', ')} matches no SPDX license text; declare the license in the config`,
    };
  }
  const parts = [...new Set(results.map((r) => r.license))];
  const combined = parts.length === 1 ? parts[0]! : parts.map((p) => (/\s(OR|AND)\s/.test(p) ? `(${p})` : p)).join(' AND ');
  const n = normalizeLicense(combined);
  return {
    license: n.ok ? n.expression : combined,
    score,
    files: results,
    detail: results.map((r) => `${r.file}: ${r.license} (${r.score})`).join(', '),
  };
}
