import { fork, type ChildProcess } from 'node:child_process';
import { affinityGroups, type IngestJob } from './ingestJob.js';
import type { RunContext } from './runContext.js';

/** What the parent tells a worker process. */
export type ToWorker = { type: 'job'; source: string; part: string } | { type: 'exit' };

/** What a worker process tells the parent. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'log'; line: string }
  | { type: 'progress'; records: number; bytes: number; rejected: number }
  | { type: 'done'; records: number; staged: number }
  | { type: 'error'; message: string; stack?: string };

/** How the parent starts a worker process: everything else it reads from the config itself. */
export interface WorkerStart {
  configFile: string;
  /** The parent's ingest fingerprint and config hash: a worker that reads something else refuses to work. */
  fingerprint: string;
  configSha256: string;
  batchSize: number;
  checkpointRecords: number;
}

export const WORKER_START_ENV = 'CURATE_INGEST_WORKER';

export interface ProcessPoolOptions {
  processes: number;
  fingerprint: string;
  batchSize: number;
  checkpointRecords: number;
  /** Ingests one partition in this process. */
  ingestHere: (job: IngestJob) => Promise<void>;
  onProgress: (records: number, bytes: number, rejected: number) => void;
  onDone: (job: IngestJob, result: { records: number; staged: number }) => void;
}

/**
 * Phase 1 on `processes` processes: this one and `processes − 1` child processes, each taking
 * whole partitions from one queue (in plan order) until it is empty. Every partition is written
 * by exactly one process, the same way whoever takes it, so outputs do not depend on the count
 * or on who was faster; this is how scale-out tasks already run, minus the scheduler.
 *
 * Why processes and not threads: with threads, one main thread reads, decompresses and writes
 * staging for all and the batches are written in order, so the threads waited on each other
 * (2 threads kept 2 cores only ~1.6 busy, docs/performance.md); independent processes share
 * nothing but the disk. As with `runInFlight`, after a failure no new partition starts, the
 * running ones finish, then the first error is thrown.
 */
export async function runInProcesses(run: RunContext, jobs: IngestJob[], opts: ProcessPoolOptions): Promise<void> {
  const queue = affinityGroups(jobs);
  let failure: { error: unknown } | undefined;
  // A process that took a group's first partition takes the rest of the group next.
  const next = (mine: IngestJob[][]): IngestJob | undefined => {
    if (failure) return undefined;
    while (mine.length && !mine[0]!.length) mine.shift();
    if (!mine.length) {
      const group = queue.shift();
      if (!group) return undefined;
      mine.push(group);
    }
    return mine[0]!.shift();
  };
  const fail = (error: unknown) => void (failure ??= { error });
  const start: WorkerStart = { configFile: run.loaded.file, fingerprint: opts.fingerprint, configSha256: run.configSha256, batchSize: opts.batchSize, checkpointRecords: opts.checkpointRecords };
  const children: ChildProcess[] = [];

  const here = async () => {
    const mine: IngestJob[][] = [];
    for (let job = next(mine); job; job = next(mine)) {
      try {
        await opts.ingestHere(job);
      } catch (e) {
        fail(e);
      }
    }
  };

  const child = async () => {
    const proc = forkWorker(start);
    children.push(proc);
    const worker = new WorkerChannel(proc, run, opts.onProgress);
    try {
      await worker.reply('ready');
      const mine: IngestJob[][] = [];
      for (let job = next(mine); job; job = next(mine)) {
        worker.send({ type: 'job', source: job.source, part: job.part });
        const r = await worker.reply('done', `${job.source}/${job.part}`);
        opts.onDone(job, r);
      }
      worker.send({ type: 'exit' });
      await worker.exited;
    } catch (e) {
      fail(e);
      worker.send({ type: 'exit' });
      await worker.exited;
    }
  };

  try {
    await Promise.all([here(), ...Array.from({ length: opts.processes - 1 }, child)]);
  } finally {
    // Only reached with children still alive if this process itself is failing: end them (ours, by pid).
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill();
  }
  if (failure) throw failure.error;
}

/** Child processes run the compiled entry next to this file, or from sources a tsx bootstrap in bin/. */
function forkWorker(start: WorkerStart): ChildProcess {
  const compiled = import.meta.url.endsWith('.js');
  const entry = compiled ? new URL('./ingestWorkerProcess.js', import.meta.url) : new URL('../../bin/ingestWorker.mjs', import.meta.url);
  return fork(entry, [], { env: { ...process.env, [WORKER_START_ENV]: JSON.stringify(start) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** The parent's side of one worker process: waits for its replies, forwards its logs and progress. */
class WorkerChannel {
  readonly exited: Promise<void>;
  private waiting?: { type: string; what: string; resolve: (m: never) => void; reject: (e: Error) => void };
  private gone?: string;

  constructor(
    private readonly proc: ChildProcess,
    run: RunContext,
    onProgress: ProcessPoolOptions['onProgress'],
  ) {
    proc.on('message', (m: FromWorker) => {
      if (m.type === 'log') run.log(m.line);
      else if (m.type === 'progress') onProgress(m.records, m.bytes, m.rejected);
      else if (m.type === 'error') this.settle(Object.assign(new Error(m.message), m.stack ? { stack: m.stack } : {}));
      else if (this.waiting?.type === m.type) this.settle(undefined, m);
    });
    this.exited = new Promise((resolve) => {
      proc.on('exit', (code, signal) => {
        this.gone = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        this.settle(new Error(`ingest worker process ${proc.pid} ${this.gone}${this.waiting ? ` while ${this.waiting.what}` : ''}; run again to resume`));
        resolve();
      });
      proc.on('error', (e) => this.settle(e));
    });
  }

  send(m: ToWorker): void {
    if (this.gone === undefined && this.proc.connected) this.proc.send(m);
  }

  /** The next message of this type (anything else but logs and progress is an error). */
  reply<T extends FromWorker['type']>(type: T, part?: string): Promise<Extract<FromWorker, { type: T }>> {
    const what = part ? `ingesting ${part}` : 'starting';
    if (this.gone !== undefined) return Promise.reject(new Error(`ingest worker process ${this.proc.pid} ${this.gone} before ${what}; run again to resume`));
    return new Promise((resolve, reject) => (this.waiting = { type, what, resolve: resolve as (m: never) => void, reject }));
  }

  private settle(error?: Error, m?: FromWorker): void {
    const w = this.waiting;
    if (!w) return;
    this.waiting = undefined;
    if (error) w.reject(error);
    else w.resolve(m as never);
  }
}
