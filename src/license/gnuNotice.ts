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
