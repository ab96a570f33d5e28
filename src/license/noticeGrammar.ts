import { LICENSE_IDS } from './spdxIds.js';

/**
 * Reads a GNU license notice ("... under the terms of the GNU Lesser General Public License as
 * published by the Free Software Foundation; either version 2.1 of the License, or (at your
 * option) any later version") from normalised words. Notices of different GNU licenses and
 * versions differ in one or two words, too few for a similarity score, so they are parsed.
 */
export function readGnuNotice(words: string[]): string | undefined {
  const t = words.join(' ');
  if (!/redistribute (?:it|this \w+|them) and or modify|free software you can redistribute/.test(t)) return undefined;
  const fam = /terms (?:of )?(?:the )?(?:version \d(?:\.\d)? of )?(?:the )?gnu (lesser |library |affero )?general public license/.exec(t);
  if (!fam) return undefined;
  const family = fam[1] === 'affero ' ? 'AGPL' : fam[1] === 'lesser ' || fam[1] === 'library ' ? 'LGPL' : 'GPL';
  // The version and "or later" follow within the grant sentence.
  const windowText = t.slice(Math.max(0, fam.index - 40), fam.index + fam[0].length + 260);
  const ver = /version (\d(?:\.\d)?)\b/.exec(windowText) ?? /\bv(\d(?:\.\d)?)\b/.exec(windowText);
  if (!ver) return undefined;
  const version = ver[1]!.includes('.') ? ver[1]! : `${ver[1]}.0`;
  const later = /(?:or|and) (?:at your option )?(?:any )?later version|or later\b|any later version/.test(windowText.slice(ver.index));
  const id = `${family}-${version}-${later ? 'or-later' : 'only'}`;
  return LICENSE_IDS.has(id) ? id : undefined;
}

const OTHER_NOTICE_MAX_WORDS = 150;

/**
 * Apache and MPL notices in their many wordings ("Licensed under the Apache License 2.0 (the
 * "License"). You may not use this file except in compliance with the License"). Both licenses
 * tell users to apply them by such a notice, so a short file that is one is that license.
 */
export function readOtherNotice(words: string[]): string | undefined {
  // Only a file that is mostly the notice (a README's "License" section is not a LICENSE file).
  if (words.length > OTHER_NOTICE_MAX_WORDS) return undefined;
  const t = words.join(' ');
  if (/licensed under the apache license,? (?:version |v ?)?2(?:\.0)?\b/.test(t) && /except in compliance with the license/.test(t)) return 'Apache-2.0';
  if (/subject to the terms of the mozilla public license,? v(?:ersion)? ?2\.0/.test(t)) return 'MPL-2.0';
  return undefined;
}
