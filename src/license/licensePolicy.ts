import { globMatch, readPolicyFile } from './policyFile.js';
import { formatLicenseNode, normalizeLicense, type LicenseNode } from './spdxExpression.js';
import { BUILTIN_REFS, isLicenseRef, laterVersionChoices } from './spdxIds.js';

/**
 * A license policy (licenses/*.yaml) and the decision of an expression against it.
 * Fails closed: only what an allow rule names passes; a deny rule wins over an allow rule.
 */

export interface PolicyRule {
  /** e.g. 'allow:notice', 'deny:noncommercial'. */
  id: string;
  rationale: string;
  obligations: string[];
  decision: 'allow' | 'deny';
  /** Lower = more permissive (allow rules); see permissivenessRank. */
  rank: number;
  licenses: string[];
  exceptions: string[];
}

export interface LicensePolicy {
  name: string;
  file: string;
  sha256: string;
  description: string;
  guesses: 'accept' | 'refuse';
  /** What a declared license contradicted by the source's LICENSE files does: warn, or exclude the source (strict). */
  evidence: 'warn' | 'strict';
  /** The unsafe_override admissions of the policy file (also printed at load). */
  warnings?: string[];
  /** LicenseRef ids this policy knows (project refs + the policy's `refs` + refs its rules name). */
  refs: string[];
  rules: PolicyRule[];
}

export type LicenseReason = 'license.missing' | 'license.unparsable' | 'license.unknown' | 'license.denied' | 'license.not_allowed' | 'license.declared_mismatch';

export interface LicenseDecision {
  allowed: boolean;
  /** The normalised expression (the raw value when it could not be normalised). */
  expression: string;
  /** Id of the rule(s) that allowed ("allow:notice + allow:apache") or denied; "fail-closed" when no rule applied. */
  rule: string;
  /** Reason code when denied. */
  reason?: LicenseReason;
  detail: string;
  /** What using the document obliges (union over the licenses relied upon). */
  obligations: string[];
  corrections: string[];
  /** For OR / or-later: the part of the expression relied upon, e.g. "CC-BY-SA-4.0" out of "CC-BY-SA-4.0 OR GFDL-1.3-only". */
  chosen?: string;
}

/** No rule applied: the decision is "not allowed" by construction. */
export const FAIL_CLOSED_RULE = 'fail-closed';
/** permissivenessRank of an expression the policy does not allow. */
export const DENIED_RANK = 1_000_000;

export function loadPolicy(file: string): LicensePolicy {
  const { data, sha256, warnings } = readPolicyFile(file);
  // Loud on every load: an unsafe_override admits documents nobody licensed, or restricted ones.
  for (const w of warnings) process.stderr.write(`${w}\n`);
  const refs = new Set([...BUILTIN_REFS, ...data.refs]);
  for (const r of data.rules) for (const l of r.licenses) if (isLicenseRef(l)) refs.add(l);
  return {
    name: data.name,
    file,
    sha256,
    description: data.description,
    guesses: data.guesses,
    evidence: data.evidence,
    ...(warnings.length ? { warnings } : {}),
    refs: [...refs].sort(),
    rules: data.rules.map((r) => ({
      id: r.id,
      rationale: r.rationale,
      obligations: r.obligations,
      decision: r.id.startsWith('deny:') ? 'deny' : 'allow',
      rank: r.rank ?? 100, // only deny rules and exceptions-only allow rules have none (readPolicyFile)
      licenses: r.licenses,
      exceptions: r.exceptions,
    })),
  };
}

type Verdict =
  | { ok: true; rules: PolicyRule[]; rank: number; chosen: string; notes: string[] }
  | { ok: false; reason: LicenseReason; rule: string; detail: string };

/** Severity for reporting the "best" failure of an OR / AND: an explicit denial says the most. */
const SEVERITY: Record<LicenseReason, number> = {
  'license.declared_mismatch': 5,
  'license.denied': 4,
  'license.unknown': 3,
  'license.not_allowed': 2,
  'license.unparsable': 1,
  'license.missing': 0,
};

/**
 * Normalises `raw` and decides it against the policy. OR passes when one branch passes (the
 * most permissive allowed branch is chosen and recorded); AND needs every part; WITH needs the
 * license and the exception. Sync and pure.
 */
export function evaluateLicense(policy: LicensePolicy, raw: string | null | undefined): LicenseDecision {
  // Documents of a source mostly share a handful of license values: decide each value once
  // (long values, i.e. pasted license texts, are not kept).
  if (typeof raw === 'string' && raw.length > 500) return decideRaw(policy, raw);
  let cache = decisionCache.get(policy);
  if (!cache) decisionCache.set(policy, (cache = new Map()));
  const key = raw ?? '\u0000';
  let d = cache.get(key);
  if (!d) {
    d = decideRaw(policy, raw);
    if (cache.size >= DECISION_CACHE_SIZE) cache.clear();
    cache.set(key, d);
  }
  return { ...d, obligations: [...d.obligations], corrections: [...d.corrections] };
}

const decisionCache = new WeakMap<LicensePolicy, Map<string, LicenseDecision>>();
const DECISION_CACHE_SIZE = 10_000;

function decideRaw(policy: LicensePolicy, raw: string | null | undefined): LicenseDecision {
  const n = normalizeLicense(raw);
  if (!n.ok) {
    return { allowed: false, expression: typeof raw === 'string' ? raw.trim() : '', rule: FAIL_CLOSED_RULE, reason: n.reason, detail: n.detail, obligations: [], corrections: [] };
  }
  if (n.guessed && policy.guesses === 'refuse') {
    return {
      allowed: false,
      expression: n.expression,
      rule: FAIL_CLOSED_RULE,
      reason: 'license.unknown',
      detail: `"${String(raw).trim()}" could only be mapped by guessing (${n.corrections.join('; ')}) and policy ${policy.name} refuses guesses; declare the exact SPDX id`,
      obligations: [],
      corrections: n.corrections,
    };
  }
  const v = decide(policy, n.tree);
  if (!v.ok) {
    return { allowed: false, expression: n.expression, rule: v.rule, reason: v.reason, detail: v.detail, obligations: [], corrections: n.corrections };
  }
  const ruleIds = unique(v.rules.map((r) => r.id));
  const obligations = unique(v.rules.flatMap((r) => r.obligations));
  const detail = [`allowed by ${ruleIds.join(' + ')} in policy ${policy.name}`, ...v.notes].join('; ');
  return {
    allowed: true,
    expression: n.expression,
    rule: ruleIds.join(' + '),
    detail,
    obligations,
    corrections: n.corrections,
    ...(v.chosen !== n.expression ? { chosen: v.chosen } : {}),
  };
}

/**
 * Lower = more permissive, from the ranks of the allow rules the expression relies on
 * (OR: its most permissive allowed branch; AND: its least permissive part). DENIED_RANK when
 * the policy does not allow it. Used to choose which of several duplicate documents survives.
 */
export function permissivenessRank(policy: LicensePolicy, expression: string): number {
  let cache = rankCache.get(policy);
  if (!cache) rankCache.set(policy, (cache = new Map()));
  let r = cache.get(expression);
  if (r === undefined) {
    r = rankOf(policy, expression);
    if (cache.size >= DECISION_CACHE_SIZE) cache.clear();
    cache.set(expression, r);
  }
  return r;
}

const rankCache = new WeakMap<LicensePolicy, Map<string, number>>();

function rankOf(policy: LicensePolicy, expression: string): number {
  const n = normalizeLicense(expression);
  if (!n.ok || (n.guessed && policy.guesses === 'refuse')) return DENIED_RANK;
  const v = decide(policy, n.tree);
  return v.ok ? v.rank : DENIED_RANK;
}

function decide(policy: LicensePolicy, node: LicenseNode): Verdict {
  if (node.kind === 'license') return decideLeaf(policy, node);
  const verdicts = node.parts.map((p) => decide(policy, p));
  if (node.kind === 'and') {
    const failed = worstFailure(verdicts);
    if (failed) return { ...failed, detail: `${failed.detail} (AND needs every part allowed)` };
    const oks = verdicts as Extract<Verdict, { ok: true }>[];
    return {
      ok: true,
      rules: oks.flatMap((v) => v.rules),
      rank: Math.max(...oks.map((v) => v.rank)),
      chosen: formatLicenseNode({ kind: 'and', parts: node.parts }),
      notes: oks.flatMap((v) => v.notes),
    };
  }
  // OR: the most permissive allowed branch; first one on ties (declaration order).
  let best: Extract<Verdict, { ok: true }> | undefined;
  verdicts.forEach((v, i) => {
    if (v.ok && (!best || v.rank < best.rank)) best = { ...v, chosen: formatLicenseNode(node.parts[i]!, 'or') };
  });
  if (best) {
    const branchRule = unique(best.rules.map((r) => r.id)).join(' + ');
    return { ...best, notes: [...best.notes, `OR: chose branch ${best.chosen} (${branchRule})`] };
  }
  const failed = worstFailure(verdicts)!;
  const all = verdicts.map((v, i) => `${formatLicenseNode(node.parts[i]!, 'or')}: ${v.ok ? 'allowed' : v.reason}`).join(', ');
  return { ...failed, detail: `no OR branch is allowed (${all}); ${failed.detail}` };
}

function worstFailure(verdicts: Verdict[]): Extract<Verdict, { ok: false }> | undefined {
  let worst: Extract<Verdict, { ok: false }> | undefined;
  for (const v of verdicts) if (!v.ok && (!worst || SEVERITY[v.reason] > SEVERITY[worst.reason])) worst = v;
  return worst;
}

function decideLeaf(policy: LicensePolicy, leaf: Extract<LicenseNode, { kind: 'license' }>): Verdict {
  const text = formatLicenseNode(leaf);
  if (isLicenseRef(leaf.id) && !policy.refs.includes(leaf.id)) {
    return { ok: false, reason: 'license.unknown', rule: FAIL_CLOSED_RULE, detail: `${leaf.id} is not a LicenseRef known to policy ${policy.name}; add it to the policy's refs and a rule, or declare an SPDX id` };
  }
  const denyOwn = findRule(policy, 'deny', 'licenses', leaf.id);
  if (denyOwn) return denied(denyOwn, leaf.id, policy);
  // "+" and -or-later let the recipient choose this version or any later one.
  const orLater = leaf.plus || leaf.id.endsWith('-or-later');
  const candidates = orLater ? unique([leaf.id, ...laterVersionChoices(leaf.id)]) : [leaf.id];
  let best: { rule: PolicyRule; via: string } | undefined;
  let firstDeny: { rule: PolicyRule; via: string } | undefined;
  for (const c of candidates) {
    const deny = findRule(policy, 'deny', 'licenses', c);
    if (deny) {
      firstDeny ??= { rule: deny, via: c };
      continue;
    }
    const allow = findRule(policy, 'allow', 'licenses', c);
    if (allow && (!best || allow.rank < best.rule.rank)) best = { rule: allow, via: c };
  }
  if (!best) {
    if (firstDeny) return denied(firstDeny.rule, `${leaf.id} (as ${firstDeny.via})`, policy);
    return {
      ok: false,
      reason: 'license.not_allowed',
      rule: FAIL_CLOSED_RULE,
      detail: `${leaf.id} is a valid license but not on the allowlist of policy ${policy.name}`,
    };
  }
  const notes = best.via !== leaf.id ? [`${leaf.id} used as ${best.via} (or later)`] : [];
  const rules = [best.rule];
  if (leaf.exception) {
    const exDeny = findRule(policy, 'deny', 'exceptions', leaf.exception);
    if (exDeny) return denied(exDeny, `exception ${leaf.exception}`, policy);
    const exAllow = findRule(policy, 'allow', 'exceptions', leaf.exception);
    if (!exAllow) {
      return {
        ok: false,
        reason: 'license.not_allowed',
        rule: FAIL_CLOSED_RULE,
        detail: `${text}: the license is allowed but exception ${leaf.exception} is not on the exceptions allowlist of policy ${policy.name}`,
      };
    }
    rules.push(exAllow);
  }
  return { ok: true, rules, rank: best.rule.rank, chosen: text, notes };
}

function denied(rule: PolicyRule, what: string, policy: LicensePolicy): Verdict {
  return { ok: false, reason: 'license.denied', rule: rule.id, detail: `${what} is denied by rule ${rule.id} of policy ${policy.name}: ${rule.rationale}` };
}

function findRule(policy: LicensePolicy, decision: 'allow' | 'deny', field: 'licenses' | 'exceptions', id: string): PolicyRule | undefined {
  return policy.rules.find((r) => r.decision === decision && r[field].some((pat) => globMatch(pat, id)));
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
