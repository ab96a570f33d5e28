import type { RawRecord, Reject } from '../../src/core/doc.js';
import type { SourceEnv, SourceReader } from '../../src/sources/sourceReader.js';

/** A SourceEnv that records rejects and warnings, for tests. */
export function testEnv(baseDir: string, outputDir = baseDir): SourceEnv & { rejects: Omit<Reject, 'id'>[]; warnings: string[] } {
  const rejects: Omit<Reject, 'id'>[] = [];
  const warnings: string[] = [];
  return {
    baseDir,
    outputDir,
    rejects,
    warnings,
    ctx: {
      reject: (rec, reason, detail, stage) => rejects.push({ source: rec.source, url: rec.url, reason, detail: `${rec.key} ${detail}`, stage }),
      warn: (m) => warnings.push(m),
    },
  };
}

/** Reads every partition of a source in order. */
export async function readAll<S>(reader: SourceReader<S>, src: S, env: SourceEnv): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for (const p of await reader.listPartitions(src, env)) for await (const r of reader.read(src, p, env)) out.push(r);
  return out;
}
