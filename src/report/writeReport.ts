import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomicFile.js';
import { loadRunOutput, type LoadOptions } from './loadRunOutput.js';
import { reportPage } from './reportPage.js';
import { decontamSection } from './sections/decontamSection.js';
import { dedupSection } from './sections/dedupSection.js';
import { distributionSection } from './sections/distributionSection.js';
import { funnelSection } from './sections/funnelSection.js';
import { licenseSection } from './sections/licenseSection.js';
import { mixSection } from './sections/mixSection.js';
import { piiSection } from './sections/piiSection.js';
import { sampleSection } from './sections/sampleSection.js';

export type ReportOptions = LoadOptions;

/**
 * Writes `<outDir>/report.html` for a finished run (stats.json, manifest.json, dedup/, shards/)
 * and returns its path. Deterministic for the same run output and options.
 */
export async function writeReport(outDir: string, opts: ReportOptions = {}): Promise<string> {
  const run = await loadRunOutput(outDir, opts);
  const sections = [
    await funnelSection(run),
    await mixSection(run),
    await distributionSection(run),
    await dedupSection(run),
    await licenseSection(run),
    decontamSection(run),
    piiSection(run),
    sampleSection(run),
  ];
  const path = join(outDir, 'report.html');
  writeFileAtomic(path, reportPage(run, sections));
  return path;
}
