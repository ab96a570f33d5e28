import type { Reject } from '../core/doc.js';
import { docId } from '../core/docId.js';
import type { SourceEnv } from '../sources/sourceReader.js';
import type { RunContext } from './runContext.js';

/** The environment a source reader runs in: paths, and where its rejects go. */
export function sourceEnv(run: RunContext, rejectSink: (r: Reject) => void): SourceEnv {
  return {
    baseDir: run.loaded.baseDir,
    outputDir: run.layout.outDir,
    ctx: {
      reject: (rec, reason, detail, stage) =>
        rejectSink({ id: rec.id ?? docId(rec.source, rec.key), source: rec.source, url: rec.url, reason, detail, stage }),
      warn: (m) => run.log(`warning: ${m}`),
    },
  };
}
