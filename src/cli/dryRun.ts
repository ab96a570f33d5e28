import { relative } from 'node:path';
import { DOMAINS } from '../core/doc.js';
import { planIngest } from '../pipeline/ingestPhase.js';
import { sourceEnv } from '../pipeline/sourceEnv.js';
import { countSourceFiles } from '../sources/filesReader.js';
import type { RunContext } from '../pipeline/runContext.js';

/**
 * `curate run --dry-run`: what a run would read and aim for, from the config alone. It lists the
 * sources' partitions (a directory walk or a URL list, never a document) and never touches the
 * output folder: no lock, no staging, nothing written.
 */
export async function printDryRun(run: RunContext): Promise<void> {
  const { config } = run.loaded;
  const plan = await planIngest(run);
  const env = sourceEnv(run, () => {});
  const parts = new Map(plan.sources.map((s) => [s.id, s.partitions.length]));
  const lines = [`curate run ${config.name} (dry run: nothing read beyond listings, nothing written)`, `  output    ${relative(process.cwd(), run.layout.outDir) || '.'} (not created)`, '  sources'];
  for (const gate of run.gates) {
    const s = gate.source;
    const license = gate.decision ? `${gate.decision.expression}: ${gate.decision.allowed ? 'allowed' : `excluded (${gate.decision.reason})`}` : gate.status === 'per-record' ? 'checked per record' : 'excluded';
    const files = s.kind === 'files' && gate.status !== 'excluded' ? `${await countSourceFiles(s, env)} file(s) in ` : '';
    const reads = gate.status === 'excluded' ? 'not read' : `${files}${parts.get(s.id) ?? 0} partition(s)`;
    const mix = `weight ${s.weight ?? 1}, max_epochs ${s.max_epochs ?? config.mix.max_epochs}${s.domain ? `, domain hint ${s.domain}` : ''}`;
    lines.push(`    ${s.id} [${s.kind}]  license ${license}; ${reads}; ${mix}`);
  }
  // Per-source targets need the staged token counts; the domain budgets are fixed by the config.
  lines.push(`  mix plan  ${config.mix.total_tokens} tokens, seed ${config.mix.seed}`);
  for (const d of DOMAINS) {
    const share = config.mix.domains[d];
    lines.push(`    ${d.padEnd(8)} share ${share}  budget ${Math.round(config.mix.total_tokens * share)} tokens`);
  }
  lines.push('  within a domain, sources share its budget in proportion to weight × their tokens after ingest and dedup', '');
  process.stdout.write(lines.join('\n'));
}
