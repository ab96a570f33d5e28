/**
 * Entry of an ingest worker process (forked by ingestProcessPool.ts): loads the same config as
 * its parent, then ingests the partitions the parent hands it, one at a time, and reports back.
 * It takes no lock (the parent holds the output's) and prints nothing itself: its log lines go
 * to the parent, which writes them in the run's log format.
 */
import { loadConfig } from '../config/loadConfig.js';
import { prepareDecontam } from './decontamSetup.js';
import { ingestFingerprint, ingestSettings } from './ingestPhase.js';
import { ingestPartition } from './ingestPartition.js';
import { WORKER_START_ENV, type FromWorker, type ToWorker, type WorkerStart } from './ingestProcessPool.js';
import { createRunContext, detectSourceLicenses } from './runContext.js';

/** Progress goes to the parent at most this often (and at the end of each partition). */
const PROGRESS_EVERY_MS = 250;

const send = (m: FromWorker) => process.send?.(m);
// The parent is gone (killed, or failed): stop; the next run resumes from the committed chunks.
process.on('disconnect', () => process.exit(1));
let onJob: ((m: Extract<ToWorker, { type: 'job' }>) => void) | undefined;
process.on('message', (m: ToWorker) => {
  if (m.type === 'exit') process.exit(0);
  else if (onJob) onJob(m);
  else send({ type: 'error', message: 'ingest worker: a job arrived before the worker was ready' });
});

async function main(): Promise<void> {
  const start = JSON.parse(process.env[WORKER_START_ENV] ?? '') as WorkerStart;
  let forward = false;
  const run = createRunContext(loadConfig(start.configFile), (line) => forward && send({ type: 'log', line }));
  // The parent has logged the set-up already (license detection, the decontamination index).
  await detectSourceLicenses(run);
  if (run.configSha256 !== start.configSha256 || ingestFingerprint(run) !== start.fingerprint) {
    throw new Error(`${start.configFile} or what it refers to changed while the run was starting; run again`);
  }
  const settings = ingestSettings(run, await prepareDecontam(run, true));
  forward = true;
  let pending = { records: 0, bytes: 0, rejected: 0 };
  let last = Date.now();
  const flushProgress = () => {
    if (pending.records || pending.bytes || pending.rejected) send({ type: 'progress', ...pending });
    pending = { records: 0, bytes: 0, rejected: 0 };
    last = Date.now();
  };
  const onProgress = (records: number, bytes: number, rejected: boolean) => {
    pending.records += records;
    pending.bytes += bytes;
    if (rejected) pending.rejected++;
    if (Date.now() - last >= PROGRESS_EVERY_MS) flushProgress();
  };
  onJob = (m) => {
    const s = settings.get(m.source);
    if (!s) return void send({ type: 'error', message: `ingest worker: source ${m.source} is not readable in this process` });
    ingestPartition(run, s, { id: m.part }, { onProgress, batchSize: start.batchSize, checkpointRecords: start.checkpointRecords }).then(
      (ps) => {
        flushProgress();
        send({ type: 'done', records: ps.records, staged: ps.staged });
      },
      (e: Error) => send({ type: 'error', message: e.message, stack: e.stack }),
    );
  };
  send({ type: 'ready' });
}

main().catch((e: Error) => {
  send({ type: 'error', message: e.message, stack: e.stack });
});
