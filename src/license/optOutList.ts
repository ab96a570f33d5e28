import { createHash } from 'node:crypto';
import { ConfigError } from '../config/configError.js';

/**
 * Opt-out and takedown lists. One rule per line: a URL prefix (`https://example.org/blog/`),
 * `domain:example.org` (the host and its subdomains), `id:<document id>` or `sha256:<hex>` of a
 * document's extracted text (UTF-8). Blank lines and `#` comments are ignored. Pure.
 */
export type OptOutRule =
  | { kind: 'prefix'; value: string; line: number }
  | { kind: 'domain'; value: string; line: number }
  | { kind: 'id'; value: string; line: number }
  | { kind: 'sha256'; value: string; line: number };

export interface OptOutList {
  /** The list file as named in the config (or on the command line). */
  file: string;
  sha256: string;
  rules: OptOutRule[];
}

export interface OptOutHit {
  list: string;
  rule: OptOutRule;
}

/** What a document offers for matching: its id, its URL and (after extraction) its text. */
export interface OptOutSubject {
  id: string;
  url: string;
  text?: string;
}

/** Parses a list; a line that is none of the four forms is a ConfigError naming file:line. */
export function parseOptOutList(file: string, content: string | Uint8Array): OptOutList {
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  const rules: OptOutRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const t = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!t) return;
    const m = /^(domain|id|sha256):\s*(\S+)$/i.exec(t);
    if (m) {
      const kind = m[1]!.toLowerCase() as 'domain' | 'id' | 'sha256';
      let value = m[2]!;
      if (kind === 'domain') value = value.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
      if (kind === 'sha256') {
        value = value.toLowerCase();
        if (!/^[0-9a-f]{64}$/.test(value)) throw new ConfigError(`${file}:${line} optout: expected sha256:<64 hex digits> of a document's extracted text, got ${JSON.stringify(t.slice(0, 80))}`);
      }
      rules.push({ kind, value, line });
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(t)) {
      rules.push({ kind: 'prefix', value: t, line });
      return;
    }
    throw new ConfigError(`${file}:${line} optout: expected a URL prefix (https://…), domain:<host>, id:<document id> or sha256:<hex>, got ${JSON.stringify(t.slice(0, 80))}`);
  });
  return { file, sha256: createHash('sha256').update(typeof content === 'string' ? Buffer.from(content) : content).digest('hex'), rules };
}

/** The sha256 an opt-out `sha256:` line names for a text. */
export function textSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Matches documents against several lists; the first matching rule (list order, then line) wins. */
export class OptOutMatcher {
  private readonly ids = new Map<string, OptOutHit>();
  private readonly hashes = new Map<string, OptOutHit>();
  private readonly domains = new Map<string, OptOutHit>();
  private readonly prefixes: OptOutHit[] = [];

  constructor(readonly lists: OptOutList[]) {
    for (const l of lists) {
      for (const rule of l.rules) {
        const hit = { list: l.file, rule };
        const map = rule.kind === 'id' ? this.ids : rule.kind === 'sha256' ? this.hashes : rule.kind === 'domain' ? this.domains : undefined;
        if (map) {
          if (!map.has(rule.value)) map.set(rule.value, hit);
        } else this.prefixes.push(hit);
      }
    }
  }

  get empty(): boolean {
    return this.ids.size + this.hashes.size + this.domains.size + this.prefixes.length === 0;
  }

  match(d: OptOutSubject): OptOutHit | undefined {
    const byId = this.ids.get(d.id) ?? this.ids.get(d.id.replace(/#\d+$/, ''));
    if (byId) return byId;
    if (this.domains.size && d.url) {
      let host = hostOf(d.url);
      while (host) {
        const h = this.domains.get(host);
        if (h) return h;
        const dot = host.indexOf('.');
        host = dot < 0 ? '' : host.slice(dot + 1);
      }
    }
    for (const p of this.prefixes) if (d.url.startsWith(p.rule.value)) return p;
    if (d.text !== undefined && this.hashes.size) return this.hashes.get(textSha256(d.text));
    return undefined;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** The reject detail of an opt-out match; `optOutListOf` reads the list back for per-list counts. */
export function optOutDetail(hit: OptOutHit): string {
  const r = hit.rule;
  return `listed in ${hit.list} line ${r.line}: ${r.kind === 'prefix' ? r.value : `${r.kind}:${r.value}`}`;
}

export function optOutListOf(detail: string): string | undefined {
  return /^listed in (.+) line \d+: /.exec(detail)?.[1];
}
