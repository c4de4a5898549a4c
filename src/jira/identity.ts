/**
 * Matching a PRA user (email, username, display names) to a Jira user. Emails match exactly (the whole
 * address, case-insensitively), never by prefix: Jira may hide a user's email, and then the address
 * comes from the email lookup for apps, not from user search (which matches prefixes).
 */
import type { JiraClient } from './client';
import type { JiraUser } from './issues';
import { lookupUserEmail, searchUsers } from './users';

export interface PraIdentity {
  email?: string;
  username?: string;
  displayNames: string[];
}

export type MatchBasis = 'email' | 'display name' | 'username';

const norm = (s: string | undefined) => (s ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string | undefined): value is string {
  return !!value && EMAIL.test(value.trim());
}

/** The PRA user's email: the given one, else a username that is an email (common with SSO). */
export function emailOf(identity: PraIdentity): string | undefined {
  if (isEmail(identity.email)) return identity.email.trim();
  return isEmail(identity.username) ? identity.username.trim() : undefined;
}

/**
 * How a Jira user matches the PRA identity on what Jira shows (visible email, display name, the
 * email's local part as a username), or undefined. Hidden emails are handled by `accountsWithEmail`.
 */
export function matchOnVisibleFields(identity: PraIdentity, user: JiraUser): MatchBasis | undefined {
  const email = emailOf(identity);
  if (email && user.emailAddress && norm(user.emailAddress) === norm(email)) return 'email';
  const names = identity.displayNames.map(norm).filter(Boolean);
  if (user.displayName && names.includes(norm(user.displayName))) return 'display name';
  const username = norm(identity.username);
  if (username && user.emailAddress) {
    const local = norm(user.emailAddress.split('@')[0]);
    if (local === username || norm(user.emailAddress) === username) return 'username';
  }
  if (username && user.displayName && norm(user.displayName) === username) return 'username';
  return undefined;
}

/** Whether two email addresses are the same address (whole string, case-insensitive). */
export function sameEmail(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && norm(a) === norm(b);
}

/**
 * Users whose email is exactly this address: search finds candidates (by prefix), then a visible email
 * is compared directly and a hidden one is read with the email lookup (as the app) and compared. A
 * hidden email the site does not let the app read never matches.
 */
export async function accountsWithEmail(jira: JiraClient, email: string): Promise<JiraUser[]> {
  const results = await searchUsers(jira, email);
  const checked = await Promise.all(
    results.map(async (user) => {
      if (user.emailAddress) return sameEmail(user.emailAddress, email);
      const lookup = await lookupUserEmail(jira, user.accountId);
      return lookup.kind === 'found' && sameEmail(lookup.email, email);
    }),
  );
  return results.filter((_, i) => checked[i]);
}

/** Jira users matching the identity, searched by email, display names and username; unique by account. */
export async function findJiraUsers(jira: JiraClient, identity: PraIdentity): Promise<Array<{ user: JiraUser; basis: MatchBasis }>> {
  const found = new Map<string, { user: JiraUser; basis: MatchBasis }>();
  const email = emailOf(identity);
  if (email) {
    for (const user of await accountsWithEmail(jira, email)) found.set(user.accountId, { user, basis: 'email' });
  }
  const queries = [...new Set([...identity.displayNames, identity.username].filter((q): q is string => !!q && !!q.trim() && q !== email))];
  for (const query of queries) {
    for (const user of await searchUsers(jira, query)) {
      const basis = matchOnVisibleFields(identity, user);
      if (basis && !found.has(user.accountId)) found.set(user.accountId, { user, basis });
    }
  }
  return [...found.values()];
}
