import type { RawRecord } from '../core/doc.js';
import type { StageContext } from '../core/stageContext.js';

/** A unit of resume and scale-out: stable and sorted (a file group, 'urls-0003', a WARC file). */
export interface Partition {
  id: string;
  /**
   * Partitions with the same affinity are ingested by the same task of a scaled-out run (an http
   * source's host: its politeness limits then hold for the whole job).
   */
  affinity?: string;
}

export interface SourceEnv {
  /** Relative paths in the config are resolved against it. */
  baseDir: string;
  /** The run's output folder (absolute). */
  outputDir: string;
  /** `ctx.reject(...)` for records that fail inside the reader. */
  ctx: StageContext;
  signal?: AbortSignal;
  /**
   * Counts things a reader saw that are neither documents nor rejects (WARC request/warcinfo/
   * metadata records, vendored folders), for the reader stats. Optional.
   */
  count?(name: string, n?: number): void;
  /**
   * Told the file:line (row) of every record keyed by its `id_field` value, for phase 2, which
   * names both places when two files of a source hold one id (src/pipeline/crossFileDuplicates.ts).
   */
  locate?(key: string, where: string): void;
}

/**
 * One reader per source kind. Reading a partition twice yields identical records in identical
 * order (resume depends on it). A reader never throws for a bad record: it rejects it with
 * stage 'source' and goes on; it throws only for a source-level problem (path vanished).
 */
export interface SourceReader<S> {
  listPartitions(src: S, env: SourceEnv): Promise<Partition[]>;
  read(src: S, part: Partition, env: SourceEnv): AsyncIterable<RawRecord>;
  /** Repository LICENSE files at the source root, for the license stage to detect. */
  licenseFiles?(src: S, env: SourceEnv): Promise<{ file: string; text: string }[]>;
  /**
   * Evidence files whatever `include`/`exclude` say: LICENSE/COPYING/NOTICE/COPYRIGHT/AUTHORS at
   * the root, and license/notice files of subfolders (bundled packages).
   */
  evidenceFiles?(src: S, env: SourceEnv): Promise<{ file: string; text: string }[]>;
}
