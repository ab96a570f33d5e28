import { C4_FULL, GOPHER_QUALITY, GOPHER_REPETITION } from '../config/qualitySchema.js';
import { c4Rules } from './c4Rules.js';
import { gopherQualityRules } from './gopherQualityRules.js';
import { gopherRepetitionRules } from './gopherRepetitionRules.js';
import type { RuleFailure } from './ruleFailure.js';
import type { TextStats } from './textStats.js';

const C4_CONSENSUS = { ...C4_FULL, reject_curly_bracket: false };

/**
 * The rejection every peer agrees on: the `curate` preset is lenient so that real documentation
 * and literature pass, but text that Gopher, C4 *and* FineWeb would all drop at their published
 * thresholds has no defender. FineWeb runs the Gopher rules first, so "all three" is "Gopher and
 * C4". Left out: the language filters (curate keeps every language) and C4's curly-bracket rule
 * (C4 used it to keep code out of web text; in documentation braces are LaTeX math and code
 * examples, and curate routes code to its code rules). Signals go to a scratch
 * object: the document's own signals stay those of the configured thresholds.
 */
export function peerConsensus(st: TextStats, text: string, englishOrUnknown: boolean): RuleFailure | undefined {
  const scratch = {};
  const gopher = gopherRepetitionRules(st, GOPHER_REPETITION, scratch) ?? gopherQualityRules(st, GOPHER_QUALITY, scratch, englishOrUnknown);
  if (!gopher) return undefined;
  const c4 = c4Rules(text, C4_CONSENSUS, scratch).failure;
  if (!c4) return undefined;
  // The Gopher reason names the rule; the detail says it is the peers' threshold, not curate's.
  return { reason: gopher.reason, detail: `${gopher.detail} at Gopher's threshold; every peer rejects (C4: ${c4.reason.replace(/^quality\./, '')} ${c4.detail}; FineWeb runs Gopher's rules)` };
}
