import { createRequire } from 'node:module';

/** Full license texts from spdx-license-list (SPDX's own text of each id), loaded once on first use. */
let full: Record<string, { name: string; url: string; licenseText: string }> | undefined;

function list(): Record<string, { name: string; url: string; licenseText: string }> {
  full ??= createRequire(import.meta.url)('spdx-license-list/full') as Record<string, { name: string; url: string; licenseText: string }>;
  return full;
}

/** The SPDX text of a license id ("GPL-2.0-only" falls back to the list's "GPL-2.0" entry), or undefined (LicenseRef-*, unknown ids). */
export function spdxLicenseText(id: string): string | undefined {
  const l = list();
  return (l[id] ?? l[id.replace(/-(?:only|or-later)$/, '')])?.licenseText;
}

/** Name and URL of an SPDX id, for headings. */
export function spdxLicenseInfo(id: string): { name: string; url: string } | undefined {
  const l = list();
  const e = l[id] ?? l[id.replace(/-(?:only|or-later)$/, '')];
  return e ? { name: e.name, url: e.url } : undefined;
}
