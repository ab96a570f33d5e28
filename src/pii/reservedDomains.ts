/**
 * Domains reserved for documentation and testing (RFC 2606, RFC 6761): an address there belongs
 * to nobody, so it stays in the text.
 */
const RESERVED_SECOND_LEVEL = new Set(['example.com', 'example.org', 'example.net', 'example.edu']);
const RESERVED_TLDS = new Set(['example', 'test', 'invalid', 'localhost', 'local']);

/** `domain` in lower case. */
export function isReservedDomain(domain: string): boolean {
  if (domain === 'localhost') return true;
  const lastDot = domain.lastIndexOf('.');
  if (lastDot < 0) return false;
  if (RESERVED_TLDS.has(domain.slice(lastDot + 1))) return true;
  const prev = domain.lastIndexOf('.', lastDot - 1);
  return RESERVED_SECOND_LEVEL.has(domain.slice(prev + 1));
}
