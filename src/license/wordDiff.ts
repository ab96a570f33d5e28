/**
 * Word-level difference of two integer sequences (Myers' O(ND) algorithm), as hunks: the
 * positions where `a` and `b` stop agreeing and what each side has there. Gives up (undefined)
 * past `maxEdits` edits, so comparing a text with an unrelated one costs O(N·maxEdits), not O(N²).
 */

export interface DiffHunk {
  /** Position in `a` where the hunk starts (the words a[aStart, aEnd) are replaced). */
  aStart: number;
  aEnd: number;
  /** The words b[bStart, bEnd) stand in their place. */
  bStart: number;
  bEnd: number;
}

export function diffHunks(a: ArrayLike<number>, b: ArrayLike<number>, maxEdits: number): DiffHunk[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    const next = v;
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
  }
  if (found < 0) return undefined;
  // Walk back through the trace: each step d is one insertion or deletion plus a diagonal run.
  const edits: ('del' | 'ins')[] = [];
  const at: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    edits.push(down ? 'ins' : 'del');
    at.push([prevX, prevY]);
    x = prevX;
    y = prevY;
  }
  edits.reverse();
  at.reverse();
  // Group consecutive edits that touch (no matching word between them) into hunks.
  const hunks: DiffHunk[] = [];
  for (let i = 0; i < edits.length; i++) {
    const [px, py] = at[i]!;
    const h: DiffHunk = edits[i] === 'del' ? { aStart: px, aEnd: px + 1, bStart: py, bEnd: py } : { aStart: px, aEnd: px, bStart: py, bEnd: py + 1 };
    const last = hunks[hunks.length - 1];
    if (last && last.aEnd === h.aStart && last.bEnd === h.bStart) {
      last.aEnd = h.aEnd;
      last.bEnd = h.bEnd;
    } else hunks.push(h);
  }
  return hunks;
}
