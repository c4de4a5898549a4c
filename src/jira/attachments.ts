/**
 * Issue attachments: the instance's upload limit, uploading one file (a multipart body built here,
 * with Jira's required `X-Atlassian-Token: no-check`), listing what an issue already has, and deleting
 * the app's own earlier files when a session is imported again.
 */
import crypto from 'node:crypto';
import { route } from '@forge/api';
import { JiraError, jiraErrorText, type JiraClient } from './client';
import { retryAfterSeconds } from '../shared/retryAfter';

export interface AttachmentInfo {
  id: string;
  filename: string;
  size?: number;
  created?: string;
  author?: { accountId?: string; accountType?: string } | null;
}

/** Written by an app (the only kind of author the app treats as possibly its own); unknown author counts as not. */
export function byAnApp(attachment: AttachmentInfo): boolean {
  return attachment.author?.accountType === 'app';
}

export async function attachmentSettings(jira: JiraClient): Promise<{ enabled: boolean; uploadLimit: number }> {
  const meta = await jira.json<{ enabled?: boolean; uploadLimit?: number }>(route`/rest/api/3/attachment/meta`);
  return { enabled: meta.enabled !== false, uploadLimit: meta.uploadLimit ?? Number.MAX_SAFE_INTEGER };
}

/** A multipart/form-data body with one part named `file`. */
export function multipartBody(filename: string, contentType: string, content: Buffer): { body: ArrayBuffer; contentType: string } {
  const boundary = `----pra-jira-${crypto.randomBytes(12).toString('hex')}`;
  const safeName = filename.replace(/["\r\n\\]/g, '_');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  const whole = Buffer.concat([head, content, tail]);
  return {
    body: whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength) as ArrayBuffer,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export async function uploadAttachment(jira: JiraClient, issueKey: string, filename: string, contentType: string, content: Buffer): Promise<AttachmentInfo> {
  const multipart = multipartBody(filename, contentType, content);
  const created = await jira.json<AttachmentInfo[]>(route`/rest/api/3/issue/${issueKey}/attachments`, {
    method: 'POST',
    headers: { 'Content-Type': multipart.contentType, 'X-Atlassian-Token': 'no-check' },
    body: multipart.body,
  });
  const first = created[0];
  if (!first) throw new Error(`Jira accepted ${filename} but returned no attachment`);
  return first;
}

export async function listAttachments(jira: JiraClient, issueKey: string): Promise<AttachmentInfo[]> {
  const issue = await jira.json<{ fields?: { attachment?: AttachmentInfo[] } }>(route`/rest/api/3/issue/${issueKey}?fields=attachment`);
  return issue.fields?.attachment ?? [];
}

/** Deletes an attachment; true when it was deleted, false when it was already gone (404). */
export async function deleteAttachment(jira: JiraClient, attachmentId: string): Promise<boolean> {
  const res = await jira.raw(route`/rest/api/3/attachment/${attachmentId}`, { method: 'DELETE' });
  if (res.status === 404) return false;
  if (!res.ok) throw new JiraError(res.status, `Jira answered HTTP ${res.status}: ${jiraErrorText(await res.text())}`, retryAfterSeconds(res.headers));
  return true;
}
