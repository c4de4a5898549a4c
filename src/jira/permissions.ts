/** Jira permission checks the app relies on (done as the app, for a given account). */
import { route } from '@forge/api';
import type { JiraClient } from './client';

/** True when the account holds Jira's ADMINISTER global permission ("Jira administrators"). */
export async function isJiraAdmin(jira: JiraClient, accountId: string): Promise<boolean> {
  const result = await jira.json<{ globalPermissions?: string[] }>(route`/rest/api/3/permissions/check`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ accountId, globalPermissions: ['ADMINISTER'] }),
  });
  return (result.globalPermissions ?? []).includes('ADMINISTER');
}
