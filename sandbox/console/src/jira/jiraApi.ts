/** The Jira simulator's REST API (/jira/rest/...) as a signed-in user (`Authorization: Bearer sim-user:<accountId>`). */
import { getJson } from '../shared/http';

export interface JiraUserRef {
  accountId: string;
  displayName: string;
  emailAddress?: string;
}

export interface JiraComment {
  id: string;
  author: JiraUserRef;
  body: unknown;
  created: string;
  updated: string;
  jsdPublic?: boolean;
  properties?: Array<{ key: string; value: unknown }>;
}

export interface JiraAttachment {
  id: string;
  filename: string;
  size: number;
  mimeType: string;
  created: string;
  author: JiraUserRef;
}

export interface JiraIssue {
  id: string;
  key: string;
  fields: Record<string, any> & {
    summary: string;
    status: { name: string; statusCategory: { key: string; colorName: string } };
    resolution: { name: string } | null;
    assignee: JiraUserRef | null;
    reporter: JiraUserRef | null;
    issuetype: { id: string; name: string };
    project: { id: string; key: string; name: string; projectTypeKey: string };
    description: unknown;
    comment?: { comments: JiraComment[] };
    attachment?: JiraAttachment[];
    created: string;
  };
  names?: Record<string, string>;
  schema?: Record<string, { type?: string; items?: string; custom?: string }>;
}

export const asUser = (accountId: string) => ({ Authorization: `Bearer sim-user:${accountId}` });

export function getIssue(key: string, accountId: string): Promise<JiraIssue> {
  return getJson<JiraIssue>(`/jira/rest/api/3/issue/${encodeURIComponent(key)}?expand=names,schema&properties=*all`, asUser(accountId));
}

export async function commentsWithProperties(key: string, accountId: string): Promise<JiraComment[]> {
  const page = await getJson<{ comments: JiraComment[] }>(`/jira/rest/api/3/issue/${encodeURIComponent(key)}/comment?expand=properties&maxResults=5000`, asUser(accountId));
  return page.comments;
}

export async function assetLabel(workspaceId: string, objectId: string, accountId: string): Promise<string> {
  const object = await getJson<{ label: string; objectKey: string }>(
    `/jira/jsm/assets/workspace/${encodeURIComponent(workspaceId)}/v1/object/${encodeURIComponent(objectId)}?includeAttributes=false`,
    asUser(accountId),
  );
  return `${object.label} (${object.objectKey})`;
}

/** A download link for an attachment (the simulator's control route needs no Authorization header). */
export const attachmentUrl = (id: string) => `/jira/__sim/attachments/${encodeURIComponent(id)}/content`;

export function formatTime(iso: string): string {
  const d = new Date(iso.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
