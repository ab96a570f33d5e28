/** A killed label server (kill -9 of the real `curate label` process) loses no label it acknowledged. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabelStore } from '../../src/label/labelStore.js';
import { domainSamples, killed, startLabelServer } from './labelProcess.js';

describe('curate label under kill -9', () => {
  it('keeps every label whose POST was answered', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'curate-kill-')), 'labels.sqlite');
    const { child, base, output } = await startLabelServer([domainSamples, '--db', db]);
    try {
      expect(output()).toMatch(/loopback only/);
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const d = (await (await fetch(`${base}/api/next?labeller=kim`)).json()) as { id: string };
        ids.push(d.id);
        // Post without waiting for the earlier ones: several are in flight when the kill comes.
        void fetch(`${base}/api/labels`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: d.id, labeller: 'kim', quality: i % 6 }) });
      }
      const acknowledged: string[] = [];
      const posts = ids.map(async (id, i) => {
        const r = await fetch(`${base}/api/labels`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, labeller: 'lee', quality: (i + 1) % 6 }) });
        if (r.status === 201) acknowledged.push(id);
      });
      await Promise.race([Promise.all(posts), new Promise((r) => setTimeout(r, 300))]);
      await killed(child);
      await Promise.allSettled(posts);
      const store = new LabelStore(db);
      const lee = store.all().filter((l) => l.labeller === 'lee').map((l) => l.id);
      store.close();
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const id of acknowledged) expect(lee).toContain(id);
      // Nothing duplicated either.
      expect(new Set(lee).size).toBe(lee.length);
    } finally {
      await killed(child);
    }
  }, 60_000);
});
