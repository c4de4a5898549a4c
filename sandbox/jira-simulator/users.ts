/**
 * User objects as Jira renders them (hidden emails omitted except to the user themself) and the user
 * endpoints: /myself, /user, /user/search (active users; matching hidden emails too),
 * /user/assignable/search and /user/email (an app's lookup of any user's address, hidden or not).
 */
import type { Router } from '../shared/http';
import { json } from '../shared/http';
import { withAuth, type Principal } from './auth';
import { jiraError } from './errors';
import { pageParams, slicePage } from './query';
import { hasGlobalPermission, hasProjectPermission, requireVisibleIssue } from './permissions';
import type { JiraState, Project, User } from './state';

/** Avatar links of a user (`type` user, by account id) or a project (`type` project, by project id). */
export function avatarUrls(state: JiraState, type: 'user' | 'project', id: string): Record<string, string> {
  const base = `${state.siteUrl}/rest/api/3/universal_avatar/view/type/${type}/owner/${encodeURIComponent(id)}`;
  return Object.fromEntries(['48x48', '24x24', '16x16', '32x32'].map((size) => [size, `${base}?size=${size}`]));
}

/** The user as the viewer sees it (the `emailAddress` key is absent when hidden from them). */
function userJson(state: JiraState, user: User, viewer: Principal): Record<string, unknown> {
  const showEmail = user.emailAddress !== undefined && (user.emailVisible || viewer.user.accountId === user.accountId);
  return {
    self: `${state.siteUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.accountType,
    ...(showEmail ? { emailAddress: user.emailAddress } : {}),
    avatarUrls: avatarUrls(state, 'user', user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
  };
}

/** `userJson` or null for an unset user reference (assignee, reporter). */
export function userRefJson(state: JiraState, accountId: string | null, viewer: Principal): Record<string, unknown> | null {
  const user = accountId === null ? undefined : state.users.get(accountId);
  return user ? userJson(state, user, viewer) : null;
}

function detailedUserJson(state: JiraState, user: User, viewer: Principal): Record<string, unknown> {
  return {
    ...userJson(state, user, viewer),
    locale: user.locale,
    groups: { size: user.groups.length, items: [] },
    applicationRoles: { size: 0, items: [] },
    expand: 'groups,applicationRoles',
  };
}

/**
 * Jira's user-search match: case-insensitive prefix of the display name or of any word in it, or
 * prefix of the email address — the email matches even when it is hidden (and is still not returned).
 */
export function matchesUserQuery(user: User, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return false;
  const name = user.displayName.toLowerCase();
  if (name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q))) return true;
  return (user.emailAddress ?? '').toLowerCase().startsWith(q);
}

/** Jira's user searches never return more than this many users per page. */
const USER_SEARCH_CAP = 1000;

export function isAssignable(user: User, project: Project): boolean {
  return hasProjectPermission({ kind: 'user', user }, project, 'ASSIGNABLE_USER');
}

export function registerUserRoutes(router: Router, state: JiraState): void {
  router.get(
    '/rest/api/3/myself',
    withAuth(state, (_req, principal) => json(200, detailedUserJson(state, principal.user, principal))),
  );

  router.get(
    '/rest/api/3/user',
    withAuth(state, (req, principal) => {
      const accountId = req.query.get('accountId');
      if (!accountId) throw jiraError(400, ["The query parameter 'accountId' is required."]);
      const user = state.users.get(accountId);
      if (!user) throw jiraError(404, ['Specified user does not exist or you do not have required permissions']);
      return json(200, detailedUserJson(state, user, principal));
    }),
  );

  router.get(
    '/rest/api/3/user/search',
    withAuth(state, (req, principal) => {
      if (!hasGlobalPermission(principal, 'USER_PICKER')) return json(200, []);
      const query = req.query.get('query');
      const accountId = req.query.get('accountId');
      if (!query && !accountId) {
        throw jiraError(400, ['One of the following query parameters must be provided: query, accountId, property.']);
      }
      // "Returns a list of active users that match the search string" (Find users, REST v3).
      const found = [...state.users.values()].filter(
        (u) => u.active && (!accountId || u.accountId === accountId) && (!query || matchesUserQuery(u, query)),
      );
      return json(200, slicePage(found, pageParams(req, 50, USER_SEARCH_CAP)).map((u) => userJson(state, u, principal)));
    }),
  );

  // Get user email: "Returns a user's email address regardless of the user's profile visibility
  // settings"; Forge apps may call it only as the app (asApp), with scope read:email-address:jira.
  router.get(
    '/rest/api/3/user/email',
    withAuth(state, (req, principal) => {
      if (principal.kind !== 'app') {
        return json(401, { code: 401, message: 'Unauthorized; scope does not match' });
      }
      if (!state.knobs.appMayReadEmails) {
        throw jiraError(400, ['This app is not allowed to read user email addresses (scope read:email-address:jira is not granted or not approved for this site).']);
      }
      const accountId = req.query.get('accountId');
      if (!accountId) throw jiraError(400, ["The query parameter 'accountId' is required."]);
      const user = state.users.get(accountId);
      if (!user || user.emailAddress === undefined) throw jiraError(404, [`User with accountId '${accountId}' was not found.`]);
      return json(200, { accountId: user.accountId, email: user.emailAddress });
    }),
  );

  router.get(
    '/rest/api/3/user/assignable/search',
    withAuth(state, (req, principal) => {
      const issueRef = req.query.get('issueKey') ?? req.query.get('issueId');
      const projectRef = req.query.get('project');
      if (!issueRef && !projectRef) {
        throw jiraError(400, ['The request must include at least one of the following parameters: issueKey, issueId or project.']);
      }
      const project = issueRef
        ? state.projectOf(requireVisibleIssue(state, principal, issueRef))
        : state.findProject(projectRef!);
      if (!project || !hasProjectPermission(principal, project, 'BROWSE_PROJECTS')) {
        throw jiraError(404, [`No project could be found with key '${projectRef}'.`]);
      }
      const query = req.query.get('query');
      const accountId = req.query.get('accountId');
      const found = [...state.users.values()].filter(
        (u) =>
          isAssignable(u, project) &&
          (!accountId || u.accountId === accountId) &&
          (!query || matchesUserQuery(u, query)),
      );
      return json(200, slicePage(found, pageParams(req, 50, USER_SEARCH_CAP)).map((u) => userJson(state, u, principal)));
    }),
  );
}
