/**
 * The simulators' state in the sandbox database (`.sandbox/sandbox.db`, beside the Forge host's KVS, queue
 * and web-trigger tables): one row per simulator holding its `exportState()` snapshot as JSON. Saved a
 * moment after activity (debounced) and on exit; loaded at start.
 */
import type Database from 'better-sqlite3';
import type { PraSnapshot } from '../pra-simulator';
import type { JiraSnapshot } from '../jira-simulator';

export interface SavedState {
  pra?: PraSnapshot;
  jira?: JiraSnapshot;
}

export class SimulatorStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS sandbox_state (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      saved_at INTEGER NOT NULL
    )`);
  }

  load(): SavedState {
    const rows = this.db.prepare('SELECT name, value FROM sandbox_state').all() as Array<{ name: string; value: string }>;
    const state: SavedState = {};
    for (const row of rows) {
      if (row.name === 'pra') state.pra = JSON.parse(row.value) as PraSnapshot;
      if (row.name === 'jira') state.jira = JSON.parse(row.value) as JiraSnapshot;
    }
    return state;
  }

  save(state: Required<SavedState>): void {
    const upsert = this.db.prepare(
      'INSERT INTO sandbox_state (name, value, saved_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at',
    );
    const now = Date.now();
    this.db.transaction(() => {
      upsert.run('pra', JSON.stringify(state.pra), now);
      upsert.run('jira', JSON.stringify(state.jira), now);
    })();
  }
}

/** Calls `save` once activity has paused for `delayMs` (and at most every `maxDelayMs` while it goes on). */
export class DebouncedSave {
  private timer: NodeJS.Timeout | undefined;
  private firstDirtyAt: number | undefined;

  constructor(
    private readonly save: () => void,
    private readonly delayMs = 500,
    private readonly maxDelayMs = 5000,
  ) {}

  markDirty(): void {
    const now = Date.now();
    this.firstDirtyAt ??= now;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.delayMs, this.firstDirtyAt + this.maxDelayMs - now));
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref();
  }

  /** Saves now if anything changed since the last save. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.firstDirtyAt === undefined) return;
    this.firstDirtyAt = undefined;
    this.save();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.firstDirtyAt = undefined;
  }
}
