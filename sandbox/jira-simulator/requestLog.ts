/** The record of REST requests (control requests excluded): who called what, and what was answered. */

export interface RequestLogEntry {
  /** Monotonic sequence number, starting at 1; pass the last one seen as `since`. */
  seq: number;
  /** Epoch milliseconds from the simulator clock. */
  time: number;
  method: string;
  path: string;
  query: string;
  /** `app`, `user:<accountId>`, `anonymous` (no Authorization header) or `invalid`. */
  principal: string;
  status: number;
}

export interface RequestCounters {
  total: number;
  byStatus: Record<string, number>;
  byPrincipal: Record<string, number>;
  /** Keyed by `METHOD path`, e.g. `POST /rest/api/3/issue/SD-1/comment`. */
  byRoute: Record<string, number>;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private lastSeq = 0;

  record(entry: Omit<RequestLogEntry, 'seq'>): void {
    this.entries.push({ seq: ++this.lastSeq, ...entry });
  }

  /** Entries with `seq` greater than `since` (all when omitted). */
  list(since = 0): RequestLogEntry[] {
    return this.entries.filter((e) => e.seq > since).map((e) => ({ ...e }));
  }

  /** The sequence number of the latest entry (0 when none), for a later `since`. */
  mark(): number {
    return this.lastSeq;
  }

  counters(since = 0): RequestCounters {
    const counters: RequestCounters = { total: 0, byStatus: {}, byPrincipal: {}, byRoute: {} };
    const bump = (map: Record<string, number>, key: string) => {
      map[key] = (map[key] ?? 0) + 1;
    };
    for (const e of this.list(since)) {
      counters.total += 1;
      bump(counters.byStatus, String(e.status));
      bump(counters.byPrincipal, e.principal);
      bump(counters.byRoute, `${e.method} ${e.path}`);
    }
    return counters;
  }

  /** The live entries, oldest first, for the sandbox's row store (never changed after they are recorded). */
  liveEntries(): readonly RequestLogEntry[] {
    return this.entries;
  }

  /** The entries and the last sequence number (for snapshots). */
  snapshot(): { entries: RequestLogEntry[]; lastSeq: number } {
    return { entries: this.entries.map((e) => ({ ...e })), lastSeq: this.lastSeq };
  }

  restore(snapshot: { entries: RequestLogEntry[]; lastSeq: number }): void {
    this.entries = snapshot.entries.map((e) => ({ ...e }));
    this.lastSeq = snapshot.lastSeq;
  }

  /** Forgets every entry; sequence numbers keep increasing so old `since` marks stay valid. */
  clear(): void {
    this.entries = [];
  }
}
