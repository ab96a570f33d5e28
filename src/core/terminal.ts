import cliProgress from 'cli-progress';

/**
 * Where log lines and progress bars meet. On a terminal the bars of a phase share one
 * cli-progress MultiBar and every log line goes through it, so lines are printed above the bars
 * instead of being glued onto them. `--log-format json` turns both into one JSON object per line
 * (for cluster log collectors).
 */
export type LogFormat = 'text' | 'json';
export const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

let format: LogFormat = 'text';
let board: { multi: cliProgress.MultiBar; stream: NodeJS.WritableStream; active: number } | undefined;

export function setLogFormat(f: LogFormat): void {
  format = f;
}

export function logFormat(): LogFormat {
  return format;
}

/** One log line to stderr (or `stream`): above the progress bars on a terminal, JSON with --log-format json. */
export function logLine(line: string, stream: NodeJS.WritableStream = process.stderr): void {
  if (format === 'json') stream.write(`${JSON.stringify({ time: new Date().toISOString(), level: line.startsWith('warning') ? 'warn' : 'info', msg: line })}\n`);
  else if (board && board.stream === stream) board.multi.log(`${line}\n`);
  else stream.write(`${line}\n`);
}

/** One structured progress event (json format only). */
export function logEvent(event: Record<string, unknown>, stream: NodeJS.WritableStream = process.stderr): void {
  stream.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', ...event })}\n`);
}

/** A bar on the shared board of `stream` (created on first use; stopped, leaving its last frame, when its last bar ends). */
export function createBar(stream: NodeJS.WritableStream, total: number, payload: Record<string, unknown>, barFormat: string): { bar: cliProgress.SingleBar; end(): void } {
  if (!board || board.stream !== stream) {
    board = {
      multi: new cliProgress.MultiBar({ stream: stream as NodeJS.WriteStream, hideCursor: true, clearOnComplete: false, stopOnComplete: false, autopadding: true, barsize: 20, fps: 5 }, cliProgress.Presets.shades_classic),
      stream,
      active: 0,
    };
  }
  const b = board;
  b.active++;
  const bar = b.multi.create(total, 0, payload, { format: barFormat });
  let ended = false;
  return {
    bar,
    end() {
      if (ended) return;
      ended = true;
      bar.stop();
      if (--b.active === 0 && board === b) {
        b.multi.stop();
        board = undefined;
      }
    },
  };
}
