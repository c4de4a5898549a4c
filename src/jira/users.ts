/**
 * Users: search, and an app's lookup of a user's email address.
 *
 * User search matches the query against display names and email addresses by **prefix**, hidden emails
 * included (which are then not returned): it can find candidates but never proves that an address is
 * someone's. The exact address of a user whose email is hidden comes only from Jira's email lookup for
 * apps, `GET /rest/api/3/user/email?accountId=` (scope `read:email-address:jira`, as the app), which a
 * site may refuse.
 */
import { route } from '@forge/api';
import { JiraError, type JiraClient } from './client';
import type { JiraUser } from './issues';

export async function searchUsers(jira: JiraClient, query: string, maxResults = 20): Promise<JiraUser[]> {
  const q = query.trim();
  if (!q) return [];
  const params = new URLSearchParams({ query: q, maxResults: String(maxResults) });
  const users = await jira.json<JiraUser[]>(route`/rest/api/3/user/search?${params}`);
  return users.filter((u) => u.accountType !== 'app' && u.active !== false);
}

/** The outcome of an email lookup: the address, no address (no such user, or none), or refused to the app. */
export type EmailLookup = { kind: 'found'; email: string } | { kind: 'none' } | { kind: 'refused' };

/** What the Health tab and the configuration check say when Jira refuses the app the email lookup. */
export const EMAIL_LOOKUP_REFUSED =
  "Jira does not let the app read users' email addresses (GET /rest/api/3/user/email, scope read:email-address:jira): endpoint approval cannot match a PRA user by email to an assignee who hides their email; display name and username still match.";

/**
 * The user's email address, whatever their profile visibility, asked as the app (the client must be
 * `JiraClient.asApp()`). 404 is "no address"; 400, 401 and 403 mean the site does not let the app use the
 * lookup. Anything else (429, 5xx, a timeout) throws: the caller fails closed.
 */
export async function lookupUserEmail(jira: JiraClient, accountId: string): Promise<EmailLookup> {
  const params = new URLSearchParams({ accountId });
  try {
    const answer = await jira.json<{ accountId?: string; email?: unknown } | undefined>(route`/rest/api/3/user/email?${params}`);
    if (answer?.accountId !== undefined && answer.accountId !== accountId) throw new JiraError(0, 'Jira answered the email lookup for another account.');
    return typeof answer?.email === 'string' && answer.email.trim() ? { kind: 'found', email: answer.email.trim() } : { kind: 'none' };
  } catch (error) {
    if (error instanceof JiraError && error.status === 404) return { kind: 'none' };
    if (error instanceof JiraError && [400, 401, 403].includes(error.status)) return { kind: 'refused' };
    throw error;
  }
}

/** Whether the app may use the email lookup on this site, tried on the app's own account (2 requests). */
export async function canLookUpEmails(jira: JiraClient): Promise<boolean> {
  const me = await jira.json<{ accountId?: string }>(route`/rest/api/3/myself`);
  if (!me?.accountId) return false;
  return (await lookupUserEmail(jira, me.accountId)).kind !== 'refused';
}
/** One user by account id (display name for "requested by"); undefined when Jira does not know it. */
export async function getUser(jira: JiraClient, accountId: string): Promise<JiraUser | undefined> {
  try {
    return await jira.json<JiraUser>(route`/rest/api/3/user?${new URLSearchParams({ accountId })}`);
  } catch (error) {
    if (error instanceof JiraError && error.notFound) return undefined;
    throw error;
  }
}
