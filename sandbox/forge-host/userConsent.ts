/**
 * User consent, as the platform keeps it: per app and user, a user has either allowed the app to act on
 * their behalf (`asUser()`) or not. Until they have, the platform answers every `asUser()` request of
 * the app with the proxy error `NEEDS_AUTHENTICATION_ERR`, from which the real @forge/api throws its
 * `NeedsAuthenticationError`; the product then shows the module's *Allow access* prompt.
 *
 * Persisted in the host database (the sandbox's consents survive a restart). Atlassian's "simplified user
 * consent" waives the prompt for many apps; the host models the stricter case where it is required
 * (ForgeHostOptions.consentRequired, default true).
 */
import type { HostDatabase } from './database';

export interface ConsentRecord {
  accountId: string;
  grantedAt: string;
}

export class UserConsent {
  constructor(
    private readonly database: HostDatabase,
    private readonly appId: string,
    /** False: every user counts as having allowed the app (no prompt, like simplified user consent). */
    readonly required: boolean,
  ) {
    database.db.exec(`
      CREATE TABLE IF NOT EXISTS user_consent (
        app_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        granted_at INTEGER NOT NULL,
        PRIMARY KEY (app_id, account_id)
      );
    `);
  }

  has(accountId: string): boolean {
    if (!this.required) return true;
    return !!this.database.db.prepare('SELECT 1 FROM user_consent WHERE app_id = ? AND account_id = ?').get(this.appId, accountId);
  }

  /** The user clicked *Allow access* (idempotent). */
  grant(accountId: string, at = Date.now()): void {
    this.database.db
      .prepare('INSERT INTO user_consent (app_id, account_id, granted_at) VALUES (?, ?, ?) ON CONFLICT (app_id, account_id) DO NOTHING')
      .run(this.appId, accountId, at);
  }

  /** The user revoked the app's access (Atlassian account settings > Connected apps). True if they had allowed it. */
  revoke(accountId: string): boolean {
    return this.database.db.prepare('DELETE FROM user_consent WHERE app_id = ? AND account_id = ?').run(this.appId, accountId).changes > 0;
  }

  list(): ConsentRecord[] {
    const rows = this.database.db
      .prepare('SELECT account_id, granted_at FROM user_consent WHERE app_id = ? ORDER BY granted_at, account_id')
      .all(this.appId) as Array<{ account_id: string; granted_at: number }>;
    return rows.map((r) => ({ accountId: r.account_id, grantedAt: new Date(r.granted_at).toISOString() }));
  }
}

/** The proxy's answer to an `asUser()` request of a user who has not allowed the app. */
export function needsAuthenticationResponse(): Response {
  return new Response(JSON.stringify({ message: 'Authentication required: the user has not allowed this app to access their data' }), {
    status: 401,
    headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR', 'content-type': 'application/json' },
  });
}

/** Whether an error thrown by a function is @forge/api's authentication-required error. */
export function isNeedsAuthentication(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'NEEDS_AUTHENTICATION_ERR';
}
