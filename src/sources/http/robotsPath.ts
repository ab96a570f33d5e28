/**
 * The forms of a URL that robots.txt rules must be matched against (RFC 9309 §2.2.2: paths are
 * compared after percent-decoding what need not be encoded, and a server treats `//private` as
 * `/private`). `/%70rivate/secret`, `/priv%61te/x` and `//private/x` are all `/private/...`;
 * a URL is allowed only when every form is.
 */
export function robotsForms(url: string): string[] {
  const u = new URL(url);
  const decoded = u.pathname.replace(/%([0-9a-fA-F]{2})/g, (m, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    // Unreserved characters (RFC 3986) mean the same encoded or not; "/" and "%" stay encoded.
    return /[A-Za-z0-9\-._~!$&'()*+,;=:@]/.test(c) ? c : m.toUpperCase();
  });
  const collapsed = decoded.replace(/\/{2,}/g, '/');
  const forms = new Set([url]);
  for (const path of [decoded, collapsed]) {
    const v = new URL(u.href);
    v.pathname = path;
    forms.add(v.href);
  }
  return [...forms];
}
