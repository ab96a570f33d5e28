import cliProgress from 'cli-progress';

export interface Progress {
  /** Adds `records` records (default 1) and `bytes` bytes read. */
  tick(records?: number, bytes?: number): void;
  /** Counts one error (a reject, a failed fetch). */
  error(n?: number): void;
  /** Final line / removes the bar. Idempotent. */
  stop(): void;
}

export interface ProgressOptions {
  label: string;
  /** Expected records, when known (draws a bar with an ETA on a terminal). */
  total?: number;
  /** Where to write (default process.stderr). */
  stream?: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Seconds between log lines when not on a terminal (default 10, or CURATE_PROGRESS_INTERVAL). */
  intervalSeconds?: number;
  /** Clock, for tests. */
  now?: () => number;
}

const SILENT: Progress = { tick() {}, error() {}, stop() {} };

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** One progress line: label, records (of total), bytes, rates, errors. Pure, for logs and tests. */
export function progressLine(label: string, records: number, bytes: number, errors: number, seconds: number, total?: number): string {
  const s = Math.max(seconds, 1e-9);
  const of = total !== undefined ? `/${total}` : '';
  return `${label}: ${records}${of} records, ${formatBytes(bytes)}, ${(records / s).toFixed(1)} rec/s, ${formatBytes(bytes / s)}/s, ${errors} errors, ${seconds.toFixed(0)} s`;
}

/**
 * Progress for a long read: a live bar on a terminal (cli-progress), a periodic one-line log
 * otherwise (cli-progress prints nothing on a non-TTY by itself), nothing at all when
 * CURATE_PROGRESS=0. Writes to stderr so stdout stays clean for data.
 */
export function createProgress(opts: ProgressOptions): Progress {
  if (process.env.CURATE_PROGRESS === '0') return SILENT;
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? Date.now;
  const t0 = now();
  let records = 0;
  let bytes = 0;
  let errors = 0;
  let stopped = false;
  const elapsed = () => (now() - t0) / 1000;

  if ((stream as NodeJS.WriteStream).isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: opts.total !== undefined
          ? `${opts.label} [{bar}] {percentage}% {value}/{total} | {mb} | {rate} rec/s | {errors} errors | ETA {eta_formatted}`
          : `${opts.label} {value} records | {mb} | {rate} rec/s | {errors} errors | {duration_formatted}`,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(opts.total ?? 0, 0, { mb: formatBytes(0), rate: '0', errors: 0 });
    const payload = () => ({ mb: formatBytes(bytes), rate: (records / Math.max(elapsed(), 1e-9)).toFixed(1), errors });
    return {
      tick(r = 1, b = 0) {
        records += r;
        bytes += b;
        if (!stopped) bar.update(records, payload());
      },
      error(n = 1) {
        errors += n;
        if (!stopped) bar.update(records, payload());
      },
      stop() {
        if (stopped) return;
        stopped = true;
        bar.update(records, payload());
        bar.stop();
      },
    };
  }

  const interval = (opts.intervalSeconds ?? (Number(process.env.CURATE_PROGRESS_INTERVAL) || 10)) * 1000;
  let lastLine = t0;
  const write = () => stream.write(`${progressLine(opts.label, records, bytes, errors, elapsed(), opts.total)}\n`);
  // Lines are written from tick() rather than a timer, so an idle or finished reader never keeps the process alive.
  const maybeWrite = () => {
    const t = now();
    if (t - lastLine >= interval) {
      lastLine = t;
      write();
    }
  };
  return {
    tick(r = 1, b = 0) {
      records += r;
      bytes += b;
      if (!stopped) maybeWrite();
    },
    error(n = 1) {
      errors += n;
      if (!stopped) maybeWrite();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      write();
    },
  };
}
