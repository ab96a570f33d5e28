/**
 * Agreement between labellers who graded the same documents: Cohen's kappa on keep/drop and
 * quadratic-weighted kappa on the 0..5 grades. Every pair of labels on one document is a pair of
 * ratings (first rater = the labeller whose name sorts first). Pure.
 */
export interface Agreement {
  /** Documents with at least two labellers. */
  documents: number;
  pairs: number;
  keep_drop_kappa: number | null;
  grade_weighted_kappa: number | null;
}

export function kappa(pairs: [number, number][], categories: number, weight: (i: number, j: number) => number): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const a = new Float64Array(categories);
  const b = new Float64Array(categories);
  let observed = 0;
  for (const [x, y] of pairs) {
    a[x]!++;
    b[y]!++;
    observed += weight(x, y);
  }
  let expected = 0;
  for (let i = 0; i < categories; i++) for (let j = 0; j < categories; j++) expected += (a[i]! / n) * (b[j]! / n) * weight(i, j);
  observed /= n;
  // Disagreement form: 1 − observed/expected disagreement; undefined when chance disagreement is 0.
  if (expected === 0) return observed === 0 ? 1 : null;
  return Math.round((1 - observed / expected) * 1e4) / 1e4;
}

export function agreement(labels: { id: string; labeller: string; quality: number }[], threshold = 3): Agreement {
  const byDoc = new Map<string, { labeller: string; quality: number }[]>();
  for (const l of labels) {
    const list = byDoc.get(l.id) ?? [];
    list.push(l);
    byDoc.set(l.id, list);
  }
  const grades: [number, number][] = [];
  let documents = 0;
  for (const list of byDoc.values()) {
    if (list.length < 2) continue;
    documents++;
    const sorted = [...list].sort((x, y) => (x.labeller < y.labeller ? -1 : 1));
    for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) grades.push([sorted[i]!.quality, sorted[j]!.quality]);
  }
  const keep = grades.map(([x, y]) => [x >= threshold ? 1 : 0, y >= threshold ? 1 : 0] as [number, number]);
  return {
    documents,
    pairs: grades.length,
    keep_drop_kappa: kappa(keep, 2, (i, j) => (i === j ? 0 : 1)),
    grade_weighted_kappa: kappa(grades, 6, (i, j) => ((i - j) / 5) ** 2),
  };
}
