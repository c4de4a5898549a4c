/**
 * The host's embedded store: one SQLite database (a file for the sandbox, so state survives restarts;
 * `:memory:` for tests) holding KVS entries, web-trigger URLs and queued events.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';

export class HostDatabase {
  readonly db: Database.Database;
  /** Key for encrypting KVS secrets at rest (kept beside the database file, never inside it). */
  readonly secretKey: Buffer;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS kvs (
        namespace TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        expire_at INTEGER,
        PRIMARY KEY (namespace, key)
      );
      CREATE TABLE IF NOT EXISTS webtrigger_urls (
        id TEXT PRIMARY KEY,
        module_key TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS queue_events (
        event_id TEXT PRIMARY KEY,
        job_id TEXT NOT NULL,
        queue_name TEXT NOT NULL,
        body TEXT NOT NULL,
        concurrency_key TEXT,
        concurrency_limit INTEGER,
        delay_seconds INTEGER,
        enqueued_at INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        retry_count INTEGER NOT NULL DEFAULT 0,
        retry_reason TEXT,
        retry_data TEXT,
        state TEXT NOT NULL,
        last_error TEXT,
        finished_at INTEGER
      );
      CREATE INDEX IF NOT EXISTS queue_events_due ON queue_events (state, due_at);
    `);
    this.secretKey = file === ':memory:' ? crypto.randomBytes(32) : loadOrCreateKey(`${file}.key`);
  }

  close(): void {
    this.db.close();
  }
}

function loadOrCreateKey(keyFile: string): Buffer {
  if (existsSync(keyFile)) return Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  const key = crypto.randomBytes(32);
  writeFileSync(keyFile, key.toString('base64'), { mode: 0o600 });
  return key;
}
