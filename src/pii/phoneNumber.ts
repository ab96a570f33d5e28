import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * Phone validation by libphonenumber-js with its full ("max") metadata: the number must fit a
 * real numbering plan (country code, area code, length), not just look like digits.
 * `candidate` is the text as written; national formats are tried in each of `regions`.
 */
export function isValidPhone(candidate: string, regions: readonly string[]): boolean {
  if (candidate.startsWith('+')) return parsePhoneNumberFromString(candidate)?.isValid() === true;
  for (const r of regions) {
    if (parsePhoneNumberFromString(candidate, r as CountryCode)?.isValid() === true) return true;
  }
  return false;
}
