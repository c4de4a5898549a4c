/**
 * A simple permission model: per project, browse / assign / edit grants (groups or accounts); Jira
 * administrators are the `jira-administrators` group (ADMINISTER); the app user holds every project
 * permission but is not a Jira administrator. Also the permission REST endpoints.
 */
import type { Router } from '../shared/http';
import { json } from '../shared/http';
import { principalFor, withAuth, type Principal } from './auth';
import { issueNotFound, jiraError } from './errors';
import { listParam } from './query';
import type { Grant, Issue, JiraState, Project, User } from './state';

const JIRA_ADMIN_GROUP = 'jira-administrators';

type Holder = 'browse' | 'assign' | 'edit' | 'assignable' | 'projectAdmin';

interface PermissionDef {
  id: string;
  name: string;
  description: string;
  type: 'GLOBAL' | 'PROJECT';
  /** For project permissions: which part of the simple model grants it. */
  holder?: Holder;
}

const PERMISSIONS: Record<string, PermissionDef> = {
  ADMINISTER: { id: '0', type: 'GLOBAL', name: 'Administer Jira', description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.' },
  USER_PICKER: { id: '27', type: 'GLOBAL', name: 'Browse users and groups', description: 'View and select users or groups from the user picker, and share issues.' },
  BROWSE_PROJECTS: { id: '10', type: 'PROJECT', holder: 'browse', name: 'Browse Projects', description: 'Ability to browse projects and the issues within them.' },
  ADMINISTER_PROJECTS: { id: '23', type: 'PROJECT', holder: 'projectAdmin', name: 'Administer Projects', description: 'Ability to administer a project in Jira.' },
  EDIT_ISSUES: { id: '12', type: 'PROJECT', holder: 'edit', name: 'Edit Issues', description: 'Ability to edit issues.' },
  ASSIGN_ISSUES: { id: '13', type: 'PROJECT', holder: 'assign', name: 'Assign Issues', description: 'Ability to assign issues to other people.' },
  RESOLVE_ISSUES: { id: '14', type: 'PROJECT', holder: 'edit', name: 'Resolve Issues', description: 'Ability to resolve and reopen issues.' },
  ADD_COMMENTS: { id: '15', type: 'PROJECT', holder: 'edit', name: 'Add Comments', description: 'Ability to comment on issues.' },
  ASSIGNABLE_USER: { id: '17', type: 'PROJECT', holder: 'assignable', name: 'Assignable User', description: 'Users with this permission may be assigned to issues.' },
  CREATE_ATTACHMENTS: { id: '19', type: 'PROJECT', holder: 'edit', name: 'Create Attachments', description: 'Users with this permission may create attachments.' },
  EDIT_ALL_COMMENTS: { id: '34', type: 'PROJECT', holder: 'projectAdmin', name: 'Edit All Comments', description: 'Ability to edit all comments made on issues.' },
  EDIT_OWN_COMMENTS: { id: '35', type: 'PROJECT', holder: 'edit', name: 'Edit Own Comments', description: 'Ability to edit own comments made on issues.' },
  DELETE_ALL_COMMENTS: { id: '36', type: 'PROJECT', holder: 'projectAdmin', name: 'Delete All Comments', description: 'Ability to delete all comments made on issues.' },
  DELETE_OWN_COMMENTS: { id: '37', type: 'PROJECT', holder: 'edit', name: 'Delete Own Comments', description: 'Ability to delete own comments made on issues.' },
  DELETE_ALL_ATTACHMENTS: { id: '38', type: 'PROJECT', holder: 'projectAdmin', name: 'Delete All Attachments', description: 'Users with this permission may delete all attachments.' },
  DELETE_OWN_ATTACHMENTS: { id: '39', type: 'PROJECT', holder: 'edit', name: 'Delete Own Attachments', description: 'Users with this permission may delete own attachments.' },
  TRANSITION_ISSUES: { id: '46', type: 'PROJECT', holder: 'edit', name: 'Transition Issues', description: 'Ability to transition issues.' },
};

function isJiraAdmin(user: User): boolean {
  return user.active && user.groups.includes(JIRA_ADMIN_GROUP);
}

function holds(grant: Grant, user: User): boolean {
  return user.active && (grant.accountIds.includes(user.accountId) || grant.groups.some((g) => user.groups.includes(g)));
}

export function hasGlobalPermission(principal: Principal, key: string): boolean {
  if (key === 'ADMINISTER') return principal.kind === 'user' && isJiraAdmin(principal.user);
  if (key === 'USER_PICKER') return principal.kind === 'app' || (principal.user.active && principal.user.accountType === 'atlassian');
  return false;
}

export function hasProjectPermission(principal: Principal, project: Project, key: string): boolean {
  const holder = PERMISSIONS[key]?.holder;
  if (holder === undefined) return false;
  if (principal.kind === 'app') return holder !== 'assignable';
  const user = principal.user;
  if (!holds(project.permissions.browse, user)) return false;
  switch (holder) {
    case 'browse':
      return true;
    case 'assign':
      return holds(project.permissions.assign, user);
    case 'edit':
      return holds(project.permissions.edit, user);
    case 'assignable':
      return user.accountType === 'atlassian';
    case 'projectAdmin':
      return isJiraAdmin(user) || project.leadAccountId === user.accountId;
  }
}

/** The issue if it exists and the caller may browse it; otherwise Jira's 404. */
export function requireVisibleIssue(state: JiraState, principal: Principal, idOrKey: string): Issue {
  const issue = state.findIssue(idOrKey);
  if (!issue || !hasProjectPermission(principal, state.projectOf(issue), 'BROWSE_PROJECTS')) throw issueNotFound();
  return issue;
}

/** Throws 403 with `message` unless the caller holds the project permission on the issue's project. */
export function requireIssuePermission(
  state: JiraState,
  principal: Principal,
  issue: Issue,
  key: string,
  message: string,
): void {
  if (!hasProjectPermission(principal, state.projectOf(issue), key)) throw jiraError(403, [message]);
}

function unknownKeys(keys: string[], type?: 'GLOBAL' | 'PROJECT'): string[] {
  return keys.filter((k) => !PERMISSIONS[k] || (type !== undefined && PERMISSIONS[k].type !== type));
}

interface BulkCheckBody {
  accountId?: string;
  globalPermissions?: string[];
  projectPermissions?: { permissions: string[]; issues?: number[]; projects?: number[] }[];
}

export function registerPermissionRoutes(router: Router, state: JiraState): void {
  router.post(
    '/rest/api/3/permissions/check',
    withAuth(state, (req, caller) => {
      const body = req.json<BulkCheckBody>() ?? {};
      let subject = caller;
      if (body.accountId !== undefined && body.accountId !== caller.user.accountId) {
        if (caller.kind !== 'app' && !isJiraAdmin(caller.user)) {
          throw jiraError(403, ['You must have the Administer Jira global permission to check the permissions of other users.']);
        }
        const user = state.users.get(body.accountId);
        if (!user) throw jiraError(400, [`Could not find user with account ID: ${body.accountId}`]);
        subject = principalFor(state, user);
      }
      const globals = body.globalPermissions ?? [];
      const projectChecks = body.projectPermissions ?? [];
      const unknown = [...unknownKeys(globals, 'GLOBAL'), ...projectChecks.flatMap((c) => unknownKeys(c.permissions ?? [], 'PROJECT'))];
      if (unknown.length > 0) throw jiraError(400, [`Unrecognized permission keys: ${unknown.join(', ')}`]);
      return json(200, {
        globalPermissions: globals.filter((k) => hasGlobalPermission(subject, k)),
        projectPermissions: projectChecks.flatMap((check) =>
          check.permissions.map((permission) => ({
            permission,
            issues: (check.issues ?? []).filter((id) => {
              const issue = state.issues.get(String(id));
              return issue !== undefined && hasProjectPermission(subject, state.projectOf(issue), permission);
            }),
            projects: (check.projects ?? []).filter((id) => {
              const project = state.projects.get(String(id));
              return project !== undefined && hasProjectPermission(subject, project, permission);
            }),
          })),
        ),
      });
    }),
  );

  router.get(
    '/rest/api/3/mypermissions',
    withAuth(state, (req, principal) => {
      const keys = listParam(req, 'permissions');
      if (keys.length === 0) throw jiraError(400, ['The permissions parameter is required.']);
      const unknown = unknownKeys(keys);
      if (unknown.length > 0) throw jiraError(400, [`Unrecognized permission keys: ${unknown.join(', ')}`]);
      const issueRef = req.query.get('issueKey') ?? req.query.get('issueId');
      const projectRef = req.query.get('projectKey') ?? req.query.get('projectId');
      let project: Project | undefined;
      if (issueRef) project = state.projectOf(requireVisibleIssue(state, principal, issueRef));
      else if (projectRef) {
        project = state.findProject(projectRef);
        if (!project || !hasProjectPermission(principal, project, 'BROWSE_PROJECTS')) {
          throw jiraError(404, ['No project could be found with key or id ' + projectRef + '.']);
        }
      }
      const permissions: Record<string, unknown> = {};
      for (const key of keys) {
        const def = PERMISSIONS[key]!;
        const havePermission =
          def.type === 'GLOBAL'
            ? hasGlobalPermission(principal, key)
            : project
              ? hasProjectPermission(principal, project, key)
              : [...state.projects.values()].some((p) => hasProjectPermission(principal, p, key));
        permissions[key] = { id: def.id, key, name: def.name, type: def.type, description: def.description, havePermission };
      }
      return json(200, { permissions });
    }),
  );
}
