/**
 * The pipeline's phase 2 (compact DedupTable, signatures in one array or in a file) gives exactly
 * what dedupItems gives over the same documents as objects: same ranks, edges, fingerprint, decisions.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dedupSchema, type DedupConfig } from '../../src/config/dedupSchema.js';
import { findBandEdges, mergeEdges } from '../../src/dedup/bandEdges.js';
import { DECISION_KINDS, decideDedup, decideDedupTable, planDedup, planDedupTable, type DedupDecision, type DedupItem } from '../../src/dedup/dedupItems.js';
import { DedupTable } from '../../src/dedup/dedupTable.js';
import { planFingerprint, tablePlanFingerprint } from '../../src/dedup/edgeFile.js';
import { exactHash } from '../../src/dedup/exactHash.js';
import { allBands, bandsForTask } from '../../src/dedup/lshBands.js';
import { isEmptySignature, minhashSignature } from '../../src/dedup/minhash.js';
import { SignatureFile } from '../../src/dedup/signatureFile.js';
import { randomWords, rng } from './synthetic.js';

/** Clusters of near and exact copies over 3 sources, ties on every survivor key, short texts, non-ASCII ids. */
function corpus(seed: number, cfg: DedupConfig): DedupItem[] {
  const rand = rng(seed);
  const items: DedupItem[] = [];
  const idChars = ['a', 'é', '\uE000', '\uFFFD', '😀', '𝄞', 'z'];
  for (let c = 0; c < 40; c++) {
    const base = randomWords(60 + Math.floor(rand() * 200), rand);
    const copies = 1 + Math.floor(rand() * 5);
    for (let k = 0; k < copies; k++) {
      const words = [...base];
      if (k > 0) for (let j = 0; j < Math.floor(rand() * 4); j++) words[Math.floor(rand() * words.length)] = `w${Math.floor(rand() * 1e6)}`;
      const text = rand() < 0.1 ? base.slice(0, 3).join(' ') : rand() < 0.15 ? base.join(' ').toUpperCase() : words.join(' ');
      const id = `${idChars[Math.floor(rand() * idChars.length)]}${idChars[Math.floor(rand() * idChars.length)]}/${c}-${k}`;
      items.push({
        id,
        source: `s${Math.floor(rand() * 3)}`,
        licenseRank: Math.floor(rand() * 2),
        quality: rand() < 0.05 ? Number.NaN : Math.floor(rand() * 2),
        length: rand() < 0.5 ? 1000 : text.length,
        exactHash: exactHash(text),
        signature: rand() < 0.03 ? undefined : minhashSignature(text, cfg),
      });
    }
  }
  return items;
}

function tableOf(items: DedupItem[], P: number, store: 'memory' | 'file', dir: string): { table: DedupTable; signatures: { memory?: Uint32Array; file?: SignatureFile } } {
  const table = new DedupTable(4); // small: exercises growth
  const memory = new Uint32Array(items.length * P);
  const file = store === 'file' ? new SignatureFile(join(dir, 'signatures.bin'), P) : undefined;
  for (const it of items) {
    const has = !!it.signature && !isEmptySignature(it.signature);
    const row = table.add(it.id, it.source, it.licenseRank, it.quality, it.length, it.exactHash, has);
    if (has) memory.set(it.signature!, row * P);
    file?.append(has ? new Uint8Array(it.signature!.buffer, it.signature!.byteOffset, 4 * P) : undefined);
  }
  file?.flush();
  return { table, signatures: file ? { file } : { memory } };
}

describe('DedupTable (pipeline phase 2)', () => {
  for (const store of ['memory', 'file'] as const) {
    it(`gives the decisions, edges and plan fingerprint of dedupItems, signatures in ${store}`, () => {
      for (const cfg of [dedupSchema.parse({}), dedupSchema.parse({ survivor: ['source', 'shorter', 'quality'], threshold: 0.7, max_cluster_size: 2, min_source_docs: 5, max_source_loss: 0.1 })]) {
        const items = corpus(7, cfg);
        const plan = planDedup(items, cfg);
        const found = findBandEdges(plan.index, cfg, allBands(cfg));
        const expected = decideDedup(plan, mergeEdges([found.edges]), cfg, found.stats);
        expect(expected.stats.removed_near).toBeGreaterThan(5);
        expect(expected.stats.removed_exact).toBeGreaterThan(0);
        expect(expected.stats.skipped_short).toBeGreaterThan(0);
        if (cfg.max_cluster_size === 2) expect(new Set(expected.alarms.map((a) => a.kind))).toEqual(new Set(['cluster_size', 'source_loss']));

        const dir = mkdtempSync(join(tmpdir(), 'dedup-table-'));
        const { table, signatures } = tableOf(items, cfg.num_perm, store, dir);
        const tplan = planDedupTable(table, signatures, cfg);
        expect(tablePlanFingerprint(tplan).equals(planFingerprint(plan))).toBe(true);
        // Split over 3 tasks, as `curate dedup --task-count 3` does.
        const parts = [0, 1, 2].map((t) => findBandEdges(tplan.index, cfg, bandsForTask(t, 3, cfg)));
        const tedges = mergeEdges(parts.map((p) => p.edges));
        const all = mergeEdges([found.edges]);
        expect(Array.from(tedges.from)).toEqual(Array.from(all.from));
        expect(Array.from(tedges.to)).toEqual(Array.from(all.to));
        expect(Array.from(tedges.sim)).toEqual(Array.from(all.sim));
        const o = decideDedupTable(tplan, tedges, cfg, found.stats);
        const decisions: DedupDecision[] = Array.from(tplan.order, (row, r) => {
          const sid = table.id(tplan.order[o.survivorOf[r]]);
          return { id: table.id(row), cluster: sid, survivor: o.survivorOf[r] === r, survivorId: sid, similarity: o.similarity[r], kind: DECISION_KINDS[o.kind[r]] };
        });
        expect(decisions).toEqual(expected.decisions);
        expect(o.stats).toEqual(expected.stats);
        expect(o.alarms).toEqual(expected.alarms);
        signatures.file?.close();
        expect(readdirSync(dir)).toEqual([]);
      }
    });
  }

  it('orders ids as JS strings do, from their UTF-8 bytes (BMP private use vs astral characters)', () => {
    const ids = ['a', 'ab', '', '\uE000', '\uFFFF', '😀', '😀a', '𝄞', 'é', 'z\uE000', 'z😀', '\u07FF', '\u0800'];
    const t = new DedupTable();
    for (const id of ids) t.add(id, 's', 0, 0, 0, '0'.repeat(32), false);
    for (let x = 0; x < ids.length; x++) {
      for (let y = 0; y < ids.length; y++) expect(t.compareIds(x, y), `${ids[x]} vs ${ids[y]}`).toBe(ids[x] < ids[y] ? -1 : ids[x] > ids[y] ? 1 : 0);
    }
    expect(t.firstDuplicateId()).toBe(-1);
    t.add('😀a', 's', 0, 0, 0, 'not a hex hash', false);
    expect(t.firstDuplicateId()).toBe(ids.length);
    expect(t.id(ids.length)).toBe('😀a');
  });

  it('rejects duplicate ids with the same message as dedupItems', () => {
    const cfg = dedupSchema.parse({});
    const t = new DedupTable();
    t.add('x', 's', 0, 0, 0, exactHash('a'), false);
    t.add('x', 's', 0, 0, 0, exactHash('b'), false);
    expect(() => planDedupTable(t, { memory: new Uint32Array(0) }, cfg)).toThrow(/duplicate document id "x" in dedup input/);
  });
});
