import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** One stored judgment. */
export interface Label {
  label_id: number;
  /** The document id. */
  id: string;
  labeller: string;
  /** ISO 8601 time the label was stored (or last changed). */
  time: string;
  /** sha256 of the text the labeller saw: a label for a text that changed since is stale. */
  text_sha256: string;
  quality: number;
  domain: string | null;
  note: string | null;
  /** How the document was chosen: uncertain (near the boundary), random, or direct (opened by id). */
  pick: string | null;
}

export type NewLabel = Omit<Label, 'label_id'>;

/**
 * Labels in SQLite (better-sqlite3). WAL journal with synchronous=FULL: a label is on disk when
 * the POST answers, so a killed server loses nothing it acknowledged. One label per
 * (document, labeller): posting again changes it, never duplicates it. Calls are synchronous,
 * so two requests in one server never interleave inside a write; two servers on the same file
 * are serialised by SQLite's lock (busy_timeout).
 */
export class LabelStore {
  readonly db: Database.Database;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS labels (
        label_id    INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id      TEXT NOT NULL,
        labeller    TEXT NOT NULL,
        time        TEXT NOT NULL,
        text_sha256 TEXT NOT NULL,
        quality     INTEGER NOT NULL CHECK (quality BETWEEN 0 AND 5),
        domain      TEXT,
        note        TEXT,
        pick        TEXT,
        UNIQUE (doc_id, labeller)
      );
    `);
  }

  /** Stores a label, or replaces this labeller's earlier label of the document. */
  put(l: NewLabel): { label: Label; created: boolean } {
    const tx = this.db.transaction((): { label: Label; created: boolean } => {
      const before = this.db.prepare('SELECT label_id FROM labels WHERE doc_id = ? AND labeller = ?').get(l.id, l.labeller) as { label_id: number } | undefined;
      const row = this.db
        .prepare(
          `INSERT INTO labels (doc_id, labeller, time, text_sha256, quality, domain, note, pick) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (doc_id, labeller) DO UPDATE SET time = excluded.time, text_sha256 = excluded.text_sha256, quality = excluded.quality,
             domain = excluded.domain, note = excluded.note, pick = excluded.pick
           RETURNING *`,
        )
        .get(l.id, l.labeller, l.time, l.text_sha256, l.quality, l.domain, l.note, l.pick) as Record<string, unknown>;
      return { label: toLabel(row), created: !before };
    });
    return tx.immediate();
  }

  /** Deletes one label if it belongs to this labeller (undo). */
  remove(labelId: number, labeller: string): Label | undefined {
    const row = this.db.prepare('DELETE FROM labels WHERE label_id = ? AND labeller = ? RETURNING *').get(labelId, labeller) as Record<string, unknown> | undefined;
    return row ? toLabel(row) : undefined;
  }

  all(): Label[] {
    return (this.db.prepare('SELECT * FROM labels ORDER BY label_id').all() as Record<string, unknown>[]).map(toLabel);
  }

  forDoc(id: string): Label[] {
    return (this.db.prepare('SELECT * FROM labels WHERE doc_id = ? ORDER BY label_id').all(id) as Record<string, unknown>[]).map(toLabel);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM labels').get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}

function toLabel(r: Record<string, unknown>): Label {
  return {
    label_id: Number(r.label_id),
    id: String(r.doc_id),
    labeller: String(r.labeller),
    time: String(r.time),
    text_sha256: String(r.text_sha256),
    quality: Number(r.quality),
    domain: r.domain === null || r.domain === undefined ? null : String(r.domain),
    note: r.note === null || r.note === undefined ? null : String(r.note),
    pick: r.pick === null || r.pick === undefined ? null : String(r.pick),
  };
}
