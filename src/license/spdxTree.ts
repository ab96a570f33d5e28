import { createRequire } from 'node:module';
import { DEPRECATED_REPLACEMENTS } from './spdxIds.js';

/**
 * Canonical SPDX expression trees: strict parsing of a well-formed expression, deprecated-id
 * replacement, formatting. The bottom layer of src/license: it knows no spellings and no
 * license texts, so both the lenient normaliser (spdxExpression.ts) and the text detector
 * (detectLicenseText.ts, for SPDX-License-Identifier tags) build on it without importing each other.
 */

const require = createRequire(import.meta.url);
export const spdxParse: (s: string) => SpdxInfo = require('spdx-expression-parse');

export type SpdxInfo = { license: string; plus?: true; exception?: string } | { conjunction: 'and' | 'or'; left: SpdxInfo; right: SpdxInfo };

/** A parsed license expression. `plus` is SPDX's "+" (this version or later) on ids without -or-later. */
export type LicenseNode =
  | { kind: 'license'; id: string; plus: boolean; exception?: string }
  | { kind: 'and' | 'or'; parts: LicenseNode[] };

/** GPL-2.0 → GPL-2.0-only, GPL-2.0+ → GPL-2.0-or-later, GPL-2.0-with-classpath-exception → ... WITH ...; each change is pushed to `corrections`. */
export function replaceDeprecated(node: LicenseNode & { kind: 'license' }, corrections: string[]): LicenseNode {
  const before = formatLicenseNode(node);
  let id = node.id;
  let plus = node.plus;
  let exception = node.exception;
  const replacement = DEPRECATED_REPLACEMENTS[id];
  if (replacement) {
    const [lic, exc] = replacement.split(' WITH ');
    id = lic!;
    if (exc) exception = exception ?? exc;
  }
  if (plus && id.endsWith('-only')) {
    id = id.replace(/-only$/, '-or-later');
    plus = false;
  } else if (plus && id.endsWith('-or-later')) {
    plus = false;
  }
  const out: LicenseNode = { kind: 'license', id, plus, exception };
  const after = formatLicenseNode(out);
  if (after !== before) corrections.push(`${before} -> ${after} (deprecated id)`);
  return out;
}

/** A strictly parsed expression with deprecated ids replaced (throws on anything that is not SPDX syntax). */
export function strictTree(info: SpdxInfo, corrections: string[]): LicenseNode {
  if ('conjunction' in info) return combine(info.conjunction, [strictTree(info.left, corrections), strictTree(info.right, corrections)]);
  return replaceDeprecated({ kind: 'license', id: info.license, plus: info.plus === true, exception: info.exception }, corrections);
}

/** Parses an expression already in canonical form (throws on anything else). */
export function parseCanonical(expression: string): LicenseNode {
  const info = spdxParse(expression);
  const toNode = (i: SpdxInfo): LicenseNode =>
    'conjunction' in i ? combine(i.conjunction, [toNode(i.left), toNode(i.right)]) : { kind: 'license', id: i.license, plus: i.plus === true, exception: i.exception };
  return toNode(info);
}

export function combine(kind: 'and' | 'or', parts: LicenseNode[]): LicenseNode {
  const flat: LicenseNode[] = [];
  for (const p of parts) {
    if (p.kind === kind) flat.push(...p.parts);
    else flat.push(p);
  }
  return { kind, parts: flat };
}

/** Canonical text: AND binds tighter than OR; parentheses only where the operator changes. */
export function formatLicenseNode(node: LicenseNode, parent?: 'and' | 'or'): string {
  if (node.kind === 'license') return `${node.id}${node.plus ? '+' : ''}${node.exception ? ` WITH ${node.exception}` : ''}`;
  const text = node.parts.map((p) => formatLicenseNode(p, node.kind)).join(node.kind === 'and' ? ' AND ' : ' OR ');
  return parent && parent !== node.kind ? `(${text})` : text;
}

/** The canonical form of a strict SPDX expression (an SPDX-License-Identifier tag), or undefined when it is not one. */
export function canonicalSpdx(expression: string): string | undefined {
  try {
    return formatLicenseNode(strictTree(spdxParse(expression.trim()), []));
  } catch {
    return undefined;
  }
}
