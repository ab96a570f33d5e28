/**
 * The one rule for a per-record license value (license_field): missing, null, false, "" and
 * whitespace-only are empty — the record then falls back to the source's declared license, or is
 * `license.missing` without one. A string is trimmed, a number printed; any other value (true, a
 * list, an object) becomes a placeholder naming its type and holding no license id, so it fails
 * closed (`license.unknown`) rather than falling back — and rather than letting a lenient parser
 * find "MIT" inside `["MIT", "GPL-3.0"]`.
 */
export function recordLicenseValue(v: unknown): string | null {
  if (v === undefined || v === null || v === false) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return `<${Array.isArray(v) ? 'list' : typeof v} value>`;
}

/** True when a record carries no license of its own (see recordLicenseValue). */
export function isEmptyRecordLicense(v: string | null | undefined): boolean {
  return v === undefined || v === null || v.trim() === '';
}
