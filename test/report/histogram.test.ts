import { describe, expect, it } from 'vitest';
import { LinearHistogram, Log2Histogram } from '../../src/report/histogram.js';

describe('LinearHistogram', () => {
  it('bins by width, puts the upper edge in the last bin, clamps outliers and skips non-numbers', () => {
    const h = new LinearHistogram(0, 5, 0.5);
    for (const v of [0, 0.49, 0.5, 2.5, 4.99, 5, 7, -1, Number.NaN]) h.add(v);
    const bins = h.bins();
    expect(bins.length).toBe(10);
    expect(bins.map((b) => b.count)).toEqual([3, 1, 0, 0, 0, 1, 0, 0, 0, 3]);
    expect(bins[5]).toMatchObject({ label: '2.5–3', range: '2.5–3', start: 2.5 });
  });

  it('labels whole-number bins by their value', () => {
    const h = new LinearHistogram(0, 6, 1, 'start');
    for (const v of [0, 3, 3, 5]) h.add(v);
    expect(h.bins().map((b) => [b.label, b.range, b.count])).toEqual([['0', '0', 1], ['1', '1', 0], ['2', '2', 0], ['3', '3', 2], ['4', '4', 0], ['5', '5', 1]]);
  });
});

describe('Log2Histogram', () => {
  it('counts powers of two from the smallest to the largest bin seen, keeping empty bins between', () => {
    const h = new Log2Histogram();
    for (const v of [2, 3, 3, 17, 1500, 0]) h.add(v);
    const bins = h.bins();
    expect(bins.map((b) => b.label)).toEqual(['1', '2', '4', '8', '16', '32', '64', '128', '256', '512', '1k']);
    expect(bins.map((b) => b.count)).toEqual([1, 3, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(bins[10]!.range).toBe('1,024–2,047');
    expect(bins[0]!.range).toBe('1');
    expect(new Log2Histogram().bins()).toEqual([]);
  });
});
