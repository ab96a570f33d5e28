/** Why a rule dropped a document: a stable dotted reason code and the measured value vs threshold. */
export interface RuleFailure {
  reason: string;
  detail: string;
}

/** Named measurements; flat dotted keys such as `gopher.mean_word_length`. */
export type Signals = Record<string, number>;

/** Rounds a signal so stored values stay short and stable across platforms. */
export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export function fail(reason: string, value: number, op: '<' | '>', threshold: number): RuleFailure {
  return { reason, detail: `${round4(value)} ${op} ${threshold}` };
}
