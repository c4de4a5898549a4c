/**
 * The simulators' state in the sandbox database (`.sandbox/sandbox.db`, beside the Forge host's KVS, queue
 * and web-trigger tables), stored by row: one row per session, issue, attachment, user, log entry…
 * (sandbox/shared/snapshotRows.ts) plus one small "meta" row per simulator. `save` writes, in one
 * transaction, only the rows whose fingerprint changed since the last save and deletes the rows that are
 * gone, so a save costs what changed, not the size of the history. The sandbox saves before answering each
 * simulator request (docs/sandbox.md, "Persistence").
 */
import type Database from 'better-sqlite3';
import type { SnapshotRows } from '../shared/snapshotRows';

/** What was saved for one simulator: its meta value and its rows by collection, in order. */
export interface SavedRows {
  meta: Record<string, unknown>;
  rows: Record<string, unknown[]>;
}

export interface SaveFigures {
  rowsWritten: number;
  rowsDeleted: number;
  bytesWritten: number;
}

interface KeyedTrack {
  kind: 'keyed';
  rows: Map<string, { fingerprint: string; ord: number }>;
  nextOrd: number;
}

interface LogTrack {
  kind: 'log';
  keys: WeakMap<object, number>;
  /** Lowest key still stored, and the next key to hand out. */
  firstKey: number;
  nextKey: number;
}

interface Tracked {
  metaJson: string | undefined;
  collections: Map<string, KeyedTrack | LogTrack>;
}

const META = '';

function freshTrack(kind: 'keyed' | 'log'): KeyedTrack | LogTrack {
  return kind === 'log' ? { kind, keys: new WeakMap(), firstKey: Number.MAX_SAFE_INTEGER, nextKey: 1 } : { kind, rows: new Map(), nextOrd: 1 };
}

export class SimulatorStore {
  private readonly tracked = new Map<string, Tracked>();
  /** Row keys of logs as loaded (oldest first), to recognise the restored items by position. */
  private readonly loadedLogKeys = new Map<string, number[]>();
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly removeLogBelow: Database.Statement;
  private readonly removeCollection: Database.Statement;

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS simulator_rows (
      sim TEXT NOT NULL,
      collection TEXT NOT NULL,
      key TEXT NOT NULL,
      ord INTEGER NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (sim, collection, key)
    )`);
    this.upsert = db.prepare(
      'INSERT INTO simulator_rows (sim, collection, key, ord, value) VALUES (?, ?, ?, ?, ?) ON CONFLICT(sim, collection, key) DO UPDATE SET ord = excluded.ord, value = excluded.value',
    );
    this.remove = db.prepare('DELETE FROM simulator_rows WHERE sim = ? AND collection = ? AND key = ?');
    this.removeLogBelow = db.prepare('DELETE FROM simulator_rows WHERE sim = ? AND collection = ? AND ord < ?');
    this.removeCollection = db.prepare('DELETE FROM simulator_rows WHERE sim = ? AND collection = ?');
  }

  /** The saved state of one simulator, or undefined when none was saved. */
  load(sim: string): SavedRows | undefined {
    const rows = this.db.prepare('SELECT collection, key, ord, value FROM simulator_rows WHERE sim = ? ORDER BY collection, ord').all(sim) as Array<{
      collection: string;
      key: string;
      ord: number;
      value: string;
    }>;
    const metaRow = rows.find((r) => r.collection === META);
    if (!metaRow) return this.loadLegacy(sim);
    const saved: SavedRows = { meta: JSON.parse(metaRow.value) as Record<string, unknown>, rows: {} };
    for (const row of rows) {
      if (row.collection === META) continue;
      (saved.rows[row.collection] ??= []).push(JSON.parse(row.value));
      const logKeys = this.loadedLogKeys.get(`${sim}/${row.collection}`) ?? [];
      logKeys.push(row.ord);
      this.loadedLogKeys.set(`${sim}/${row.collection}`, logKeys);
    }
    return saved;
  }

  /**
   * Remembers the live state that was just restored from `load` (or seeded), so the next save writes only
   * what changes from here. `restored` = the rows in the database are this state.
   */
  adopt(sim: string, live: SnapshotRows, restored: boolean): void {
    const tracked: Tracked = { metaJson: restored ? JSON.stringify(live.meta) : undefined, collections: new Map() };
    for (const [name, collection] of Object.entries(live.collections)) {
      const loadedKeys = restored ? (this.loadedLogKeys.get(`${sim}/${name}`) ?? []) : [];
      if (collection.kind === 'log') {
        const track: LogTrack = { kind: 'log', keys: new WeakMap(), firstKey: 0, nextKey: 1 };
        const items = collection.items();
        if (restored && items.length === loadedKeys.length) {
          items.forEach((item, i) => track.keys.set(item, loadedKeys[i]!));
          track.firstKey = loadedKeys[0] ?? 0;
          track.nextKey = (loadedKeys.at(-1) ?? 0) + 1;
        } else {
          // Not recognisable: the next save rewrites the whole log.
          track.firstKey = Number.MAX_SAFE_INTEGER;
          track.nextKey = (loadedKeys.at(-1) ?? 0) + 1;
        }
        tracked.collections.set(name, track);
      } else {
        const track: KeyedTrack = { kind: 'keyed', rows: new Map(), nextOrd: 1 };
        if (restored) {
          for (const [key, record] of collection.entries()) track.rows.set(key, { fingerprint: collection.fingerprint(record), ord: track.nextOrd++ });
        }
        tracked.collections.set(name, track);
      }
    }
    for (const name of Object.keys(live.collections)) this.loadedLogKeys.delete(`${sim}/${name}`);
    this.tracked.set(sim, tracked);
  }

  /** Writes what changed in every simulator since the last save, in one transaction. */
  save(sources: Record<string, SnapshotRows>): SaveFigures {
    const figures: SaveFigures = { rowsWritten: 0, rowsDeleted: 0, bytesWritten: 0 };
    const write = (sim: string, collection: string, key: string, ord: number, value: string) => {
      this.upsert.run(sim, collection, key, ord, value);
      figures.rowsWritten += 1;
      figures.bytesWritten += value.length;
    };
    this.db.transaction(() => {
      for (const [sim, live] of Object.entries(sources)) {
        let tracked = this.tracked.get(sim);
        if (!tracked) {
          this.adopt(sim, live, false);
          tracked = this.tracked.get(sim)!;
        }
        const metaJson = JSON.stringify(live.meta);
        if (metaJson !== tracked.metaJson) {
          write(sim, META, META, 0, metaJson);
          tracked.metaJson = metaJson;
        }
        for (const [name, collection] of Object.entries(live.collections)) {
          let track = tracked.collections.get(name);
          if (track?.kind !== collection.kind) {
            // A collection the tracker does not know (or of another kind): written again from scratch.
            figures.rowsDeleted += this.removeCollection.run(sim, name).changes;
            track = freshTrack(collection.kind);
            tracked.collections.set(name, track);
          }
          if (collection.kind === 'log' && track.kind === 'log') {
            const items = collection.items();
            let i = items.length - 1;
            while (i >= 0 && !track.keys.has(items[i]!)) i -= 1;
            for (let j = i + 1; j < items.length; j += 1) {
              const key = track.nextKey++;
              track.keys.set(items[j]!, key);
              write(sim, name, String(key), key, JSON.stringify(items[j]));
            }
            const lowest = items.length > 0 ? track.keys.get(items[0]!)! : track.nextKey;
            if (lowest !== track.firstKey) {
              figures.rowsDeleted += this.removeLogBelow.run(sim, name, lowest).changes;
              track.firstKey = lowest;
            }
          } else if (collection.kind === 'keyed' && track.kind === 'keyed') {
            const seen = new Set<string>();
            for (const [key, record] of collection.entries()) {
              seen.add(key);
              const fingerprint = collection.fingerprint(record);
              const known = track.rows.get(key);
              if (known?.fingerprint === fingerprint) continue;
              const ord = known?.ord ?? track.nextOrd++;
              write(sim, name, key, ord, JSON.stringify(collection.encode(record)));
              track.rows.set(key, { fingerprint, ord });
            }
            for (const key of track.rows.keys()) {
              if (seen.has(key)) continue;
              this.remove.run(sim, name, key);
              track.rows.delete(key);
              figures.rowsDeleted += 1;
            }
          }
        }
      }
    })();
    return figures;
  }

  /** A state saved by an earlier version of the sandbox (one JSON snapshot per simulator). */
  private loadLegacy(sim: string): SavedRows | undefined {
    const table = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sandbox_state'").get();
    if (!table) return undefined;
    const row = this.db.prepare('SELECT value FROM sandbox_state WHERE name = ?').get(sim) as { value: string } | undefined;
    if (!row) return undefined;
    return { meta: { legacySnapshot: JSON.parse(row.value) as unknown }, rows: {} };
  }
}
