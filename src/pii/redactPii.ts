import type { PiiConfig } from '../config/piiSchema.js';
import { applyPiiActions, type PiiOutcome } from './applyPiiActions.js';
import type { PiiAction, PiiType } from './piiTypes.js';
import { scanPii } from './scanPii.js';

/** The PII stage for one text: find (scanPii), then act per type (applyPiiActions). Pure. */
export function redactPii(text: string, cfg: Pick<PiiConfig, 'types' | 'action' | 'actions' | 'phone_regions'>): PiiOutcome {
  const found = scanPii(text, { types: cfg.types, phoneRegions: cfg.phone_regions });
  const actionOf = (t: PiiType): PiiAction => cfg.actions[t] ?? cfg.action;
  return applyPiiActions(text, found, actionOf);
}

/** The reject detail for a document dropped by a `reject` action: what was found, where (not the value). */
export function piiRejectDetail(o: PiiOutcome): string {
  const counts = Object.entries(o.counts).map(([t, n]) => `${n} ${t}`).join(', ');
  return `found ${counts}; ${o.rejectType} is configured to reject the document`;
}
