import { createRequire } from 'node:module';
import { LICENSE_IDS, PROPRIETARY_REF, PUBLIC_DOMAIN_REF } from './spdxIds.js';

/**
 * Spellings seen in package metadata and dataset cards that spdx-correct gets wrong or cannot
 * map, and the URLs people put in a license field. Each maps to an SPDX expression; `guess`
 * says the spelling does not state enough to be sure (version, clause count), so the mapping
 * is recorded as a guess and a policy may refuse it.
 */
export interface AliasMapping {
  expression: string;
  why: string;
  guess?: boolean;
}

/** Keys are lower-cased, with runs of space, "_" and "-" collapsed to one space. */
const ALIASES: Record<string, AliasMapping> = {
  'public domain': { expression: PUBLIC_DOMAIN_REF, why: 'public domain has no SPDX id; project ref' },
  'publicdomain': { expression: PUBLIC_DOMAIN_REF, why: 'public domain has no SPDX id; project ref' },
  'pd': { expression: PUBLIC_DOMAIN_REF, why: 'public domain has no SPDX id; project ref' },
  // npm: "UNLICENSED" means "not licensed for use by others", the opposite of the Unlicense.
  'unlicensed': { expression: PROPRIETARY_REF, why: 'npm "UNLICENSED" means all rights reserved, not the Unlicense' },
  'proprietary': { expression: PROPRIETARY_REF, why: 'proprietary' },
  'commercial': { expression: PROPRIETARY_REF, why: 'commercial license' },
  'all rights reserved': { expression: PROPRIETARY_REF, why: 'all rights reserved' },
  'copyrighted': { expression: PROPRIETARY_REF, why: 'copyright without a license grant' },
  'isc license': { expression: 'ISC', why: 'common spelling' },
  'isc licence': { expression: 'ISC', why: 'common spelling' },
  'mit license': { expression: 'MIT', why: 'common spelling' },
  'mit licence': { expression: 'MIT', why: 'common spelling' },
  'the mit license': { expression: 'MIT', why: 'common spelling' },
  'expat': { expression: 'MIT', why: 'Debian calls MIT "Expat"' },
  'x11': { expression: 'X11', why: 'common spelling' },
  // Unversioned family names: the reading whose obligations cover the other variants.
  'bsd': { expression: 'BSD-3-Clause', why: 'clause count not stated; BSD-3-Clause obligations (notice + no endorsement) cover BSD-2-Clause', guess: true },
  'bsd license': { expression: 'BSD-3-Clause', why: 'clause count not stated; BSD-3-Clause obligations (notice + no endorsement) cover BSD-2-Clause', guess: true },
  'bsd style': { expression: 'BSD-3-Clause', why: 'clause count not stated; BSD-3-Clause obligations (notice + no endorsement) cover BSD-2-Clause', guess: true },
  'bsd like': { expression: 'BSD-3-Clause', why: 'clause count not stated; BSD-3-Clause obligations (notice + no endorsement) cover BSD-2-Clause', guess: true },
  'apache': { expression: 'Apache-2.0', why: 'version not stated; Apache-2.0 is the only one in use', guess: true },
  'apache license': { expression: 'Apache-2.0', why: 'version not stated; Apache-2.0 is the only one in use', guess: true },
  // GPL §14 / LGPL §13: a program that names no version may be used under any version ever published.
  'gpl': { expression: 'GPL-1.0-or-later', why: 'version not stated: GPL allows any version ever published', guess: true },
  'gnu gpl': { expression: 'GPL-1.0-or-later', why: 'version not stated: GPL allows any version ever published', guess: true },
  'lgpl': { expression: 'LGPL-2.0-or-later', why: 'version not stated: LGPL allows any version ever published', guess: true },
  'agpl': { expression: 'AGPL-3.0-only', why: 'version not stated; AGPL-3.0 is the only FSF AGPL', guess: true },
  'artistic': { expression: 'Artistic-1.0', why: 'version not stated; read as the older Artistic-1.0', guess: true },
  'cc by': { expression: 'CC-BY-4.0', why: 'version not stated; read as the current CC-BY-4.0', guess: true },
  'cc by sa': { expression: 'CC-BY-SA-4.0', why: 'version not stated; read as the current CC-BY-SA-4.0', guess: true },
  'cc0': { expression: 'CC0-1.0', why: 'common spelling' },
  'psf': { expression: 'PSF-2.0', why: 'common spelling' },
  'python software foundation license': { expression: 'PSF-2.0', why: 'common spelling' },
  'lgpl lr': { expression: 'LGPLLR', why: 'Hugging Face spelling of the LGPL for Linguistic Resources' },
  'odc by': { expression: 'ODC-By-1.0', why: 'version not stated; ODC-By-1.0 is the only version', guess: true },
  'odbl': { expression: 'ODbL-1.0', why: 'version not stated; ODbL-1.0 is the only version', guess: true },
  'iscl': { expression: 'ISC', why: 'common spelling' },
  'python': { expression: 'PSF-2.0', why: 'Python Software Foundation License', guess: true },
  'boost': { expression: 'BSL-1.0', why: 'Boost Software License' },
  'wtfpl': { expression: 'WTFPL', why: 'common spelling' },
};

/** Alias spellings per SPDX id they map to (a guess that lands on the id may be judged against them). */
export const ALIAS_KEYS_BY_ID: ReadonlyMap<string, string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const [k, v] of Object.entries(ALIASES)) m.set(v.expression, [...(m.get(v.expression) ?? []), k]);
  return m;
})();

/**
 * Spellings that name no single license. spdx-correct would guess ("BSL" → BSL-1.0, though
 * most people writing BSL mean the Business Source License), so these stay unknown.
 */
export const AMBIGUOUS: Readonly<Record<string, string>> = {
  bsl: 'could be BSL-1.0 (Boost) or BUSL-1.1 (Business Source License)',
  'dual license': 'names no license',
  'dual licensed': 'names no license',
  other: 'names no license',
  custom: 'names no license',
  unknown: 'names no license',
  'see license': 'points at a file; detect it with `curate license detect <file>`',
  'see license file': 'points at a file; detect it with `curate license detect <file>`',
  'open source': 'names no license',
  free: 'names no license',
};

/** Values that say "no license information" rather than naming one. */
export const NO_VALUE: ReadonlySet<string> = new Set(['n/a', 'na', 'n.a.', 'tbd', 'todo', '-', '?', 'null', 'undefined']);

/**
 * Creative Commons long names: "Creative Commons Attribution-NonCommercial-ShareAlike 4.0
 * International", "Attribution 4.0 International", "CC BY-SA 3.0 Unported".
 */
export function licenseFromCcName(s: string): AliasMapping | undefined {
  const t = s.toLowerCase().replace(/[\s_-]+/g, ' ').trim();
  const m = /^(?:creative commons |cc )?(attribution|by)((?: (?:non ?commercial|nc))?)((?: (?:share ?alike|sa|no ?derivatives|no ?derivs|nd))?) (\d\.\d)(?: (?:international|unported|generic)(?: license)?| license)?$/.exec(t);
  if (!m) return undefined;
  const nc = m[2]!.trim() ? '-NC' : '';
  const tail = m[3]!.trim();
  const sa = /^(share ?alike|sa)$/.test(tail) ? '-SA' : tail ? '-ND' : '';
  const id = `CC-BY${nc}${sa}-${m[4]}`;
  return LICENSE_IDS.has(id) ? { expression: id, why: 'Creative Commons license name' } : undefined;
}

let byName: Map<string, string> | undefined;

/** The SPDX id whose full name this is ("Eclipse Public License 2.0" → EPL-2.0), from spdx-license-list. */
export function licenseFromFullName(s: string): AliasMapping | undefined {
  if (!byName) {
    const list: Record<string, { name: string }> = createRequire(import.meta.url)('spdx-license-list');
    byName = new Map();
    for (const [id, v] of Object.entries(list)) if (LICENSE_IDS.has(id)) byName.set(aliasKey(v.name), id);
  }
  const id = byName.get(aliasKey(s)) ?? byName.get(aliasKey(s.replace(/\s+licen[cs]e$/i, '')));
  return id ? { expression: id, why: 'SPDX full name' } : undefined;
}

export function aliasKey(s: string): string {
  return s.trim().toLowerCase().replace(/[\s_-]+/g, ' ').replace(/^"|"$/g, '').trim();
}

export function lookupAlias(s: string): AliasMapping | undefined {
  return ALIASES[aliasKey(s)];
}

/** Maps a license URL to an SPDX id, or undefined when the URL is not one we recognise. */
export function licenseFromUrl(raw: string): AliasMapping | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^www\./, '').toLowerCase();
  const parts = url.pathname.split('/').filter(Boolean);
  if (host === 'creativecommons.org') {
    if (parts[0] === 'publicdomain' && parts[1] === 'zero') return { expression: `CC0-${parts[2] ?? '1.0'}`, why: 'Creative Commons URL' };
    if (parts[0] === 'publicdomain' && parts[1] === 'mark') return { expression: 'CC-PDM-1.0', why: 'Creative Commons Public Domain Mark URL' };
    if (parts[0] === 'licenses' && parts[1] && parts[2]) {
      const base = `CC-${parts[1].toUpperCase()}-${parts[2]}`;
      // Ported licenses: by-sa/3.0/de → CC-BY-SA-3.0-DE when SPDX lists the port; else the
      // unported version is a guess about the port's terms.
      if (parts[3] && !/^(deed|legalcode)/i.test(parts[3])) {
        const ported = `${base}-${parts[3].toUpperCase()}`;
        if (LICENSE_IDS.has(ported)) return { expression: ported, why: 'Creative Commons URL' };
        if (LICENSE_IDS.has(base)) return { expression: base, why: `Creative Commons URL; port "${parts[3]}" has no SPDX id, read as the unported license`, guess: true };
      }
      if (LICENSE_IDS.has(base)) return { expression: base, why: 'Creative Commons URL' };
    }
    return undefined;
  }
  const last = parts[parts.length - 1]?.replace(/\.(html?|php|txt|md)$/i, '');
  if ((host === 'spdx.org' || host === 'opensource.org' || host === 'choosealicense.com') && last) {
    const id = [...LICENSE_IDS].find((x) => x.toLowerCase() === last.toLowerCase());
    if (id) return { expression: id, why: `${host} URL` };
    if (host === 'opensource.org' && /^mit/i.test(last)) return { expression: 'MIT', why: 'opensource.org URL' };
    if (host === 'opensource.org' && /^bsd-3/i.test(last)) return { expression: 'BSD-3-Clause', why: 'opensource.org URL' };
    if (host === 'opensource.org' && /^bsd-2/i.test(last)) return { expression: 'BSD-2-Clause', why: 'opensource.org URL' };
    if (host === 'opensource.org' && /^apache-?2/i.test(last)) return { expression: 'Apache-2.0', why: 'opensource.org URL' };
  }
  if (host === 'apache.org' && last && /^license-2\.0/i.test(last)) return { expression: 'Apache-2.0', why: 'apache.org URL' };
  if (host === 'gnu.org' && last) {
    const m = /^(a?gpl|lgpl|fdl)-(\d\.\d)(\.en)?$/i.exec(last);
    if (m) {
      const fam = m[1]!.toUpperCase() === 'FDL' ? 'GFDL' : m[1]!.toUpperCase();
      // A bare GNU URL states the version but not "only" vs "or later": read as -only.
      const id = `${fam}-${m[2]}-only`;
      if (LICENSE_IDS.has(id)) return { expression: id, why: 'gnu.org URL names the version, not "or later"; read as -only', guess: true };
    }
  }
  return undefined;
}
