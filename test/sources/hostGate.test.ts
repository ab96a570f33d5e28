import { describe, expect, it } from 'vitest';
import { HostGates } from '../../src/sources/http/hostGate.js';
import { sleep } from '../../src/sources/http/retryPolicy.js';

describe('host gates', () => {
  it('spaces request starts per host, caps in-flight per host and overall', async () => {
    const gates = new HostGates({ concurrency: 3, perHostConcurrency: 2, perHostRate: 50 }); // 20 ms apart
    const starts = new Map<string, number[]>();
    const inflight = new Map<string, number>();
    const maxInflight = new Map<string, number>();
    let all = 0;
    let maxAll = 0;
    const job = (host: string) =>
      gates.run(host, async () => {
        (starts.get(host) ?? starts.set(host, []).get(host)!).push(performance.now());
        inflight.set(host, (inflight.get(host) ?? 0) + 1);
        maxInflight.set(host, Math.max(maxInflight.get(host) ?? 0, inflight.get(host)!));
        maxAll = Math.max(maxAll, ++all);
        await sleep(35);
        inflight.set(host, inflight.get(host)! - 1);
        all--;
      });
    await Promise.all(['a', 'b', 'c'].flatMap((h) => Array.from({ length: 6 }, () => job(h))));
    for (const h of ['a', 'b', 'c']) {
      const s = starts.get(h)!;
      expect(s).toHaveLength(6);
      for (let i = 1; i < s.length; i++) expect(s[i]! - s[i - 1]!).toBeGreaterThanOrEqual(19);
      expect(maxInflight.get(h)).toBeLessThanOrEqual(2);
    }
    expect(maxAll).toBeLessThanOrEqual(3);
  });

  it('slows a host to its crawl delay, never speeds it up', async () => {
    const gates = new HostGates({ concurrency: 4, perHostConcurrency: 4, perHostRate: 100 });
    gates.gate('h').slowTo(40);
    gates.gate('h').slowTo(5);
    const s: number[] = [];
    await Promise.all(Array.from({ length: 3 }, () => gates.run('h', async () => void s.push(performance.now()))));
    expect(s[2]! - s[0]!).toBeGreaterThanOrEqual(79);
  });
});
