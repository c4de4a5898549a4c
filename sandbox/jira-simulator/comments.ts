/**
 * Issue comments: ADF bodies validated against the ADF schema, the text limit measured as
 * UTF-8 bytes of `JSON.stringify(body)` of the sent document, the per-issue comment cap (413), group
 * visibility, comment properties and JSM's internal-comment property.
 */
import type { Router, SimRequest } from '../shared/http';
import { json } from '../shared/http';
import { validateAdf } from './adfValidation';
import { withAuth, type Principal } from './auth';
import { jiraError } from './errors';
import { listParam, pageParams, slicePage } from './query';
import { requireIssuePermission, requireVisibleIssue } from './permissions';
import { admitIssueWrite, type Comment, type CommentVisibility, type EntityProperty, type Issue, type JiraState } from './state';
import { jiraTime } from './time';
import { userRefJson } from './users';

const commentError = (message: string) => jiraError(400, [], { comment: message });

/** JSM marks internal comments with this comment property (`{internal: true}`). */
const JSM_PUBLIC_PROPERTY = 'sd.public.comment';

function isPublic(comment: Comment): boolean {
  const value = comment.properties.find((p) => p.key === JSM_PUBLIC_PROPERTY)?.value as { internal?: unknown } | undefined;
  return value?.internal !== true;
}

/** Group-restricted comments are hidden from non-members (the app sees all; role visibility is not modelled). */
function canSee(comment: Comment, viewer: Principal): boolean {
  const v = comment.visibility;
  if (viewer.kind === 'app' || !v || v.type !== 'group') return true;
  return viewer.user.groups.includes(v.value ?? v.identifier ?? '');
}

export function visibleComments(issue: Issue, viewer: Principal): Comment[] {
  return issue.comments.filter((c) => canSee(c, viewer));
}

export function commentJson(
  state: JiraState,
  issue: Issue,
  comment: Comment,
  viewer: Principal,
  withProperties = false,
): Record<string, unknown> {
  return {
    self: `${state.siteUrl}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
    id: comment.id,
    author: userRefJson(state, comment.authorId, viewer),
    body: comment.body,
    updateAuthor: userRefJson(state, comment.updateAuthorId, viewer),
    created: jiraTime(comment.created),
    updated: jiraTime(comment.updated),
    ...(comment.visibility ? { visibility: comment.visibility } : {}),
    jsdPublic: isPublic(comment),
    ...(withProperties ? { properties: comment.properties } : {}),
  };
}

/** The ADF body of a create/update request, or Jira's 400. */
function validBody(state: JiraState, body: unknown): unknown {
  if (body === undefined || body === null) throw commentError('Comment body can not be empty!');
  if (typeof body !== 'object') throw commentError('Comment body is not valid!');
  const problem = validateAdf(body);
  if (problem) throw commentError(`Comment body is not valid! ${problem}`);
  const limit = state.knobs.commentTextLimit;
  // UTF-8 bytes of the serialized document: never fewer than Jira's count, whatever it counts (see docs)
  if (Buffer.byteLength(JSON.stringify(body), 'utf8') > limit) {
    throw commentError(`The entered text is too long. It exceeds the allowed limit of ${limit} characters.`);
  }
  return body;
}

function validVisibility(value: unknown): CommentVisibility | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value as Partial<CommentVisibility>;
  const named = typeof v.value === 'string' || typeof v.identifier === 'string';
  if ((v.type !== 'group' && v.type !== 'role') || !named) {
    throw jiraError(400, [], { visibility: "Visibility must have a type of 'group' or 'role' and a value or identifier." });
  }
  return { type: v.type, ...(v.value !== undefined ? { value: v.value } : {}), ...(v.identifier !== undefined ? { identifier: v.identifier } : {}) };
}

function validProperties(value: unknown): EntityProperty[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((p) => typeof p?.key === 'string' && p.key !== '')) {
    throw jiraError(400, [], { properties: 'Properties must be a list of {key, value} objects.' });
  }
  return value.map((p: EntityProperty) => ({ key: p.key, value: p.value }));
}

interface CommentRequest {
  body?: unknown;
  visibility?: unknown;
  properties?: unknown;
}

function readCommentRequest(req: SimRequest): CommentRequest {
  const parsed = req.json<unknown>();
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw commentError('Comment body can not be empty!');
  return parsed as CommentRequest;
}

function findComment(issue: Issue, id: string, viewer: Principal): Comment {
  const comment = issue.comments.find((c) => c.id === id);
  if (!comment || !canSee(comment, viewer)) throw jiraError(404, [`Can not find a comment for the id: ${id}.`]);
  return comment;
}

/** Own comments need the *own* permission, anybody else's the *all* one. */
function requireCommentPermission(state: JiraState, principal: Principal, issue: Issue, comment: Comment, action: 'EDIT' | 'DELETE'): void {
  const own = comment.authorId === principal.user.accountId;
  const verb = action === 'EDIT' ? 'edit' : 'delete';
  requireIssuePermission(state, principal, issue, `${action}_${own ? 'OWN' : 'ALL'}_COMMENTS`, `You do not have the permission to ${verb} this comment.`);
}

export function registerCommentRoutes(router: Router, state: JiraState): void {
  const base = '/rest/api/3/issue/:issueIdOrKey/comment';

  router.get(
    base,
    withAuth(state, (req, principal) => {
      const issue = requireVisibleIssue(state, principal, req.params.issueIdOrKey!);
      const orderBy = req.query.get('orderBy') ?? 'created';
      const comments = visibleComments(issue, principal);
      if (orderBy === '-created') comments.reverse();
      const page = pageParams(req, 5000, 5000);
      const withProperties = listParam(req, 'expand').includes('properties');
      return json(200, {
        startAt: page.startAt,
        maxResults: page.maxResults,
        total: comments.length,
        comments: slicePage(comments, page).map((c) => commentJson(state, issue, c, principal, withProperties)),
      });
    }),
  );

  router.post(
    base,
    withAuth(state, (req, principal) => {
      const issue = requireVisibleIssue(state, principal, req.params.issueIdOrKey!);
      requireIssuePermission(state, principal, issue, 'ADD_COMMENTS', 'You do not have the permission to comment on this issue.');
      admitIssueWrite(state, issue);
      const input = readCommentRequest(req);
      const body = validBody(state, input.body);
      const visibility = validVisibility(input.visibility);
      const properties = validProperties(input.properties);
      if (issue.comments.length >= state.knobs.maxCommentsPerIssue) {
        throw jiraError(413, [`This issue has reached the limit of ${state.knobs.maxCommentsPerIssue} comments.`]);
      }
      const now = state.now();
      const comment: Comment = {
        id: state.ids.comment.next(),
        authorId: principal.user.accountId,
        updateAuthorId: principal.user.accountId,
        body,
        created: now,
        updated: now,
        ...(visibility ? { visibility } : {}),
        properties,
      };
      issue.comments.push(comment);
      issue.updated = now;
      return json(201, commentJson(state, issue, comment, principal));
    }),
  );

  router.get(
    `${base}/:id`,
    withAuth(state, (req, principal) => {
      const issue = requireVisibleIssue(state, principal, req.params.issueIdOrKey!);
      const withProperties = listParam(req, 'expand').includes('properties');
      return json(200, commentJson(state, issue, findComment(issue, req.params.id!, principal), principal, withProperties));
    }),
  );

  router.put(
    `${base}/:id`,
    withAuth(state, (req, principal) => {
      const issue = requireVisibleIssue(state, principal, req.params.issueIdOrKey!);
      const comment = findComment(issue, req.params.id!, principal);
      requireCommentPermission(state, principal, issue, comment, 'EDIT');
      admitIssueWrite(state, issue);
      const input = readCommentRequest(req);
      comment.body = validBody(state, input.body);
      if (input.visibility !== undefined) {
        const visibility = validVisibility(input.visibility);
        if (visibility) comment.visibility = visibility;
        else delete comment.visibility;
      }
      if (input.properties !== undefined) comment.properties = validProperties(input.properties);
      comment.updateAuthorId = principal.user.accountId;
      comment.updated = issue.updated = state.now();
      return json(200, commentJson(state, issue, comment, principal));
    }),
  );

  router.delete(
    `${base}/:id`,
    withAuth(state, (req, principal) => {
      const issue = requireVisibleIssue(state, principal, req.params.issueIdOrKey!);
      const comment = findComment(issue, req.params.id!, principal);
      requireCommentPermission(state, principal, issue, comment, 'DELETE');
      admitIssueWrite(state, issue);
      issue.comments = issue.comments.filter((c) => c !== comment);
      issue.updated = state.now();
      return { status: 204 };
    }),
  );
}
