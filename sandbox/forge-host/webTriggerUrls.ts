/**
 * Web-trigger URLs as the platform manages them: stable per module key, `forceCreate` mints a new one
 * while older ones keep working until deleted, and ids are unguessable. Persisted in the host database.
 */
import crypto from 'node:crypto';
import type { HostDatabase } from './database';

export class WebTriggerUrls {
  constructor(
    private readonly database: HostDatabase,
    private readonly baseUrl: () => string,
  ) {}

  urlFor(id: string): string {
    return `${this.baseUrl()}/public/${id}`;
  }

  getOrCreate(moduleKey: string, forceCreate: boolean): string {
    const existing = this.database.db
      .prepare('SELECT id FROM webtrigger_urls WHERE module_key = ? ORDER BY created_at DESC, rowid DESC LIMIT 1')
      .get(moduleKey) as { id: string } | undefined;
    if (existing && !forceCreate) return this.urlFor(existing.id);
    const id = crypto.randomUUID();
    this.database.db.prepare('INSERT INTO webtrigger_urls (id, module_key, created_at) VALUES (?, ?, ?)').run(id, moduleKey, Date.now());
    return this.urlFor(id);
  }

  delete(id: string): boolean {
    return this.database.db.prepare('DELETE FROM webtrigger_urls WHERE id = ?').run(id).changes > 0;
  }

  list(): Array<{ triggerKey: string; url: string }> {
    return (this.database.db.prepare('SELECT id, module_key FROM webtrigger_urls ORDER BY created_at').all() as Array<{ id: string; module_key: string }>).map(
      (row) => ({ triggerKey: row.module_key, url: this.urlFor(row.id) }),
    );
  }

  moduleKeyFor(id: string): string | undefined {
    const row = this.database.db.prepare('SELECT module_key FROM webtrigger_urls WHERE id = ?').get(id) as { module_key: string } | undefined;
    return row?.module_key;
  }

  /** Answers the GraphQL operations @forge/api's webTrigger module sends. */
  handleGraphql(body: { query?: string; variables?: Record<string, unknown> }): { status: number; body: unknown } {
    const query = body.query ?? '';
    const variables = body.variables ?? {};
    if (query.includes('createWebTriggerUrl')) {
      const input = (variables.input ?? {}) as { triggerKey?: string };
      if (!input.triggerKey) return { status: 200, body: { errors: [{ message: 'triggerKey is required' }] } };
      return { status: 200, body: { data: { createWebTriggerUrl: { url: this.getOrCreate(input.triggerKey, variables.forceCreate === true) } } } };
    }
    if (query.includes('deleteWebTriggerUrl')) {
      const ok = this.delete(String(variables.id ?? ''));
      return { status: 200, body: { data: { deleteWebTriggerUrl: { success: ok, message: ok ? null : 'No such web trigger URL' } } } };
    }
    if (query.includes('webTriggerUrlsByAppContext')) {
      return { status: 200, body: { data: { webTriggerUrlsByAppContext: this.list() } } };
    }
    return { status: 400, body: { errors: [{ message: 'The local Forge host does not implement this GraphQL operation' }] } };
  }
}
