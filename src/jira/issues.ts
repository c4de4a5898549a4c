/** Reading issues and changing their assignee. Issue keys are validated before any request. */
import { route } from '@forge/api';
import { JiraError, type JiraClient } from './client';

export interface JiraUser {
  accountId: string;
  displayName?: string;
  emailAddress?: string;
  active?: boolean;
  accountType?: string;
}

export interface IssueFields {
  summary?: string;
  assignee?: JiraUser | null;
  status?: { id?: string; name?: string; statusCategory?: { key?: string; name?: string } };
  resolution?: { id?: string; name?: string } | null;
  [fieldId: string]: unknown;
}

export interface Issue {
  id: string;
  key: string;
  fields: IssueFields;
  names?: Record<string, string>;
}

/** PROJECT-123: a project key (letter first, then letters, digits or underscores) and a number. */
const ISSUE_KEY = /^([A-Za-z][A-Za-z0-9_]{0,254})-([1-9][0-9]{0,17})$/;

/** The canonical (upper-case) issue key, or undefined when the text is not an issue key. */
export function normalizeIssueKey(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISSUE_KEY.exec(value.trim());
  return match ? `${match[1]!.toUpperCase()}-${match[2]}` : undefined;
}

/** Fetches an issue with the given fields; undefined when it does not exist or is not visible. */
export async function getIssue(jira: JiraClient, key: string, fields: string[], options: { expandNames?: boolean } = {}): Promise<Issue | undefined> {
  const issueKey = normalizeIssueKey(key);
  if (!issueKey) return undefined;
  const query = new URLSearchParams({ fields: fields.join(',') });
  if (options.expandNames) query.set('expand', 'names');
  try {
    return await jira.json<Issue>(route`/rest/api/3/issue/${issueKey}?${query}`);
  } catch (error) {
    if (error instanceof JiraError && error.notFound) return undefined;
    throw error;
  }
}

export async function setAssignee(jira: JiraClient, key: string, accountId: string | null): Promise<void> {
  await jira.json(route`/rest/api/3/issue/${key}/assignee`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ accountId }),
  });
}
