/**
 * `http://user:secret@host/` carries credentials: they are dropped before a URL is stored
 * anywhere (the shards' url column, rejects, the WARC archive) or requested. A value that is not
 * a URL is returned as it is.
 */
export function withoutUserinfo(url: string): string {
  if (!url.includes('@')) return url;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (!u.username && !u.password) return url;
  u.username = '';
  u.password = '';
  return u.href;
}
