import { createBar, logEvent, logFormat, logLine } from '../core/terminal.js';

export interface Progress {
  /** Adds `records` records (default 1) and `bytes` bytes read; moves the bar when its unit is records. */
  tick(records?: number, bytes?: number): void;
  /** Counts one error or reject. */
  error(n?: number): void;
  /** Moves the bar by `n` units when its unit is not records (partitions, shards, ...). */
  advance(n?: number): void;
  /** Final line / freezes the bar. `final` replaces the standard summary (e.g. what a resumed phase reused). Idempotent. */
  stop(final?: string): void;
}

export interface ProgressOptions {
  label: string;
  /** Expected units, when known (a bar with percentage and ETA). */
  total?: number;
  /** What the bar counts (default records). */
  unit?: string;
  /** What `error()` counts, in the summary (default errors). */
  errorsAre?: string;
  /** Where to write (default process.stderr). */
  stream?: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Seconds between lines when not on a terminal (default 10, or CURATE_PROGRESS_INTERVAL). */
  intervalSeconds?: number;
  /** Clock, for tests. */
  now?: () => number;
}

const SILENT: Progress = { tick() {}, error() {}, advance() {}, stop() {} };

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export interface ProgressState {
  label: string;
  unit: string;
  errorsAre: string;
  value: number;
  total?: number;
  records: number;
  bytes: number;
  errors: number;
  seconds: number;
}

/** Seconds left at the current rate, or undefined when unknown. */
function eta(s: ProgressState): number | undefined {
  if (s.total === undefined || s.value <= 0 || s.seconds <= 0) return undefined;
  return Math.max(0, ((s.total - s.value) * s.seconds) / s.value);
}

/** One progress line: label, units (of total), records, bytes, MB/s, errors, elapsed, ETA. Pure, for logs and tests. */
export function progressLine(s: ProgressState): string {
  const secs = Math.max(s.seconds, 1e-9);
  const units = s.unit === 'records' ? [] : [`${s.value}${s.total !== undefined ? `/${s.total}` : ''} ${s.unit}`];
  const recs = `${s.records}${s.unit === 'records' && s.total !== undefined ? `/${s.total}` : ''} records`;
  const left = eta(s);
  return `${s.label}: ${[...units, recs, formatBytes(s.bytes), `${(s.records / secs).toFixed(1)} rec/s`, `${formatBytes(s.bytes / secs)}/s`, `${s.errors} ${s.errorsAre}`, `${s.seconds.toFixed(0)} s`, ...(left !== undefined ? [`ETA ${left.toFixed(0)} s`] : [])].join(', ')}`;
}

/**
 * Progress of a long step: a live bar on a terminal (cli-progress, on the board shared with the
 * log lines, which print above it), periodic lines otherwise (JSON objects with --log-format json),
 * nothing with CURATE_PROGRESS=0. Writes to stderr so stdout stays clean for data.
 */
export function createProgress(opts: ProgressOptions): Progress {
  if (process.env.CURATE_PROGRESS === '0') return SILENT;
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? Date.now;
  const t0 = now();
  const unit = opts.unit ?? 'records';
  const st: ProgressState = { label: opts.label, unit, errorsAre: opts.errorsAre ?? 'errors', value: 0, total: opts.total, records: 0, bytes: 0, errors: 0, seconds: 0 };
  let stopped = false;
  const refresh = () => void (st.seconds = (now() - t0) / 1000);

  if ((stream as NodeJS.WriteStream).isTTY && logFormat() === 'text') {
    const payload = () => {
      const left = eta(st);
      return { recs: unit === 'records' ? '' : ` | ${st.records} records`, mb: formatBytes(st.bytes), mbps: (st.bytes / 1e6 / Math.max(st.seconds, 1e-9)).toFixed(2), errors: st.errors, eta: left === undefined ? '?' : `${left.toFixed(0)} s` };
    };
    const known = opts.total !== undefined;
    const fmt = known
      ? `${opts.label} [{bar}] {percentage}% {value}/{total} ${unit}{recs} | {mb} | {mbps} MB/s | {errors} ${st.errorsAre} | ETA {eta}`
      : `${opts.label} {value} ${unit}{recs} | {mb} | {mbps} MB/s | {errors} ${st.errorsAre} | {duration_formatted}`;
    const { bar, end } = createBar(stream, opts.total ?? 0, payload(), fmt);
    const draw = () => {
      refresh();
      bar.update(st.value, payload());
    };
    return {
      tick(r = 1, b = 0) {
        st.records += r;
        st.bytes += b;
        if (unit === 'records') st.value += r;
        if (!stopped) draw();
      },
      error(n = 1) {
        st.errors += n;
        if (!stopped) draw();
      },
      advance(n = 1) {
        st.value += n;
        if (!stopped) draw();
      },
      stop(final) {
        if (stopped) return;
        stopped = true;
        draw();
        end();
        if (final) logLine(final, stream);
      },
    };
  }

  const interval = (opts.intervalSeconds ?? (Number(process.env.CURATE_PROGRESS_INTERVAL) || 10)) * 1000;
  let lastLine = t0;
  const write = (final?: string) => {
    refresh();
    if (logFormat() === 'json') logEvent({ event: 'progress', label: st.label, unit, value: st.value, total: st.total ?? null, records: st.records, bytes: st.bytes, errors: st.errors, seconds: Math.round(st.seconds * 10) / 10, eta_seconds: eta(st) ?? null, ...(final !== undefined ? { done: true, msg: final || progressLine(st) } : {}) }, stream);
    else stream.write(`${final || progressLine(st)}\n`);
  };
  // Lines are written from the calls rather than a timer, so an idle or finished step never keeps the process alive.
  const maybeWrite = () => {
    const t = now();
    if (t - lastLine >= interval) {
      lastLine = t;
      write();
    }
  };
  return {
    tick(r = 1, b = 0) {
      st.records += r;
      st.bytes += b;
      if (unit === 'records') st.value += r;
      if (!stopped) maybeWrite();
    },
    error(n = 1) {
      st.errors += n;
      if (!stopped) maybeWrite();
    },
    advance(n = 1) {
      st.value += n;
      if (!stopped) maybeWrite();
    },
    stop(final) {
      if (stopped) return;
      stopped = true;
      write(final ?? '');
    },
  };
}
