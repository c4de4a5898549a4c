/**
 * User search. Jira matches the query against display names and email addresses, including emails it
 * hides from the response, which is how a PRA email is tied to an account whose email is private.
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

/** One user by account id (display name for "requested by"); undefined when Jira does not know it. */
export async function getUser(jira: JiraClient, accountId: string): Promise<JiraUser | undefined> {
  try {
    return await jira.json<JiraUser>(route`/rest/api/3/user?${new URLSearchParams({ accountId })}`);
  } catch (error) {
    if (error instanceof JiraError && error.notFound) return undefined;
    throw error;
  }
}
