/** A partition of an http source: URLs of one host, in list order. */
export interface HostChunk {
  host: string;
  urls: string[];
}

/**
 * The URL list cut into partitions that each hold one host's URLs: hosts in order of their first
 * URL in the list, each host's URLs (list order) in chunks of `size`. With every partition
 * belonging to one host, a whole host can be given to one task of a scaled-out ingest, so its
 * per-host rate limit holds for the job, not per process.
 */
export function hostChunks(urls: readonly string[], size: number): HostChunk[] {
  const byHost = new Map<string, string[]>();
  for (const u of urls) {
    const host = new URL(u).host.toLowerCase();
    let l = byHost.get(host);
    if (!l) byHost.set(host, (l = []));
    l.push(u);
  }
  const chunks: HostChunk[] = [];
  for (const [host, list] of byHost) {
    for (let i = 0; i < list.length; i += size) chunks.push({ host, urls: list.slice(i, i + size) });
  }
  return chunks;
}
