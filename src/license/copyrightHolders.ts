/**
 * Copyright statements in license files, NOTICE files, DEP-5 `Copyright:` fields and file headers:
 * "Copyright (c) 2015-2023 Jane Doe <jane@x.org>", "© 2001 PSF", "Copyright 1911 by Boni, Inc.",
 * a quoted notice inside a license ("i.e., "Copyright (c) 2001, 2002 Python Software Foundation;
 * All Rights Reserved""). Pure; measured in docs/licenses.md.
 */
export interface CopyrightStatement {
  /** Who holds the copyright, normalised (whitespace collapsed, email/URL/"All rights reserved" dropped). */
  holder: string;
  /** Years, sorted and compacted ("2001-2014, 2019"), empty when none is stated. */
  years: string;
  /** The statement as found (one line, whitespace collapsed). */
  statement: string;
}

const MARK = /(?:\bcopyright\b|©|\(c\))/i;
// Words after "copyright" that make it prose about copyright, not a statement of one.
const PROSE_AFTER = /^(?:[.,)'"”]|(?:notices?|holders?|owners?|law|laws|and|or|on|to|in|is|has|was|of|for|protection|statement|license|licence|interest|infringement|permission|the\s+above|expired|applies|that|this|as|under|information|assignment|disclaimer|act|status|policy|claim|rights?\b(?!\s+reserved))\b)/i;
const PLACEHOLDER = /[<[{]\s*(?:year|yyyy|copyright|name|owner|author|fullname|holder)|\$\{|\{\{|\bYEAR\b|\byyyy\b|\[name\b|\bname of (?:copyright )?(?:owner|author)/i;
const BAD_HOLDER = /^(?:expired|notice|holders?|owners?|law|statement|the above|the copyright|the authors? or|and\b|of\b|is\b|by\b|for\b|permission)|\b(?:public domain|is in the|has expired|are retained|shall be included)\b/i;

/** Copyright statements of a text; each distinct (holder, years) once, in order of appearance. */
export function extractCopyrights(text: string, opts: { maxChars?: number } = {}): CopyrightStatement[] {
  const src = text.length > (opts.maxChars ?? 400_000) ? text.slice(0, opts.maxChars ?? 400_000) : text;
  const lines = src.split(/\r?\n/);
  const out: CopyrightStatement[] = [];
  const seen = new Set<string>();
  const push = (s: CopyrightStatement | undefined) => {
    if (!s) return;
    const key = `${holderKey(s.holder)}|${s.years}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(s);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = stripCommentMarks(lines[i]!);
    // DEP-5: "Copyright: 2011-2017 Astropy Developers," then indented continuation lines, one holder each.
    const dep5 = /^Copyright:\s*(.*)$/.exec(lines[i]!);
    if (dep5) {
      // The field name is the copyright mark: "Copyright: Alexander Monakov, ISP RAS" needs no year.
      const first = parseStatement(dep5[1]!, `Copyright: ${dep5[1]!.trim()}`, true);
      push(first);
      // After a value that is not a holder ("PD; Originally written by …"), its continuation needs a mark or a year too.
      const listed = first !== undefined || dep5[1]!.trim() === '';
      for (let j = i + 1; j < lines.length && /^[ \t]+\S/.test(lines[j]!) && !/^[ \t]+\.$/.test(lines[j]!); j++) push(parseStatement(lines[j]!.trim(), lines[j]!.trim(), listed));
      continue;
    }
    let from = 0;
    for (;;) {
      const m = MARK.exec(line.slice(from));
      if (!m) break;
      const at = from + m.index;
      from = at + m[0].length;
      let rest = line.slice(at);
      // A statement cut by the line end ("Copyright (c) 2001,\n2002 ... Foundation;") continues on the next lines.
      for (let j = 1; j <= 3 && i + j < lines.length && needsMore(rest, stripCommentMarks(lines[i + j]!)); j++) rest = `${rest} ${stripCommentMarks(lines[i + j]!)}`;
      const quoted = at > 0 && /["“]\s*$/.test(line.slice(0, at));
      if (quoted) rest = rest.split(/["”]/)[0]!;
      const s = parseStatement(rest, rest);
      if (s) {
        push(s);
        break; // one statement per line start
      }
    }
  }
  return out;
}

/** Holders named in an AUTHORS/CONTRIBUTORS file: one per line, emails and URLs dropped. */
export function extractAuthors(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/\r?\n/).slice(0, 5000)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line || line.length > 120 || /^[-=*_]{3,}$/.test(line) || /:\s*$/.test(line)) continue;
    const name = cleanHolder(line.replace(/^[-*•]\s+/, ''));
    if (!name || !/\p{L}{2}/u.test(name) || name.split(/\s+/).length > 8) continue;
    const k = holderKey(name);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(name);
    }
  }
  return out;
}

/** Key that identifies a holder across spellings: case, punctuation and spacing ignored. */
export function holderKey(holder: string): string {
  return holder.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function stripCommentMarks(line: string): string {
  return line.replace(/^\s*(?:\/\/+|\/\*+|\*+\/?|#+|--+|;+|%+|!|'|"""|<!--)\s?/, '').replace(/\s*(?:\*\/|-->)\s*$/, '').trim();
}

function needsMore(rest: string, next: string): boolean {
  const body = rest.replace(/^.*?(?:copyright|©|\(c\))\s*(?:\(c\)|©)?\s*/i, '');
  if (/all rights reserved|;/i.test(body)) return false;
  if (/,\s*$/.test(body) || /^[\d\s,–-]*$/.test(body)) return true;
  // A name wrapped before its end: "Copyright (C) 1999-2012, International Business Machines\n
  // Corporation and others.  All Rights Reserved."
  return !MARK.test(next) && /^\p{Lu}[^.;:]{0,60}[.\s]*all rights reserved/iu.test(next);
}

function parseStatement(raw: string, statement: string, fieldMarked = false): CopyrightStatement | undefined {
  let s = raw.replace(/\s+/g, ' ').trim();
  if (PLACEHOLDER.test(s)) return undefined;
  // Markers first: "Copyright (c)", "Copyright ©", "(C)", "©", "Copyright:".
  let marked = fieldMarked;
  for (;;) {
    const m = /^(?:copyright\b\s*:?|©|\(c\)|\bby\b)\s*/i.exec(s);
    if (!m) break;
    if (/^copyright/i.test(m[0])) {
      const after = s.slice(m[0].length);
      if (PROSE_AFTER.test(after) && !/^(?:\(c\)|©|\d)/i.test(after)) return undefined;
    }
    marked = true;
    s = s.slice(m[0].length);
  }
  if (!marked && !/^\d{4}/.test(s)) return undefined;
  // A bare "(c)" is also a list marker ("(c) Prohibiting misrepresentation"): only with a year it is a notice.
  if (!fieldMarked && /^\(c\)/i.test(raw.trim()) && !/^\(c\)\s*\d{4}/i.test(raw.trim())) return undefined;
  const years: number[] = [];
  let open: number | undefined;
  const yearRun = /^(?:(\d{4})(?:\s*[-–]\s*(\d{2,4}|present|now)|\s+and\s+later\b:?)?[\s,]*)+/i.exec(s);
  if (yearRun) {
    open = collectYears(yearRun[0], years);
    s = s.slice(yearRun[0].length);
    s = s.replace(/^(?:by\b|,)\s*/i, '');
  }
  // A DEP-5 value without a year may be prose or a public-domain note ("GNU Make is free software; you can …", "PD; Originally written by …").
  if (fieldMarked && !years.length && /^PD\b|public domain|\b(?:is|are|may|you|shall|under|terms|see|written|licen[cs]ed?)\b/i.test(s)) return undefined;
  let holder = cleanHolder(s);
  // Trailing years: "Jane Doe 2019".
  const trail = /[\s,]+((?:\d{4}(?:\s*[-–]\s*\d{2,4})?[\s,]*)+)$/.exec(holder);
  if (trail) {
    open = collectYears(trail[1]!, years) ?? open;
    holder = holder.slice(0, trail.index).trim();
  }
  if (!holder || BAD_HOLDER.test(holder) || !/\p{L}/u.test(holder) || holder.length > 160) return undefined;
  // A lower-case start is prose ("copyright is ..."), unless a year or a © mark made it a notice ("© 2021 pino").
  if (/^[a-z]/.test(holder) && !/^(?:the|de|van|von)\b/.test(holder) && !(years.length && /^(?:copyright\b\s*)?(?:©|\(c\)|\d)/i.test(raw.trim()))) return undefined;
  if (fieldMarked && !years.length && holder.split(/\s+/).length > 8) return undefined;
  return { holder, years: formatYears(years, open), statement: statement.replace(/\s+/g, ' ').trim().slice(0, 300) };
}

function cleanHolder(s: string): string {
  let h = s
    .replace(/\s*all rights reserved\.?.*$/i, '')
    .replace(/;.*$/, '')
    .replace(/<[^>]*@[^>]*>?|<https?:[^>]*>|\(\s*https?:[^)]*\)|\(\s*(?:www\.)?[\w-]+(?:\.[\w-]+)+\/?\s*\)|\bhttps?:\/\/\S+|\S+@\S+\.\w+/gi, '')
    .replace(/\(\s*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  h = h.replace(/^[,.:;\s-]+/, '').replace(/[,;:\s-]+$/, '');
  // A final dot belongs to an abbreviation ("Inc.") but not to a sentence.
  if (/\.$/.test(h) && !/\b(?:Inc|Ltd|Co|Corp|Jr|Sr|S\.A|B\.V|GmbH|L\.L\.C|e\.V)\.$/i.test(h)) h = h.slice(0, -1).trim();
  return h;
}

/** Adds the years of a run ("2001, 2003-05"); returns the start of an open range ("2016-present", "2016 and later"). */
function collectYears(run: string, years: number[]): number | undefined {
  let open: number | undefined;
  for (const m of run.matchAll(/(\d{4})(?:\s*[-–]\s*(\d{2,4}|present|now)|\s+(and\s+later))?/gi)) {
    const a = Number(m[1]);
    if (a < 1600 || a > 2200) continue;
    if (m[3] || (m[2] && !/^\d+$/.test(m[2]))) {
      open = Math.min(open ?? a, a);
      continue;
    }
    let b = a;
    if (m[2] && /^\d+$/.test(m[2])) b = m[2].length === 2 ? Math.floor(a / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (b < a || b - a > 200) b = a;
    for (let y = a; y <= b; y++) years.push(y);
  }
  return open;
}

/** 2001, 2002, 2003, 2005 → "2001-2003, 2005"; with an open range from 2016: "…, 2016-present". */
export function formatYears(years: number[], openFrom?: number): string {
  const ys = [...new Set(years)].filter((y) => openFrom === undefined || y < openFrom).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < ys.length; ) {
    let j = i;
    while (j + 1 < ys.length && ys[j + 1] === ys[j]! + 1) j++;
    parts.push(j > i ? `${ys[i]}-${ys[j]}` : String(ys[i]));
    i = j + 1;
  }
  if (openFrom !== undefined) parts.push(`${openFrom}-present`);
  return parts.join(', ');
}
