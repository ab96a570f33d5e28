/**
 * Corrections normalizeLicense may apply to a declared license without changing what it says:
 * letter case and SPDX's own deprecated-id replacements. Anything else (a spelling, an alias, a
 * guess, a name or URL mapped to an id) is a reading of the declaration, which a config must not
 * leave to the tool.
 */
const MECHANICAL = /\((?:case|exception id case|deprecated id|or later)\)$/;

/** The first correction that is not mechanical, or undefined. */
export function refusedCorrection(corrections: string[]): string | undefined {
  return corrections.find((c) => !MECHANICAL.test(c));
}
