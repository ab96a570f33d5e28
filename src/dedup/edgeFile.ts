import { createHash } from 'node:crypto';
import type { EdgeList } from './bandEdges.js';
import type { DedupPlan, TablePlan } from './dedupItems.js';

/**
 * What a scale-out task writes: its verified edges plus the fingerprint of the plan they refer
 * to. Edges use rank numbers, which are only meaningful for the exact same items; the merge
 * step refuses edges computed over a different plan instead of producing silent garbage.
 *
 * Layout (little endian): "CDE1", fingerprint (32 bytes sha256), count u32, from i32[count],
 * to i32[count], sim f32[count].
 */
const MAGIC = 0x31454443; // "CDE1"

/** sha256 over the ranked ids and the near-dedup membership: equal iff two tasks planned the same input. */
export function planFingerprint(plan: DedupPlan): Buffer {
  const h = createHash('sha256');
  for (let r = 0; r < plan.ranked.length; r++) h.update(plan.ranked[r].id).update(plan.nearDoc[r] >= 0 ? '\u0001' : '\u0000');
  return h.digest();
}

/** planFingerprint of a TablePlan: the same value as for the equivalent items (ids hashed as UTF-8 either way). */
export function tablePlanFingerprint(plan: TablePlan): Buffer {
  const h = createHash('sha256');
  for (let r = 0; r < plan.order.length; r++) h.update(plan.table.idView(plan.order[r])).update(plan.nearDoc[r] >= 0 ? '\u0001' : '\u0000');
  return h.digest();
}

export function encodeEdges(edges: EdgeList, fingerprint: Buffer): Buffer {
  const n = edges.length;
  const buf = Buffer.alloc(4 + 32 + 4 + n * 12);
  buf.writeUInt32LE(MAGIC, 0);
  fingerprint.copy(buf, 4);
  buf.writeUInt32LE(n, 36);
  let o = 40;
  for (let e = 0; e < n; e++, o += 4) buf.writeInt32LE(edges.from[e], o);
  for (let e = 0; e < n; e++, o += 4) buf.writeInt32LE(edges.to[e], o);
  for (let e = 0; e < n; e++, o += 4) buf.writeFloatLE(edges.sim[e], o);
  return buf;
}

export function decodeEdges(buf: Buffer, fingerprint: Buffer, name = 'edge file'): EdgeList {
  if (buf.length < 40 || buf.readUInt32LE(0) !== MAGIC) throw new Error(`${name}: not a curate dedup edge file`);
  if (!buf.subarray(4, 36).equals(fingerprint)) {
    throw new Error(`${name}: edges were computed over different dedup input (plan fingerprint differs); rerun that task on the same staging files`);
  }
  const n = buf.readUInt32LE(36);
  if (buf.length !== 40 + n * 12) throw new Error(`${name}: truncated (expected ${40 + n * 12} bytes, got ${buf.length}); rerun that task`);
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  const sim = new Float32Array(n);
  let o = 40;
  for (let e = 0; e < n; e++, o += 4) from[e] = buf.readInt32LE(o);
  for (let e = 0; e < n; e++, o += 4) to[e] = buf.readInt32LE(o);
  for (let e = 0; e < n; e++, o += 4) sim[e] = buf.readFloatLE(o);
  return { from, to, sim, length: n };
}
