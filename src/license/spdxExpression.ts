import { createRequire } from 'node:module';
import { detectLicense } from './detectLicenseText.js';
import { implausibleGuess } from './guessPlausibility.js';
import { AMBIGUOUS, NO_VALUE, aliasKey, licenseFromCcName, licenseFromFullName, licenseFromUrl, lookupAlias, type AliasMapping } from './licenseAliases.js';
import { combine, formatLicenseNode, parseCanonical, replaceDeprecated as replaceDeprecatedIn, spdxParse, type LicenseNode, type SpdxInfo } from './spdxTree.js';
import {
  DEPRECATED_IDS,
  PUBLIC_DOMAIN_REF,
  LICENSE_IDS,
  SPECIAL_VALUES,
  canonicalExceptionCase,
  canonicalIdCase,
  isLicenseRef,
} from './spdxIds.js';

const require = createRequire(import.meta.url);
const spdxCorrectRaw: (s: string, o?: { upgrade: boolean }) => string | null = require('spdx-correct');
/** spdx-correct throws on some inputs (empty strings); a throw means "no suggestion". */
function spdxCorrect(s: string): string | null {
  try {
    return spdxCorrectRaw(s);
  } catch {
    return null;
  }
}

export { formatLicenseNode, type LicenseNode } from './spdxTree.js';

export type LicenseFailureReason = 'license.missing' | 'license.unparsable' | 'license.unknown';

export type NormalizedLicense =
  | {
      ok: true;
      /** Canonical SPDX expression (ids in SPDX case, deprecated ids replaced, AND/OR upper case). */
      expression: string;
      /** Evidence for legal: each change from the raw value, e.g. `GPL-2.0 -> GPL-2.0-only (deprecated id)`. */
      corrections: string[];
      /** True when a correction had to guess (a version or clause count the raw value did not state). */
      guessed: boolean;
      tree: LicenseNode;
    }
  | { ok: false; reason: LicenseFailureReason; detail: string };

/** A value longer than this many words is treated as a license text, not an expression. */
const LICENSE_TEXT_MIN_WORDS = 40;

class NormalizeFailure extends Error {
  constructor(
    readonly reason: LicenseFailureReason,
    detail: string,
  ) {
    super(detail);
  }
}

interface Ctx {
  corrections: string[];
  guessed: boolean;
}

/**
 * Turns a declared license value (an SPDX expression, a common spelling such as "Apache 2",
 * a Creative Commons URL) into a canonical SPDX expression, recording every correction.
 * Fails closed: a value it cannot map is `license.unknown`, a broken expression
 * `license.unparsable`, an empty one `license.missing`. Pure and synchronous.
 */
export function normalizeLicense(raw: string | null | undefined): NormalizedLicense {
  // Pure, and called per document: remember recent values (spdx-correct is the slow part).
  if (typeof raw !== 'string' || raw.length > 500) return normalizeUncached(raw);
  let r = normalizeCache.get(raw);
  if (!r) {
    r = normalizeUncached(raw);
    if (normalizeCache.size >= 10_000) normalizeCache.clear();
    normalizeCache.set(raw, r);
  }
  return r.ok ? { ...r, corrections: [...r.corrections] } : { ...r };
}

const normalizeCache = new Map<string, NormalizedLicense>();

/** normalizeLicense without the memo (benchmarks measure the real cost with it). */
export function normalizeUncached(raw: string | null | undefined): NormalizedLicense {
  if (raw === null || raw === undefined || typeof raw !== 'string' || raw.trim() === '') {
    return { ok: false, reason: 'license.missing', detail: 'no license declared; declare an SPDX expression for the source or record' };
  }
  const ctx: Ctx = { corrections: [], guessed: false };
  try {
    const tree = normalizeTree(raw, ctx);
    const expression = formatLicenseNode(tree);
    return { ok: true, expression, corrections: ctx.corrections, guessed: ctx.guessed, tree };
  } catch (e) {
    if (e instanceof NormalizeFailure) return { ok: false, reason: e.reason, detail: e.message };
    throw e;
  }
}

function normalizeTree(raw: string, ctx: Ctx): LicenseNode {
  const s = raw.trim().replace(/^["'](.*)["']$/s, '$1').trim();
  if (NO_VALUE.has(s.toLowerCase())) {
    throw new NormalizeFailure('license.missing', `"${s}" gives no license; declare an SPDX expression for the source or record`);
  }
  // "Attribution 4.0 International (CC BY 4.0)", "ISC License (ISCL)": a name and its short form.
  const paren = /^([^()]+?)\s*\(([^()]+)\)$/.exec(s);
  if (paren && !/\s(and|or|with)\s/i.test(` ${s} `)) {
    const attempt = (x: string): NormalizedLicense => normalizeUncached(x);
    const a = attempt(paren[1]!);
    const b = attempt(paren[2]!);
    // "Public Domain (CC0)": the specific dedication names how it is public domain.
    const specific = (x: NormalizedLicense, y: NormalizedLicense) => x.ok && y.ok && x.expression === PUBLIC_DOMAIN_REF && ['CC0-1.0', 'CC-PDM-1.0', 'Unlicense', 'PDDL-1.0'].includes(y.expression);
    if (specific(a, b) || specific(b, a)) {
      const pd = (specific(a, b) ? b : a) as Extract<NormalizedLicense, { ok: true }>;
      ctx.corrections.push(`${s} -> ${pd.expression} (public domain by that dedication)`);
      return pd.tree;
    }
    if (a.ok && b.ok && a.expression !== b.expression) {
      throw new NormalizeFailure('license.unparsable', `"${s}" names ${a.expression} and ${b.expression}; write the SPDX expression`);
    }
    const pick = a.ok && !a.guessed ? a : b.ok && !b.guessed ? b : a.ok ? a : b.ok ? b : undefined;
    if (pick?.ok) {
      ctx.corrections.push(`${s} -> ${pick.expression} (name with its short form${pick.guessed ? '; guess' : ''})`);
      if (pick.guessed) ctx.guessed = true;
      return pick.tree;
    }
  }
  if (/^see licen[cs]e in /i.test(s)) {
    throw new NormalizeFailure('license.unknown', `"${s}" points at a file; detect its license with \`curate license detect <file>\``);
  }
  // Some datasets put the whole license text in the license field: identify the text.
  if (s.split(/\s+/).length > LICENSE_TEXT_MIN_WORDS) {
    const d = detectLicense(s);
    if (d.license === 'unknown') {
      throw new NormalizeFailure('license.unknown', `the value is a ${s.split(/\s+/).length}-word text that matches no SPDX license text (closest: ${d.runnerUp?.license ?? 'none'} ${d.score}); declare the SPDX id`);
    }
    ctx.corrections.push(`license text (${s.split(/\s+/).length} words) -> ${d.license} (detected from the text, score ${d.score})`);
    return parseCanonical(d.license);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    const mapped = licenseFromUrl(s);
    if (!mapped) throw new NormalizeFailure('license.unknown', `URL "${s}" is not a license URL this tool knows; declare the SPDX id instead`);
    return fromMapping(s, mapped, ctx);
  }
  // Well-formed SPDX expressions take the strict parser (the common case).
  let strict: SpdxInfo | undefined;
  try {
    strict = spdxParse(s);
  } catch {
    strict = undefined;
  }
  if (strict) return fixStrict(strict, ctx);
  return parseLenient(s, ctx);
}

function replaceDeprecated(node: LicenseNode & { kind: 'license' }, ctx: Ctx): LicenseNode {
  return replaceDeprecatedIn(node, ctx.corrections);
}

function fixStrict(info: SpdxInfo, ctx: Ctx): LicenseNode {
  if ('conjunction' in info) {
    return combine(info.conjunction, [fixStrict(info.left, ctx), fixStrict(info.right, ctx)]);
  }
  let node: LicenseNode = { kind: 'license', id: info.license, plus: info.plus === true, exception: info.exception };
  node = replaceDeprecated(node, ctx);
  return node;
}


// ---- lenient parsing: common spellings, lower case, "or later", "/" between ids ----

type Token = { t: 'op'; v: 'and' | 'or' | 'with' } | { t: '(' } | { t: ')' } | { t: 'leaf'; v: string };

function tokenize(s: string): Token[] {
  let text = s
    .replace(/\s*,?\s+or\s+(\(at your option\)\s+)?(any\s+)?later(\s+version)?/gi, '+')
    .replace(/\s+(?:and|or)\s+(?:any\s+)?later\b/gi, '+');
  // "MIT/Apache-2.0" (old Cargo style) means OR; not inside URLs.
  if (!text.includes('://')) text = text.replace(/\s*\/\s*/g, ' OR ');
  const out: Token[] = [];
  let phrase: string[] = [];
  const flush = () => {
    if (phrase.length) out.push({ t: 'leaf', v: phrase.join(' ') });
    phrase = [];
  };
  for (const m of text.matchAll(/\(|\)|[^\s()]+/g)) {
    const w = m[0];
    if (w === '(' || w === ')') {
      flush();
      out.push({ t: w });
    } else if (/^(and|or|with)$/i.test(w)) {
      flush();
      out.push({ t: 'op', v: w.toLowerCase() as 'and' | 'or' | 'with' });
    } else phrase.push(w);
  }
  flush();
  return out;
}

function parseLenient(s: string, ctx: Ctx): LicenseNode {
  const tokens = tokenize(s);
  let pos = 0;
  const fail = (what: string): never => {
    throw new NormalizeFailure('license.unparsable', `cannot parse license expression "${s}": ${what}; write it as SPDX, e.g. "MIT OR Apache-2.0"`);
  };
  const parseOr = (): LicenseNode => {
    const parts = [parseAnd()];
    while (tokens[pos]?.t === 'op' && (tokens[pos] as { v: string }).v === 'or') {
      pos++;
      parts.push(parseAnd());
    }
    return parts.length === 1 ? parts[0]! : combine('or', parts);
  };
  const parseAnd = (): LicenseNode => {
    const parts = [parseWith()];
    while (tokens[pos]?.t === 'op' && (tokens[pos] as { v: string }).v === 'and') {
      pos++;
      parts.push(parseWith());
    }
    return parts.length === 1 ? parts[0]! : combine('and', parts);
  };
  const parseWith = (): LicenseNode => {
    const atom = parseAtom();
    const tok = tokens[pos];
    if (tok?.t === 'op' && tok.v === 'with') {
      pos++;
      const exc = tokens[pos];
      if (exc?.t !== 'leaf') return fail('expected an exception id after WITH');
      pos++;
      if (atom.kind !== 'license' || atom.exception) return fail('WITH must follow a single license id');
      const id = canonicalExceptionCase(exc.v.trim());
      if (!id) throw new NormalizeFailure('license.unknown', `"${exc.v}" is not an SPDX license exception id`);
      if (id !== exc.v.trim()) ctx.corrections.push(`${exc.v.trim()} -> ${id} (exception id case)`);
      return { ...atom, exception: id };
    }
    return atom;
  };
  const parseAtom = (): LicenseNode => {
    const tok = tokens[pos];
    if (!tok) return fail('expression ends early');
    if (tok.t === '(') {
      pos++;
      const inner = parseOr();
      if (tokens[pos]?.t !== ')') fail('missing ")"');
      pos++;
      return inner;
    }
    if (tok.t === 'leaf') {
      pos++;
      return correctLeaf(tok.v, ctx);
    }
    return fail(`unexpected ${tok.t === 'op' ? tok.v.toUpperCase() : tok.t}`);
  };
  if (tokens.length === 0) fail('empty');
  const tree = parseOr();
  if (pos < tokens.length) fail('unexpected text after the expression');
  return tree;
}

/** Maps one license phrase ("Apache 2", "mit", "GPL-2.0+", "LicenseRef-Foo") to a node. */
function correctLeaf(phrase: string, ctx: Ctx): LicenseNode {
  let p = phrase.trim();
  let plus = false;
  if (p.endsWith('+')) {
    plus = true;
    p = p.slice(0, -1).trim();
  }
  if (p === '') throw new NormalizeFailure('license.unparsable', `"${phrase}" has "+" without a license id; write e.g. "GPL-2.0-or-later"`);
  const special = p.toUpperCase();
  if (SPECIAL_VALUES.has(special)) {
    if (p !== special) ctx.corrections.push(`${p} -> ${special} (case)`);
    return { kind: 'license', id: special, plus: false };
  }
  if (LICENSE_IDS.has(p) || DEPRECATED_IDS.has(p) || isLicenseRef(p)) {
    return replaceDeprecated({ kind: 'license', id: p, plus }, ctx);
  }
  if (/^licenseref-/i.test(p) && isLicenseRef(`LicenseRef-${p.slice(11)}`)) {
    const id = `LicenseRef-${p.slice(11)}`;
    ctx.corrections.push(`${p} -> ${id} (case)`);
    return { kind: 'license', id, plus };
  }
  const cased = canonicalIdCase(p);
  if (cased) {
    if (cased !== p) ctx.corrections.push(`${p} -> ${cased} (case)`);
    return replaceDeprecated({ kind: 'license', id: cased, plus }, ctx);
  }
  const alias = lookupAlias(p) ?? (/^[a-z][a-z0-9+.-]*:\/\//i.test(p) ? licenseFromUrl(p) : undefined);
  if (alias) return withPlus(fromMapping(p, alias, ctx), plus, ctx);
  const named = licenseFromCcName(p) ?? licenseFromFullName(p);
  if (named) return withPlus(fromMapping(p, named, ctx), plus, ctx);
  const ambiguous = AMBIGUOUS[aliasKey(p)];
  if (ambiguous) throw new NormalizeFailure('license.unknown', `"${p}" ${ambiguous}; declare the SPDX id`);
  const guess = spdxCorrect(p);
  rejectLists(p);
  if (!guess) throw new NormalizeFailure('license.unknown', `"${p}" is not an SPDX license id or a known spelling; declare the SPDX id (see https://spdx.org/licenses/)`);
  const implausible = implausibleGuess(p, guess);
  if (implausible) {
    throw new NormalizeFailure('license.unknown', `"${p}" is not an SPDX license id or a known spelling (${implausible}); declare the SPDX id (see https://spdx.org/licenses/)`);
  }
  return withPlus(fromCorrection(p, guess, plus, ctx), plus, ctx);
}

/** "MIT, Apache-2.0" names two licenses without saying AND or OR; spdx-correct would keep one. */
function rejectLists(p: string): void {
  const parts = p.split(/\s*[,;&]\s*/).filter(Boolean);
  if (parts.length < 2) return;
  const named = new Set(parts.map((x) => canonicalIdCase(x) ?? lookupAlias(x)?.expression ?? spdxCorrect(x)).filter((x): x is string => !!x));
  if (named.size >= 2) {
    throw new NormalizeFailure('license.unparsable', `"${p}" lists ${[...named].join(', ')} without saying AND or OR; write the SPDX expression`);
  }
}

function withPlus(node: LicenseNode, plus: boolean, ctx: Ctx): LicenseNode {
  if (!plus) return node;
  if (node.kind !== 'license') throw new NormalizeFailure('license.unparsable', `"+" applies to a single license id`);
  if (node.id.endsWith('-or-later')) return node;
  const before = formatLicenseNode(node);
  const out: LicenseNode = node.id.endsWith('-only') ? { ...node, id: node.id.replace(/-only$/, '-or-later') } : { ...node, plus: true };
  ctx.corrections.push(`${before}+ -> ${formatLicenseNode(out)} (or later)`);
  return out;
}

function fromMapping(raw: string, m: AliasMapping, ctx: Ctx): LicenseNode {
  ctx.corrections.push(`${raw} -> ${m.expression} (${m.guess ? 'guess: ' : ''}${m.why})`);
  if (m.guess) ctx.guessed = true;
  return parseCanonical(m.expression);
}

/** Accepts spdx-correct's answer, but records when it had to invent a version or "or later". */
function fromCorrection(p: string, corrected: string, plus: boolean, ctx: Ctx): LicenseNode {
  let id = corrected;
  const notes: string[] = [];
  const statesLater = plus || /later|\+/i.test(p);
  if (id.endsWith('-or-later') && !statesLater) {
    // SPDX: a GNU license named with a bare version means that version only.
    id = id.replace(/-or-later$/, '-only');
  }
  const idDigits: string[] = id.match(/\d+/g) ?? [];
  const phraseDigits: string[] = p.match(/\d+/g) ?? [];
  let guessed = false;
  if (idDigits.length && !phraseDigits.includes(idDigits[0]!)) {
    // spdx-correct sometimes answers another version than the one stated
    // ("Eclipse Public License 2.0" → EPL-1.0): that is not a guess, it is wrong.
    if (phraseDigits.length) {
      throw new NormalizeFailure('license.unknown', `"${p}" states version ${phraseDigits.join('.')} but the closest SPDX id found is ${id}; declare the SPDX id`);
    }
    guessed = true;
    notes.push('version not stated');
  }
  ctx.corrections.push(`${p} -> ${id} (${guessed ? `guess: ${notes.join(', ')}` : 'spelling'})`);
  if (guessed) ctx.guessed = true;
  const node = parseCanonical(id);
  // spdx-correct may answer a deprecated id ("GPL-2.0"): canonical output never holds one.
  return node.kind === 'license' ? replaceDeprecated(node, ctx) : node;
}




/** Parses an already-normalised expression (throws on anything else). */
export function parseLicenseExpression(expression: string): LicenseNode {
  const r = normalizeLicense(expression);
  if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
  return r.tree;
}

/** Every license id in an expression, in order. */
export function licenseIdsOf(node: LicenseNode): string[] {
  return node.kind === 'license' ? [node.id] : node.parts.flatMap(licenseIdsOf);
}
