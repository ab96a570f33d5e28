import type { TreeLicenseFile } from '../license/fileLicenseDecision.js';
import type { EvidenceCheck } from '../license/sourceEvidence.js';

/** The license files of a tree by the folder they govern, deepest folder first (the nearest wins). */
export function treeLicenseFiles(check: EvidenceCheck | undefined): TreeLicenseFile[] | undefined {
  if (!check) return undefined;
  const byDir = new Map<string, TreeLicenseFile>();
  for (const f of check.files) {
    if (f.role !== 'license') continue;
    const dir = f.file.includes('/') ? f.file.slice(0, f.file.lastIndexOf('/')) : '';
    const prev = byDir.get(dir);
    if (!prev) byDir.set(dir, { dir, file: f.file, ...(f.license ? { license: f.license } : {}), ...(f.score !== undefined ? { score: f.score } : {}) });
    else {
      prev.file = `${prev.file}, ${f.file}`;
      if (f.license && prev.license !== f.license) prev.license = `${prev.license} AND ${f.license}`;
      if (f.score !== undefined) prev.score = Math.min(prev.score ?? 1, f.score);
    }
  }
  const depth = (d: string) => (d === '' ? 0 : d.split('/').length);
  return [...byDir.values()].sort((a, b) => depth(b.dir) - depth(a.dir) || (a.dir < b.dir ? -1 : 1));
}
