import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../config/configError.js';
import { BUILTIN_REFS, EXCEPTION_IDS, LICENSE_IDS, PROPRIETARY_REF, SPECIAL_VALUES, DEPRECATED_IDS, isLicenseRef } from './spdxIds.js';

/**
 * The on-disk format of a license policy (licenses/*.yaml) and its loader. Every problem is
 * reported as `file:line field: expected ...` so a broken policy is fixed before any work.
 */

const idList = z.array(z.string().min(1)).default([]);

const ruleSchema = z.strictObject({
  /** "allow:<name>" or "deny:<name>"; the manifest cites it. */
  id: z.string().regex(/^(allow|deny):[a-z0-9][a-z0-9._-]*$/, 'expected "allow:<name>" or "deny:<name>" (lower case, digits, ".", "_", "-")'),
  /** Lower = more permissive; used to pick among OR branches and dedup survivors. Allow rules only. */
  rank: z.number().int().min(0).max(1000).optional(),
  /** SPDX ids, LicenseRef ids, NOASSERTION/NONE, or globs with "*" (e.g. CC-BY-NC-*). */
  licenses: idList,
  /** SPDX exception ids (or globs) this rule decides for `WITH`. */
  exceptions: idList,
  rationale: z.string().min(1, 'expected a short rationale (why legal accepts or refuses these)'),
  obligations: z.array(z.string().min(1)).default([]),
  /**
   * Lets an allow rule admit what says "no license" (NOASSERTION, NONE, LicenseRef-Proprietary)
   * or, by a glob, a non-commercial / no-derivatives / source-available license no deny rule
   * catches. The text says why; every load prints it as a warning.
   */
  unsafe_override: z.string().min(10, 'expected a sentence saying why this rule may admit unlicensed or restricted documents').optional(),
});

const policySchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'expected a name of letters, digits, ".", "_" or "-"'),
  description: z.string().default(''),
  /** accept: mappings that had to guess (e.g. "BSD" → BSD-3-Clause) are decided like the id; refuse: they count as license.unknown. */
  guesses: z.enum(['accept', 'refuse']).default('refuse'),
  /** LicenseRef ids this policy knows besides the project's own (LicenseRef-Public-Domain, LicenseRef-Proprietary). */
  refs: z.array(z.string()).default([]),
  /** warn: a declared license its LICENSE files contradict is a warning (manifest, MANIFEST.md, report); strict: the source is excluded. */
  evidence: z.enum(['warn', 'strict']).default('warn'),
  rules: z.array(ruleSchema).min(1, 'expected at least one rule'),
});

export type PolicyFileRule = z.infer<typeof ruleSchema>;
export type PolicyFileData = z.infer<typeof policySchema>;

export interface ParsedPolicyFile {
  data: PolicyFileData;
  file: string;
  sha256: string;
  /** What an unsafe_override let through, as file:line messages (loadPolicy prints them). */
  warnings: string[];
}

/** Reads and validates a policy file; throws ConfigError naming file, line and field. */
export function readPolicyFile(file: string): ParsedPolicyFile {
  if (!existsSync(file)) throw new ConfigError(`${file}: policy file not found; choose one of licenses/*.yaml`);
  const raw = readFileSync(file);
  const text = raw.toString('utf8');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new ConfigError(`${file}:${lc.linePos(e.pos[0]).line} invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const js: unknown = doc.toJS();
  if (js === null || typeof js !== 'object' || Array.isArray(js)) {
    throw new ConfigError(`${file}:1 (top level): expected a mapping with name and rules`);
  }
  const parsed = policySchema.safeParse(js);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      const expected = (issue as { expected?: string }).expected;
      message = `expected ${expected === 'object' ? 'a mapping' : expected === 'array' ? 'a list' : `a ${expected}`}`;
    } else if (issue.code === 'unrecognized_keys') {
      const key = (issue as { keys: string[] }).keys[0]!;
      const keyPath = [...path, key];
      throw new ConfigError(`${file}:${lineOf(doc, lc, keyPath)} ${keyPath.join('.')}: unknown field; expected one of the fields in licenses/README.md`);
    } else if (issue.code === 'invalid_value') {
      const values = (issue as { values?: unknown[] }).values;
      if (values) message = `expected one of ${values.map((v) => JSON.stringify(v)).join(' | ')}`;
    } else if (!message.startsWith('expected')) {
      message = `expected ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
    }
    throw new ConfigError(`${file}:${lineOf(doc, lc, path)} ${path.join('.') || '(top level)'}: ${message}`);
  }
  const data = parsed.data;
  const warnings = checkSemantics(file, doc, lc, data);
  return { data, file, sha256: createHash('sha256').update(raw).digest('hex'), warnings };
}

/**
 * Values an allow rule may only admit deliberately: the SPDX "nobody said" values, the project's
 * all-rights-reserved ref, and licenses whose terms a training corpus cannot honour (the deny
 * lists of the shipped policies). A glob such as "*" or "N*" admits them by accident.
 */
const RESTRICTED: readonly string[] = [
  ...SPECIAL_VALUES,
  PROPRIETARY_REF,
  ...[...LICENSE_IDS].filter((id) => /(^|-)N[CD](-|$)|Noncommercial|Small-Business|^NCGL-/.test(id)),
  'BUSL-1.1', 'SSPL-1.0', 'Elastic-2.0', 'JSON', 'Hippocratic-2.1', 'Hippocratic-3.0-core',
].filter((id, i, all) => all.indexOf(id) === i);

function denied(data: PolicyFileData, id: string): boolean {
  return data.rules.some((r) => r.id.startsWith('deny:') && r.licenses.some((p) => globMatch(p, id)));
}

function checkSemantics(file: string, doc: Document, lc: LineCounter, data: PolicyFileData): string[] {
  const warnings: string[] = [];
  const fail = (path: (string | number)[], msg: string): never => {
    throw new ConfigError(`${file}:${lineOf(doc, lc, path)} ${path.join('.')}: ${msg}`);
  };
  data.refs.forEach((r, i) => {
    if (!isLicenseRef(r)) fail(['refs', i], `expected a LicenseRef-<name> id, got ${JSON.stringify(r)}`);
  });
  const knownRefs = new Set([...BUILTIN_REFS, ...data.refs]);
  const seen = new Set<string>();
  data.rules.forEach((rule, i) => {
    if (seen.has(rule.id)) fail(['rules', i, 'id'], `expected a unique rule id, "${rule.id}" is used twice`);
    seen.add(rule.id);
    if (rule.licenses.length === 0 && rule.exceptions.length === 0) fail(['rules', i, 'licenses'], 'expected at least one license or exception id');
    if (rule.id.startsWith('deny:') && rule.rank !== undefined) fail(['rules', i, 'rank'], 'expected no rank on a deny rule (rank orders allowed licenses)');
    // A missing rank would silently tie with others and decide OR branches and dedup survivors by file order.
    if (rule.id.startsWith('allow:') && rule.licenses.length > 0 && rule.rank === undefined) {
      fail(['rules', i, 'licenses'], 'expected a rank on an allow rule that names licenses (0..1000, lower = more permissive; it picks OR branches and dedup survivors), got none');
    }
    if (rule.id.startsWith('deny:') && rule.unsafe_override !== undefined) fail(['rules', i, 'unsafe_override'], 'expected no unsafe_override on a deny rule (a deny rule admits nothing)');
    rule.licenses.forEach((pat, j) => {
      if (isLicenseRef(pat)) {
        knownRefs.add(pat);
        return;
      }
      if (SPECIAL_VALUES.has(pat) || LICENSE_IDS.has(pat) || DEPRECATED_IDS.has(pat)) return;
      if (pat.includes('*') && [...LICENSE_IDS].some((id) => globMatch(pat, id))) return;
      fail(['rules', i, 'licenses', j], `expected an SPDX license id, LicenseRef-<name>, NOASSERTION/NONE or a glob matching some id, got ${JSON.stringify(pat)}`);
    });
    if (rule.id.startsWith('allow:')) {
      rule.licenses.forEach((pat, j) => {
        const admitted = RESTRICTED.filter((id) => globMatch(pat, id) && !denied(data, id));
        if (admitted.length === 0) return;
        const what = `admits ${admitted.slice(0, 4).join(', ')}${admitted.length > 4 ? ` and ${admitted.length - 4} more` : ''} (no license established, all rights reserved, or non-commercial / no-derivatives / source-available terms) that no deny rule catches`;
        if (rule.unsafe_override === undefined) {
          fail(['rules', i, 'licenses', j], `expected an allow pattern that admits only licensed documents, got ${JSON.stringify(pat)}, which ${what}; name the ids you mean, add a deny rule for these, or set unsafe_override: "<why>" on the rule`);
        }
        warnings.push(`${file}:${lineOf(doc, lc, ['rules', i, 'licenses', j])} rules.${i}.licenses.${j}: WARNING ${JSON.stringify(pat)} ${what}; allowed by unsafe_override: ${rule.unsafe_override}`);
      });
    }
    rule.exceptions.forEach((pat, j) => {
      if (EXCEPTION_IDS.has(pat)) return;
      if (pat.includes('*') && [...EXCEPTION_IDS].some((id) => globMatch(pat, id))) return;
      fail(['rules', i, 'exceptions', j], `expected an SPDX exception id (e.g. Classpath-exception-2.0) or a glob matching one, got ${JSON.stringify(pat)}`);
    });
  });
  return warnings;
}

const globCache = new Map<string, RegExp>();

/** "*" matches any run of characters; everything else literally (case-sensitive, as SPDX ids are). */
export function globMatch(pattern: string, id: string): boolean {
  if (!pattern.includes('*')) return pattern === id;
  let re = globCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    globCache.set(pattern, re);
  }
  return re.test(id);
}

function lineOf(doc: Document, lc: LineCounter, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return 1;
}
