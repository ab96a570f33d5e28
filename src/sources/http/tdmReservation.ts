import { headerValue, type HeaderList } from './fetchOnce.js';

/**
 * W3C TDM Reservation Protocol (TDMRep, 2024): a publisher reserves text-and-data-mining rights
 * (EU DSM Directive art. 4) with a `tdm-reservation: 1` response header, a
 * `<meta name="tdm-reservation" content="1">` in the page, or a rule of the host's
 * `/.well-known/tdmrep.json`. `noai`/`noimageai` robots values (meta or X-Robots-Tag) are read too
 * when the source asks. Pure.
 */

/** One rule of tdmrep.json: a path pattern (`*` wildcard, optional trailing `$`) and its reservation. */
export interface TdmRule {
  location: string;
  reservation: boolean;
  policy?: string;
}

/** Parses tdmrep.json; a file that is not a JSON array of rules gives no rules (and the caller says so). */
export function parseTdmRep(text: string): TdmRule[] | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(data)) return undefined;
  const rules: TdmRule[] = [];
  for (const r of data) {
    if (!r || typeof r !== 'object' || typeof (r as { location?: unknown }).location !== 'string') continue;
    const o = r as Record<string, unknown>;
    const v = o['tdm-reservation'];
    rules.push({ location: o.location as string, reservation: v === 1 || v === '1' || v === true, ...(typeof o['tdm-policy'] === 'string' ? { policy: o['tdm-policy'] } : {}) });
  }
  return rules;
}

/** The first rule whose location matches the URL's path (and query). */
export function matchTdmRule(rules: TdmRule[], url: string): TdmRule | undefined {
  const u = new URL(url);
  const path = `${u.pathname}${u.search}`;
  for (const r of rules) {
    let loc = r.location.trim();
    try {
      if (/^https?:\/\//i.test(loc)) loc = new URL(loc).pathname; // an absolute location on this host
    } catch {
      continue;
    }
    const anchored = loc.endsWith('$');
    const body = (anchored ? loc.slice(0, -1) : loc).split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    if (new RegExp(`^${body}${anchored ? '$' : ''}`).test(path)) return r;
  }
  return undefined;
}

const META_SCAN_BYTES = 256 * 1024;

/** `<meta name="X" content="...">` values in the head of a page (attribute order and quotes free). */
function metaContents(html: string, name: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const n = /\bname\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (!n || n.toLowerCase() !== name) continue;
    const c = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    if (c) out.push((c[1] ?? c[2] ?? c[3] ?? '').trim());
  }
  return out;
}

/** Why a fetched response reserves TDM rights, or undefined. */
export function responseReservation(headers: HeaderList, body: Buffer, opts: { noai: boolean }): string | undefined {
  const header = headerValue(headers, 'tdm-reservation');
  if (header !== undefined && header.split(',').some((v) => v.trim() === '1')) return `response header tdm-reservation: ${header}`;
  const type = headerValue(headers, 'content-type') ?? '';
  const isHtml = /html/i.test(type) || /^\s*</.test(body.subarray(0, 64).toString('latin1'));
  const head = isHtml ? body.subarray(0, META_SCAN_BYTES).toString('latin1') : '';
  if (head) {
    const meta = metaContents(head, 'tdm-reservation');
    if (meta.some((v) => v === '1')) return '<meta name="tdm-reservation" content="1">';
  }
  if (opts.noai) {
    const xrt = headerValue(headers, 'x-robots-tag');
    if (xrt && /\bno(?:image)?ai\b/i.test(xrt)) return `X-Robots-Tag: ${xrt}`;
    for (const name of ['robots']) {
      const v = head ? metaContents(head, name).find((c) => /\bno(?:image)?ai\b/i.test(c)) : undefined;
      if (v !== undefined) return `<meta name="robots" content="${v}">`;
    }
  }
  return undefined;
}
