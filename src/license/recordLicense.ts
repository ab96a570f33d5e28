/**
 * The one rule for a per-record license value (license_field): missing, null, false, "" and
 * whitespace-only are empty — the record then falls back to the source's declared license, or is
 * `license.missing` without one. A string is trimmed; any other non-empty value (true, a number,
 * a list, an object) is kept as its JSON text, which no policy parses: it fails closed
 * (`license.unparsable`) rather than falling back.
 */
export function recordLicenseValue(v: unknown): string | null {
  if (v === undefined || v === null || v === false) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v) ?? null;
}

/** True when a record carries no license of its own (see recordLicenseValue). */
export function isEmptyRecordLicense(v: string | null | undefined): boolean {
  return v === undefined || v === null || v.trim() === '';
}
