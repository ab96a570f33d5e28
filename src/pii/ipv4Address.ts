/**
 * IPv4 addresses that point at someone: everything except the special-purpose ranges of
 * RFC 6890 (private, loopback, link-local, shared CGNAT, documentation, benchmarking, multicast,
 * reserved), which identify no one.
 */
const NOT_PUBLIC: [number, number][] = [
  [0x00000000, 8], // 0.0.0.0/8 "this network"
  [0x0a000000, 8], // 10/8 private
  [0x64400000, 10], // 100.64/10 shared address space (CGNAT)
  [0x7f000000, 8], // 127/8 loopback
  [0xa9fe0000, 16], // 169.254/16 link-local
  [0xac100000, 12], // 172.16/12 private
  [0xc0000000, 24], // 192.0.0/24 IETF protocol assignments
  [0xc0000200, 24], // 192.0.2/24 TEST-NET-1
  [0xc0a80000, 16], // 192.168/16 private
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xc6336400, 24], // 198.51.100/24 TEST-NET-2
  [0xcb007100, 24], // 203.0.113/24 TEST-NET-3
  [0xe0000000, 4], // 224/4 multicast
  [0xf0000000, 4], // 240/4 reserved, broadcast, netmasks
];

export function isPublicIpv4(addr: number): boolean {
  for (const [net, bits] of NOT_PUBLIC) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if (((addr & mask) >>> 0) === net) return false;
  }
  return true;
}

/** The four octets as a 32-bit number, or -1 when `parts` is not a dotted quad (each 0..255, no leading zeros beyond one digit). */
export function ipv4Value(parts: string[]): number {
  if (parts.length !== 4) return -1;
  let v = 0;
  for (const p of parts) {
    if (p.length === 0 || p.length > 3 || (p.length > 1 && p[0] === '0')) return -1;
    const n = Number(p);
    if (!(n >= 0 && n <= 255)) return -1;
    v = v * 256 + n;
  }
  return v;
}
