import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createProgress, progressLine } from '../../src/sources/progress.js';

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, cb) {
      w.text += String(chunk);
      cb();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

afterEach(() => {
  delete process.env.CURATE_PROGRESS;
});

describe('progress', () => {
  it('formats one line with records, bytes, rates and errors', () => {
    expect(progressLine({ label: 'warc', unit: 'records', errorsAre: 'errors', value: 200, total: 1000, records: 200, bytes: 5_000_000, errors: 3, seconds: 10 })).toBe('warc: 200/1000 records, 5.0 MB, 20.0 rec/s, 500.0 KB/s, 3 errors, 10 s, ETA 40 s');
    expect(progressLine({ label: 'ingest x', unit: 'partitions', errorsAre: 'rejected', value: 1, total: 4, records: 50, bytes: 1000, errors: 2, seconds: 5 })).toBe('ingest x: 1/4 partitions, 50 records, 1.0 KB, 10.0 rec/s, 200 B/s, 2 rejected, 5 s, ETA 15 s');
  });

  it('writes periodic lines when not on a terminal, and a final line on stop', () => {
    let t = 0;
    const out = sink();
    const p = createProgress({ label: 'files', stream: out, intervalSeconds: 5, now: () => t });
    p.tick(1, 100);
    expect(out.text).toBe('');
    t = 6000;
    p.tick(1, 100);
    p.error();
    t = 7000;
    p.stop();
    p.stop();
    const lines = out.text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^files: 2 records, 200 B/);
    expect(lines[1]).toMatch(/^files: 2 records, 200 B, .* 1 errors, 7 s$/);
  });

  it('is silent with CURATE_PROGRESS=0', () => {
    process.env.CURATE_PROGRESS = '0';
    const out = sink();
    const p = createProgress({ label: 'x', stream: out, intervalSeconds: 0 });
    p.tick();
    p.stop();
    expect(out.text).toBe('');
  });
});
