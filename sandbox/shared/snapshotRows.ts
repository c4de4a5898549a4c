/**
 * A simulator's state cut into rows, so a store can save only what changed (docs/sandbox.md,
 * "Persistence"). A simulator exports its small state as one `meta` value and its growing collections as
 * row collections over the live records (nothing is copied until a row is written):
 *
 * * `keyed`: records by key (issues, sessions, users…). `fingerprint` is a cheap value that changes whenever
 *   the record's saved form would (for big records it summarises the bulky parts); `encode` gives the saved
 *   form, and is only called for records whose fingerprint changed.
 * * `log`: an append-only list that may be trimmed at the front (request logs). Items are never changed
 *   after they are appended; the store recognises them by identity.
 *
 * `join` turns the saved meta and rows back into the simulator's snapshot for `importState`.
 */
export interface KeyedRows<T = unknown> {
  kind: 'keyed';
  /** Live records in their order. */
  entries: () => Iterable<[string, T]>;
  fingerprint: (record: T) => string;
  encode: (record: T) => unknown;
}

export interface LogRows<T extends object = object> {
  kind: 'log';
  /** The live list, oldest first. */
  items: () => readonly T[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each collection has its own record type
export type RowCollection = KeyedRows<any> | LogRows;

export interface SnapshotRows {
  /** Everything not in a collection, JSON-serialisable; saved whole when it changes (keep it small). */
  meta: Record<string, unknown>;
  collections: Record<string, RowCollection>;
}

/** A keyed collection whose records are small: the fingerprint is the saved form itself. */
export function smallRows<T>(entries: () => Iterable<[string, T]>, encode: (record: T) => unknown = (r) => r): KeyedRows<T> {
  return { kind: 'keyed', entries, encode, fingerprint: (record) => JSON.stringify(encode(record)) };
}

/** Every row's saved form by collection (what a whole snapshot holds). */
export function encodeAllRows(collections: Record<string, RowCollection>): Record<string, unknown[]> {
  const rows: Record<string, unknown[]> = {};
  for (const [name, collection] of Object.entries(collections)) {
    rows[name] = collection.kind === 'log' ? [...collection.items()] : [...collection.entries()].map(([, record]) => collection.encode(record));
  }
  return rows;
}
