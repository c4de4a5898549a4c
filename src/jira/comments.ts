/**
 * Issue comments in ADF. Every comment the app writes carries a comment property (a marker) so a
 * write whose acknowledgement was lost can be found again instead of being written twice.
 */
import { route } from '@forge/api';
import type { AdfDoc } from './adf';
import { JiraError, jiraErrorText, type JiraClient } from './client';
import { retryAfterSeconds } from '../shared/retryAfter';

export interface CommentProperty {
  key: string;
  value: Record<string, unknown>;
}

/** JSM's comment property that makes a comment internal (visible to agents, not to customers). */
export const INTERNAL_COMMENT: CommentProperty = { key: 'sd.public.comment', value: { internal: true } };

export interface Comment {
  id: string;
  created?: string;
  properties?: Array<{ key: string; value: unknown }>;
}

export async function addComment(jira: JiraClient, issueKey: string, body: AdfDoc, properties: CommentProperty[] = []): Promise<Comment> {
  return jira.json<Comment>(route`/rest/api/3/issue/${issueKey}/comment`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ body, ...(properties.length ? { properties } : {}) }),
  });
}

/**
 * Finds the app's comments carrying a marker with this key, newest first, scanning at most
 * `maxComments` comments (the recovery scan after a lost acknowledgement).
 */
export async function findMarkedComments(
  jira: JiraClient,
  issueKey: string,
  markerKey: string,
  options: { maxComments?: number } = {},
): Promise<Array<{ id: string; created?: string; marker: Record<string, unknown> }>> {
  const found: Array<{ id: string; created?: string; marker: Record<string, unknown> }> = [];
  const max = options.maxComments ?? 1000;
  for (let startAt = 0; startAt < max; startAt += 100) {
    const query = new URLSearchParams({ startAt: String(startAt), maxResults: '100', orderBy: '-created', expand: 'properties' });
    const page = await jira.json<{ comments: Comment[]; total: number }>(route`/rest/api/3/issue/${issueKey}/comment?${query}`);
    for (const comment of page.comments) {
      const marker = comment.properties?.find((p) => p.key === markerKey)?.value;
      if (marker && typeof marker === 'object') found.push({ id: comment.id, created: comment.created, marker: marker as Record<string, unknown> });
    }
    if (page.comments.length < 100 || startAt + 100 >= page.total) break;
  }
  return found;
}

/** Deletes a comment; true when it was deleted, false when it was already gone (404). */
export async function deleteComment(jira: JiraClient, issueKey: string, commentId: string): Promise<boolean> {
  const res = await jira.raw(route`/rest/api/3/issue/${issueKey}/comment/${commentId}`, { method: 'DELETE' });
  if (res.status === 404) return false;
  if (!res.ok) throw new JiraError(res.status, `Jira answered HTTP ${res.status}: ${jiraErrorText(await res.text())}`, retryAfterSeconds(res.headers));
  return true;
}
