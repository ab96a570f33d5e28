import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { HttpSourceConfig } from '../../config/sourceSchema.js';
import { withoutUserinfo } from '../urlUserinfo.js';

export interface UrlList {
  /** URLs in the order given, first occurrence of each kept. */
  urls: string[];
  /** Lines that are not http(s) URLs, and repeats: rejected by the first partition that would hold them. */
  invalid: { line: string; reason: string }[];
  allowedHosts: string[];
}

/** Reads `urls` and `url_file` (one URL a line; blank lines and # comments skipped). */
export function loadUrlList(src: HttpSourceConfig, baseDir: string): UrlList {
  const raw: string[] = [...(src.urls ?? [])];
  if (src.url_file) {
    const file = isAbsolute(src.url_file) ? src.url_file : resolve(baseDir, src.url_file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`source "${src.id}": url_file not found: ${file}; check the source's url_file in the config`);
    }
    for (const l of text.split(/\r?\n/)) {
      const t = l.trim();
      if (t && !t.startsWith('#')) raw.push(t);
    }
  }
  const urls: string[] = [];
  const invalid: UrlList['invalid'] = [];
  const seen = new Set<string>();
  for (const u of raw) {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      invalid.push({ line: u.replace(/\/\/[^/@\s]*@/, '//'), reason: 'not a URL' });
      continue;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      invalid.push({ line: withoutUserinfo(u), reason: `unsupported scheme ${parsed.protocol}` });
      continue;
    }
    parsed.hash = '';
    // Credentials in a URL are never requested with, stored or archived.
    parsed.username = '';
    parsed.password = '';
    const norm = parsed.href;
    if (seen.has(norm)) {
      invalid.push({ line: withoutUserinfo(u), reason: 'listed twice' });
      continue;
    }
    seen.add(norm);
    urls.push(norm);
  }
  const allowedHosts = src.allowed_hosts ?? [...new Set(urls.map((u) => new URL(u).hostname))];
  return { urls, invalid, allowedHosts };
}

/** True when the host is listed, or matches a `*.example.org` entry (the apex included). */
export function hostAllowed(hostname: string, allowed: readonly string[]): boolean {
  const h = hostname.toLowerCase();
  return allowed.some((a) => {
    const p = a.toLowerCase();
    if (p.startsWith('*.')) return h === p.slice(2) || h.endsWith(p.slice(1));
    return h === p;
  });
}

export function urlPartitionId(index: number): string {
  return `urls-${String(index).padStart(5, '0')}`;
}
