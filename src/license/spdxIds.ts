import { createRequire } from 'node:module';

/**
 * The SPDX license and exception ids known to this build (from the installed spdx-license-ids and
 * spdx-exceptions packages), plus the project's own LicenseRef ids. Loaded once per process.
 */
const require = createRequire(import.meta.url);

const current: string[] = require('spdx-license-ids');
const deprecated: string[] = require('spdx-license-ids/deprecated.json');
const exceptions: string[] = require('spdx-exceptions');
const deprecatedExceptions: string[] = require('spdx-exceptions/deprecated.json');

export const LICENSE_IDS: ReadonlySet<string> = new Set(current);
export const DEPRECATED_IDS: ReadonlySet<string> = new Set(deprecated);
export const EXCEPTION_IDS: ReadonlySet<string> = new Set([...exceptions, ...deprecatedExceptions]);

/** Refs the project itself defines; any policy may name more. */
export const PUBLIC_DOMAIN_REF = 'LicenseRef-Public-Domain';
export const PROPRIETARY_REF = 'LicenseRef-Proprietary';
export const BUILTIN_REFS: ReadonlySet<string> = new Set([PUBLIC_DOMAIN_REF, PROPRIETARY_REF]);

/** SPDX special values: NOASSERTION (nobody said) and NONE (no license). Policies deny them. */
export const SPECIAL_VALUES: ReadonlySet<string> = new Set(['NOASSERTION', 'NONE']);

const LICENSE_REF_RE = /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;
export function isLicenseRef(id: string): boolean {
  return LICENSE_REF_RE.test(id);
}

/** Case-insensitive lookup of a current or deprecated id ("mit" → "MIT"). */
const byLower = new Map<string, string>();
for (const id of [...deprecated, ...current]) byLower.set(id.toLowerCase(), id);
export function canonicalIdCase(id: string): string | undefined {
  return byLower.get(id.toLowerCase());
}
const exceptionByLower = new Map<string, string>();
for (const id of EXCEPTION_IDS) exceptionByLower.set(id.toLowerCase(), id);
export function canonicalExceptionCase(id: string): string | undefined {
  return exceptionByLower.get(id.toLowerCase());
}

/**
 * Deprecated ids and what SPDX replaced them with. The GNU ids without a suffix meant "-only"
 * (SPDX 3.0 release notes); the "-with-...-exception" ids became `WITH` expressions.
 */
export const DEPRECATED_REPLACEMENTS: Readonly<Record<string, string>> = {
  'AGPL-1.0': 'AGPL-1.0-only',
  'AGPL-3.0': 'AGPL-3.0-only',
  'GFDL-1.1': 'GFDL-1.1-only',
  'GFDL-1.2': 'GFDL-1.2-only',
  'GFDL-1.3': 'GFDL-1.3-only',
  'GPL-1.0': 'GPL-1.0-only',
  'GPL-2.0': 'GPL-2.0-only',
  'GPL-3.0': 'GPL-3.0-only',
  'LGPL-2.0': 'LGPL-2.0-only',
  'LGPL-2.1': 'LGPL-2.1-only',
  'LGPL-3.0': 'LGPL-3.0-only',
  'GPL-2.0-with-GCC-exception': 'GPL-2.0-only WITH GCC-exception-2.0',
  'GPL-2.0-with-autoconf-exception': 'GPL-2.0-only WITH Autoconf-exception-2.0',
  'GPL-2.0-with-bison-exception': 'GPL-2.0-only WITH Bison-exception-2.2',
  'GPL-2.0-with-classpath-exception': 'GPL-2.0-only WITH Classpath-exception-2.0',
  'GPL-2.0-with-font-exception': 'GPL-2.0-only WITH Font-exception-2.0',
  'GPL-3.0-with-GCC-exception': 'GPL-3.0-only WITH GCC-exception-3.1',
  'GPL-3.0-with-autoconf-exception': 'GPL-3.0-only WITH Autoconf-exception-3.0',
  'BSD-2-Clause-FreeBSD': 'BSD-2-Clause-Views',
  'BSD-2-Clause-NetBSD': 'BSD-2-Clause',
  'Nunit': 'zlib-acknowledgement',
  'StandardML-NJ': 'SMLNJ',
  'bzip2-1.0.5': 'bzip2-1.0.6',
  'eCos-2.0': 'GPL-2.0-or-later WITH eCos-exception-2.0',
  'wxWindows': 'GPL-2.0-or-later WITH WxWindows-exception-3.1',
};

/** Splits "GPL-2.0-or-later" into family "GPL", version "2.0", suffix "-or-later". */
export function splitVersion(id: string): { family: string; version: string; suffix: string } | undefined {
  const m = /^(.*?)-(\d+(?:\.\d+)*)(-only|-or-later)?$/.exec(id);
  if (!m) return undefined;
  return { family: m[1]!, version: m[2]!, suffix: m[3] ?? '' };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The ids an "or later" grant lets the recipient choose: the same family at this version or
 * any later one, e.g. GPL-2.0-or-later → GPL-2.0-only, GPL-3.0-only, GPL-3.0-or-later, ...
 * Ordered by version, the stated version first.
 */
export function laterVersionChoices(id: string): string[] {
  const base = splitVersion(id.endsWith('+') ? id.slice(0, -1) : id);
  if (!base) return [id];
  const out: { id: string; version: string }[] = [];
  for (const other of LICENSE_IDS) {
    const s = splitVersion(other);
    if (s && s.family === base.family && compareVersions(s.version, base.version) >= 0) out.push({ id: other, version: s.version });
  }
  out.sort((a, b) => compareVersions(a.version, b.version) || a.id.localeCompare(b.id));
  return out.length ? out.map((o) => o.id) : [id];
}
