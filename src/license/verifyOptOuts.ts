import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { checkOptOuts } from './optOutCheck.js';
import { parseOptOutList, type OptOutList } from './optOutList.js';

export interface OptOutVerifyFinding {
  file: string;
  code: string;
  detail: string;
}

/**
 * `verify`'s opt-out check: every list the manifest records is re-read (its sha256 compared with the
 * recorded one) and no shard row may match it.
 */
export async function verifyOptOuts(outDir: string, recorded: { file: string; sha256: string }[] | undefined, baseDir: string): Promise<{ lists: number; findings: OptOutVerifyFinding[] }> {
  const findings: OptOutVerifyFinding[] = [];
  const lists: OptOutList[] = [];
  for (const r of recorded ?? []) {
    const path = isAbsolute(r.file) ? r.file : resolve(baseDir, r.file);
    if (!existsSync(path)) {
      findings.push({ file: 'manifest.json', code: 'optout.missing', detail: `opt-out list ${r.file} (sha256 ${r.sha256.slice(0, 16)}…) not found from ${baseDir}; run verify from the run's working directory` });
      continue;
    }
    const list = parseOptOutList(r.file, readFileSync(path));
    if (list.sha256 !== r.sha256) findings.push({ file: 'manifest.json', code: 'optout.changed', detail: `opt-out list ${r.file} has sha256 ${list.sha256}, the manifest recorded ${r.sha256}; the shards are checked against the list as it is now` });
    lists.push(list);
  }
  for (const f of await checkOptOuts(outDir, lists)) findings.push({ file: f.shard, code: 'row.opted_out', detail: `row ${f.id}: ${f.detail}` });
  return { lists: lists.length, findings };
}
