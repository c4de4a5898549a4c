/**
 * Attachments: multipart upload (XSRF header, `file` parts, per-file upload limit, files per request,
 * per-issue cap), metadata, content download, and deletion (own attachments need *Delete Own
 * Attachments*, anybody else's *Delete All Attachments*; unknown or attachments disabled → 404).
 */
import path from 'node:path';
import type { Router } from '../shared/http';
import { HttpError, json } from '../shared/http';
import { withAuth, type Principal } from './auth';
import { jiraError } from './errors';
import { multipartBoundary, parseMultipart } from './multipart';
import { hasProjectPermission, requireIssuePermission, requireVisibleIssue } from './permissions';
import { admitIssueWrite, type Attachment, type JiraState } from './state';
import { jiraTime } from './time';
import { userRefJson } from './users';

const MIME_BY_EXTENSION: Record<string, string> = {
  '.txt': 'text/plain',
  '.log': 'text/plain',
  '.csv': 'text/csv',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

/** The part's declared type without parameters; generic or missing types are guessed from the file name. */
function mimeTypeOf(filename: string, declared: string | undefined): string {
  const type = declared?.split(';')[0]?.trim().toLowerCase();
  if (type && type !== 'application/octet-stream') return type;
  return MIME_BY_EXTENSION[path.extname(filename).toLowerCase()] ?? 'application/octet-stream';
}

export function attachmentJson(state: JiraState, attachment: Attachment, viewer: Principal): Record<string, unknown> {
  return {
    self: `${state.siteUrl}/rest/api/3/attachment/${attachment.id}`,
    id: attachment.id,
    filename: attachment.filename,
    author: userRefJson(state, attachment.authorId, viewer),
    created: jiraTime(attachment.created),
    size: attachment.data.length,
    mimeType: attachment.mimeType,
    content: `${state.siteUrl}/rest/api/3/attachment/content/${attachment.id}`,
  };
}

/** The attachment if it exists and the caller may browse its issue. */
function requireVisibleAttachment(state: JiraState, principal: Principal, id: string): Attachment {
  const attachment = state.attachments.get(id);
  if (!attachment) throw jiraError(404, [`The attachment with id '${id}' does not exist`]);
  const issue = state.issues.get(attachment.issueId)!;
  if (!hasProjectPermission(principal, state.projectOf(issue), 'BROWSE_PROJECTS')) {
    throw jiraError(403, ['You do not have permission to view this attachment.']);
  }
  return attachment;
}

export function registerAttachmentRoutes(router: Router, state: JiraState): void {
  router.get(
    '/rest/api/3/attachment/meta',
    withAuth(state, () => json(200, { enabled: state.knobs.attachmentsEnabled, uploadLimit: state.knobs.uploadLimitBytes })),
  );

  router.get(
    '/rest/api/3/attachment/content/:id',
    withAuth(state, (req, principal) => {
      const attachment = requireVisibleAttachment(state, principal, req.params.id!);
      return {
        status: 200,
        headers: {
          'Content-Type': attachment.mimeType,
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
        },
        body: attachment.data,
      };
    }),
  );

  router.get(
    '/rest/api/3/attachment/:id',
    withAuth(state, (req, principal) => json(200, attachmentJson(state, requireVisibleAttachment(state, principal, req.params.id!), principal))),
  );

  router.delete(
    '/rest/api/3/attachment/:id',
    withAuth(state, (req, principal) => {
      if (!state.knobs.attachmentsEnabled) throw jiraError(404, [`The attachment with id '${req.params.id!}' does not exist`]);
      const attachment = requireVisibleAttachment(state, principal, req.params.id!);
      const issue = state.issues.get(attachment.issueId)!;
      const own = attachment.authorId === principal.user.accountId;
      requireIssuePermission(state, principal, issue, own ? 'DELETE_OWN_ATTACHMENTS' : 'DELETE_ALL_ATTACHMENTS', 'You do not have permission to delete this attachment.');
      admitIssueWrite(state, issue);
      state.attachments.delete(attachment.id);
      issue.attachmentIds = issue.attachmentIds.filter((id) => id !== attachment.id);
      issue.updated = state.now();
      return { status: 204 };
    }),
  );

  router.post(
    '/rest/api/3/issue/:issueIdOrKey/attachments',
    withAuth(state, (req, principal) => {
      if (req.header('x-atlassian-token')?.toLowerCase() !== 'no-check') {
        throw new HttpError(403, 'XSRF check failed');
      }
      const issue = requireVisibleIssue(state, principal, req.params.issueIdOrKey!);
      requireIssuePermission(state, principal, issue, 'CREATE_ATTACHMENTS', 'You do not have permission to create attachments for this issue.');
      const knobs = state.knobs;
      if (!knobs.attachmentsEnabled) throw jiraError(403, ['Attachments are disabled on this site.']);
      const boundary = multipartBoundary(req.header('content-type'));
      if (!boundary) throw jiraError(415, ['The request must be multipart/form-data with a boundary.']);
      admitIssueWrite(state, issue);
      const files = parseMultipart(req.rawBody, boundary).filter((p) => p.name === 'file' && p.filename !== undefined);
      if (files.length === 0) throw jiraError(400, ["No file parts named 'file' were found in the request."]);
      if (files.length > knobs.maxFilesPerUpload) {
        throw jiraError(413, [`A request may attach at most ${knobs.maxFilesPerUpload} files; it had ${files.length}.`]);
      }
      const tooBig = files.find((f) => f.data.length > knobs.uploadLimitBytes);
      if (tooBig) {
        throw jiraError(413, [
          `The file '${tooBig.filename}' is ${tooBig.data.length} bytes, more than the upload limit of ${knobs.uploadLimitBytes} bytes.`,
        ]);
      }
      if (issue.attachmentIds.length + files.length > knobs.maxAttachmentsPerIssue) {
        throw jiraError(413, [`This issue has reached the limit of ${knobs.maxAttachmentsPerIssue} attachments.`]);
      }
      const now = state.now();
      const created = files.map((file): Attachment => {
        const filename = file.filename!;
        const attachment: Attachment = {
          id: state.ids.attachment.next(),
          issueId: issue.id,
          filename,
          authorId: principal.user.accountId,
          created: now,
          mimeType: mimeTypeOf(filename, file.contentType),
          data: file.data,
        };
        state.attachments.set(attachment.id, attachment);
        issue.attachmentIds.push(attachment.id);
        return attachment;
      });
      issue.updated = now;
      return json(200, created.map((a) => attachmentJson(state, a, principal)));
    }),
  );
}
