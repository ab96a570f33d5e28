/**
 * Number shapes that are not personal data although they are digits with separators: dates,
 * ISBNs, version strings and numeric ranges. Pure predicates over a parsed digit chunk.
 */

/** Digit groups of a chunk and the separator text before each group (empty for the first). */
export interface DigitGroups {
  groups: string[];
  seps: string[];
}

/** 2024-03-15, 15/03/2024, 15.03.2024, 3/15/24, 2024/3/15. */
export function looksLikeDate({ groups, seps }: DigitGroups): boolean {
  if (groups.length !== 3) return false;
  const sep = seps[1]!;
  if (sep !== seps[2] || (sep !== '-' && sep !== '/' && sep !== '.')) return false;
  const [a, b, c] = groups.map((g) => g.length) as [number, number, number];
  if (a === 4 && b <= 2 && c <= 2) return Number(groups[1]) <= 12 && Number(groups[2]) <= 31;
  if (a <= 2 && b <= 2 && (c === 4 || c === 2)) return Number(groups[0]) <= 31 && Number(groups[1]) <= 31;
  return false;
}

/** ISBN-10 or ISBN-13 by checksum (with or without hyphens), e.g. 978-3-16-148410-0. */
export function isIsbn(digits: string, lastIsX = false): boolean {
  if (digits.length === 13 && (digits.startsWith('978') || digits.startsWith('979'))) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
    return sum % 10 === 0;
  }
  if (digits.length === 10 || (digits.length === 9 && lastIsX)) {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
    if (lastIsX) sum += 10;
    return sum % 11 === 0;
  }
  return false;
}

/** A range or ratio: two numbers joined by a dash, en dash or slash ("1990-2000", "pages 120–135"). */
export function looksLikeRange({ groups, seps }: DigitGroups): boolean {
  return groups.length === 2 && /^\s?[-\u2013\u2014/]\s?$/.test(seps[1]!);
}

/** Words that, just before a number, say it is a version, a standard or a reference rather than a contact. */
const NOT_CONTACT_CONTEXT = /(?:version|release|\bv|\bver\.?|isbn(?:-1[03])?:?|issn|doi:?|\bno\.|patent|rfc|iso|arxiv:?|build)\s*$/i;

export function notContactContext(before: string): boolean {
  return NOT_CONTACT_CONTEXT.test(before);
}
