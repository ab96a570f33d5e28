/**
 * Which document to show next: mostly the one the current scorer is least sure about
 * (uncertainty sampling), sometimes a uniformly random one, so the labels also hold an unbiased
 * sample for evaluation. Pure; the caller supplies the random draw.
 */
export interface Candidate {
  id: string;
  /** Distance to the decision boundary (smaller = less certain). */
  uncertainty: number;
  /** Tie-breaker, stable per labeller (a hash), so equally uncertain documents come in a mixed order. */
  tie: number;
}

export function pickNext(candidates: Candidate[], randomShare: number, draw: () => number): { id: string; pick: 'uncertain' | 'random' } | undefined {
  if (candidates.length === 0) return undefined;
  if (draw() < randomShare) return { id: candidates[Math.floor(draw() * candidates.length)]!.id, pick: 'random' };
  let best = candidates[0]!;
  for (const c of candidates) if (c.uncertainty < best.uncertainty || (c.uncertainty === best.uncertainty && c.tie < best.tie)) best = c;
  return { id: best.id, pick: 'uncertain' };
}
