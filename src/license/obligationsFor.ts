/**
 * A policy rule covers many licenses, and some of its obligations name the one license they apply
 * to ("BSD-3-Clause: do not use the names … to endorse"). Keeps the general obligations and
 * those naming a license that occurs in `expression`, so a manifest never tells legal that MIT
 * text carries a BSD clause.
 */
export function obligationsFor(expression: string, obligations: string[]): string[] {
  const ids = new Set(expression.split(/[\s()]+/).filter((t) => t && !/^(AND|OR|WITH)$/.test(t)));
  return obligations.filter((o) => {
    const m = /^([A-Za-z0-9.+-]+):\s/.exec(o);
    return !m || !/\d|-/.test(m[1]!) || ids.has(m[1]!);
  });
}
