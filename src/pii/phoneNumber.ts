import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** Recent answers by candidate: a table of numbers repeats its shapes, and each parse costs ~15 µs. */
const cache = new Map<string, boolean>();
const CACHE_MAX = 4096;

/**
 * Phone validation by libphonenumber-js with its full ("max") metadata: the number must fit a
 * real numbering plan (country code, area code, length), not just look like digits.
 * `candidate` is the text as written; national formats are tried in each of `regions` that can
 * have them (a leading trunk '0' is not North American, a North American number has none).
 */
export function isValidPhone(candidate: string, regions: readonly string[]): boolean {
  const key = `${candidate}|${regions.join(',')}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const ok = validate(candidate, regions);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, ok);
  return ok;
}

function validate(candidate: string, regions: readonly string[]): boolean {
  if (candidate.startsWith('+')) return parsePhoneNumberFromString(candidate)?.isValid() === true;
  const firstDigit = /\d/.exec(candidate)?.[0];
  for (const r of regions) {
    const nanp = getCountryCallingCode(r as CountryCode) === '1';
    if (nanp === (firstDigit === '0')) continue;
    if (parsePhoneNumberFromString(candidate, r as CountryCode)?.isValid() === true) return true;
  }
  return false;
}
