import type { Manifest } from '../license/manifest.js';
import { runFinalize } from '../pipeline/finalizePhase.js';
import type { RunContext } from '../pipeline/runContext.js';
import type { RunStats } from '../pipeline/runStats.js';
import { writeReport } from '../report/writeReport.js';
import { writeDatasetCard } from '../report/writeDatasetCard.js';

/** Phase 4 as `run` and `finalize` do it: stats, manifest and attribution, then report.html from them. */
export async function finalizeRun(run: RunContext): Promise<{ manifest: Manifest; stats: RunStats }> {
  const out = await runFinalize(run);
  await writeDatasetCard(run.layout.outDir, out.manifest, out.stats);
  await writeReport(run.layout.outDir);
  return out;
}
