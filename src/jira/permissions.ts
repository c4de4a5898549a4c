/** Jira permission checks the app relies on (done as the app, for a given account). */
import { route } from '@forge/api';
import { JiraError, type JiraClient } from './client';

/** What an Atlassian account id can look like (opaque, at most 128 characters: `5b10…`, `557058:…`, `qm:…`). */
const ACCOUNT_ID = /^[A-Za-z0-9][A-Za-z0-9:_-]{0,127}$/;

/**
 * True when the account holds Jira's ADMINISTER global permission ("Jira administrators"). An account id
 * that is malformed, or that Jira does not know (400/404), is not an administrator: no error. Other
 * failures (Jira unavailable) still throw, so they are not mistaken for a refusal.
 */
export async function isJiraAdmin(jira: JiraClient, accountId: string): Promise<boolean> {
  if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) return false;
  try {
    const result = await jira.json<{ globalPermissions?: string[] }>(route`/rest/api/3/permissions/check`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ accountId, globalPermissions: ['ADMINISTER'] }),
    });
    return (result.globalPermissions ?? []).includes('ADMINISTER');
  } catch (error) {
    if (error instanceof JiraError && (error.status === 400 || error.status === 404)) return false;
    throw error;
  }
}
