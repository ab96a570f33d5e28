import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { piiSchema } from '../config/piiSchema.js';
import { PII_ACTIONS, PII_TYPES, type PiiAction, type PiiType } from '../pii/piiTypes.js';
import { redactJsonlFile } from '../pii/redactJsonlFile.js';
import { UsageError } from './taskOptions.js';

const samePath = (a: string, b: string) => {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
};

export function registerPiiCommand(program: Command): void {
  program
    .command('pii')
    .description('redact personal data and secrets in a JSONL corpus: each line\'s text replaced (or tagged, or the line rejected), other fields kept; per-type counts printed')
    .requiredOption('--in <corpus.jsonl>', 'input: one JSON object per line with a "text" field')
    .requiredOption('--out <redacted.jsonl>', 'output (must differ from --in)')
    .option('--types <list>', `comma-separated types to look for (default all): ${PII_TYPES.join(', ')}`)
    .option('--action <action>', `what to do with a finding: ${PII_ACTIONS.join(', ')}`, 'replace')
    .option('--field <name>', 'the field holding the text', 'text')
    .option('--spans', 'add a "pii" field with the spans [{type, start, end}] in the written text')
    .option('--phone-regions <list>', 'regions whose national phone formats count (default US,GB)')
    .option('--json', 'print the counts as JSON')
    .action(async (opts: { in: string; out: string; types?: string; action: string; field: string; spans?: boolean; phoneRegions?: string; json?: boolean }) => {
      if (!(PII_ACTIONS as readonly string[]).includes(opts.action)) throw new UsageError(`pii: --action must be one of ${PII_ACTIONS.join(', ')}, got "${opts.action}"`);
      const types = opts.types?.split(',').map((t) => t.trim()).filter(Boolean);
      const unknown = types?.filter((t) => !(PII_TYPES as readonly string[]).includes(t)) ?? [];
      if (unknown.length) throw new UsageError(`pii: unknown type(s) ${unknown.join(', ')} in --types; known: ${PII_TYPES.join(', ')}`);
      if (types && types.length === 0) throw new UsageError('pii: --types is empty; name at least one type');
      if (!existsSync(opts.in)) throw new UsageError(`pii: --in ${opts.in} does not exist`);
      if (samePath(opts.in, opts.out)) throw new UsageError(`pii: --out is the input file (${opts.in}); write the redacted corpus to another file`);
      const parsed = piiSchema.safeParse({
        action: opts.action as PiiAction,
        ...(types ? { types: types as PiiType[] } : {}),
        ...(opts.phoneRegions ? { phone_regions: opts.phoneRegions.split(',').map((r) => r.trim().toUpperCase()) } : {}),
      });
      if (!parsed.success) throw new UsageError(`pii: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const r = await redactJsonlFile(opts.in, opts.out, parsed.data, { field: opts.field, spans: opts.spans });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      } else {
        const lines = [`${r.lines} lines, ${r.written} written to ${opts.out}, ${Object.values(r.rejected).reduce((a, b) => a + b, 0)} rejected`];
        const found = Object.entries(r.found).sort(([a], [b]) => (a < b ? -1 : 1));
        lines.push(found.length ? 'found:' : 'found: nothing');
        for (const [t, n] of found) lines.push(`  ${t.padEnd(16)} ${String(n).padStart(8)}${r.rejected[t] ? `   (${r.rejected[t]} lines rejected)` : ''}`);
        for (const [k, n] of Object.entries(r.passedThrough)) lines.push(`copied unchanged (${k}): ${n}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }
    });
}
