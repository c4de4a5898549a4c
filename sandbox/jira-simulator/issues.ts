/**
 * GET issue (field selection, `expand=names,schema`, `properties=`) rendered like Jira Cloud, and
 * PUT assignee.
 */
import type { Router } from '../shared/http';
import { json } from '../shared/http';
import { attachmentJson } from './attachments';
import { withAuth, type Principal } from './auth';
import { commentJson, visibleComments } from './comments';
import { jiraError } from './errors';
import { fieldsOfIssue, renderCustomValue, selectFields, type FieldMeta } from './fields';
import { resolutionJson, statusJson } from './instance';
import { requireIssuePermission, requireVisibleIssue } from './permissions';
import { selectedProperties } from './properties';
import { listParam } from './query';
import { admitIssueWrite, type Issue, type JiraState, type Project } from './state';
import { jiraTime } from './time';
import { avatarUrls, isAssignable, userRefJson } from './users';

const ISSUE_EXPAND = 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations';

function projectJson(state: JiraState, project: Project): Record<string, unknown> {
  return {
    self: `${state.siteUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    simplified: false,
    avatarUrls: avatarUrls(state, 'project', project.id),
  };
}

function issueTypeJson(state: JiraState, issue: Issue): Record<string, unknown> {
  const type = state.issueTypes.get(issue.issueTypeId)!;
  return {
    self: `${state.siteUrl}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${state.siteUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.id}?size=medium`,
    name: type.name,
    subtask: false,
    hierarchyLevel: 0,
  };
}

function systemFieldValue(state: JiraState, issue: Issue, fieldId: string, viewer: Principal): unknown {
  switch (fieldId) {
    case 'summary':
      return issue.summary;
    case 'issuetype':
      return issueTypeJson(state, issue);
    case 'project':
      return projectJson(state, state.projectOf(issue));
    case 'status':
      return statusJson(state, state.statuses.get(issue.statusId)!);
    case 'statuscategorychangedate':
      return jiraTime(issue.statusCategoryChanged);
    case 'resolution': {
      const resolution = issue.resolutionId === null ? undefined : state.resolutions.get(issue.resolutionId);
      return resolution ? resolutionJson(state, resolution) : null;
    }
    case 'resolutiondate':
      return issue.resolutionDate === null ? null : jiraTime(issue.resolutionDate);
    case 'assignee':
      return userRefJson(state, issue.assigneeId, viewer);
    case 'reporter':
      return userRefJson(state, issue.reporterId, viewer);
    case 'creator':
      return userRefJson(state, issue.creatorId, viewer);
    case 'created':
      return jiraTime(issue.created);
    case 'updated':
      return jiraTime(issue.updated);
    case 'description':
      return issue.description;
    case 'labels':
      return [...issue.labels];
    case 'comment': {
      const comments = visibleComments(issue, viewer);
      return {
        comments: comments.map((c) => commentJson(state, issue, c, viewer)),
        self: `${state.siteUrl}/rest/api/3/issue/${issue.id}/comment`,
        maxResults: comments.length,
        total: comments.length,
        startAt: 0,
      };
    }
    case 'attachment':
      return state.issueAttachments(issue).map((a) => attachmentJson(state, a, viewer));
    default:
      return null;
  }
}

function fieldValue(state: JiraState, issue: Issue, field: FieldMeta, viewer: Principal): unknown {
  if (!field.custom) return systemFieldValue(state, issue, field.id, viewer);
  return renderCustomValue(state, state.customFields.get(field.id)!, issue.custom[field.id], viewer.user.timeZone);
}

interface IssueQuery {
  fields: string | null;
  expand: string[];
  properties: string[];
}

function issueJson(state: JiraState, issue: Issue, viewer: Principal, query: IssueQuery): Record<string, unknown> {
  const selected = selectFields(query.fields, fieldsOfIssue(state, issue));
  const result: Record<string, unknown> = {
    expand: ISSUE_EXPAND,
    id: issue.id,
    self: `${state.siteUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: Object.fromEntries(selected.map((f) => [f.id, fieldValue(state, issue, f, viewer)])),
  };
  if (query.expand.includes('names')) result.names = Object.fromEntries(selected.map((f) => [f.id, f.name]));
  if (query.expand.includes('schema')) result.schema = Object.fromEntries(selected.map((f) => [f.id, f.schema]));
  if (query.properties.length > 0) result.properties = selectedProperties(issue, query.properties);
  return result;
}

export function registerIssueRoutes(router: Router, state: JiraState): void {
  router.get(
    '/rest/api/3/issue/:issueIdOrKey',
    withAuth(state, (req, principal) => {
      const issue = requireVisibleIssue(state, principal, req.params.issueIdOrKey!);
      const fields = listParam(req, 'fields');
      return json(
        200,
        issueJson(state, issue, principal, {
          fields: fields.length > 0 ? fields.join(',') : null,
          expand: listParam(req, 'expand'),
          properties: listParam(req, 'properties'),
        }),
      );
    }),
  );

  router.put(
    '/rest/api/3/issue/:issueIdOrKey/assignee',
    withAuth(state, (req, principal) => {
      const issue = requireVisibleIssue(state, principal, req.params.issueIdOrKey!);
      requireIssuePermission(state, principal, issue, 'ASSIGN_ISSUES', 'You do not have permission to assign issues.');
      admitIssueWrite(state, issue);
      const body = req.json<{ accountId?: unknown } | null>();
      if (typeof body !== 'object' || body === null || !('accountId' in body)) {
        throw jiraError(400, [], { assignee: "The request body must contain 'accountId' (null to unassign)." });
      }
      const project = state.projectOf(issue);
      let assigneeId: string | null;
      if (body.accountId === null) assigneeId = null;
      else if (body.accountId === '-1') {
        const lead = project.leadAccountId === null ? undefined : state.users.get(project.leadAccountId);
        assigneeId = lead && isAssignable(lead, project) ? lead.accountId : null;
      } else {
        const user = typeof body.accountId === 'string' ? state.users.get(body.accountId) : undefined;
        if (!user) throw jiraError(400, [], { assignee: `User '${String(body.accountId)}' does not exist.` });
        if (!isAssignable(user, project)) throw jiraError(400, [], { assignee: `User '${user.displayName}' cannot be assigned issues.` });
        assigneeId = user.accountId;
      }
      issue.assigneeId = assigneeId;
      issue.updated = state.now();
      return { status: 204 };
    }),
  );
}
