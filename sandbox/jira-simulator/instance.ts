/**
 * Site-level metadata: server info, the tenant's cloud id, status categories, statuses and
 * resolutions (and their JSON shapes, reused inside issues).
 */
import type { Router } from '../shared/http';
import { json } from '../shared/http';
import { authenticate, withAuth } from './auth';
import { jiraTime } from './time';
import { STATUS_CATEGORIES, statusCategory, type JiraState, type Resolution, type Status, type StatusCategory } from './state';

function statusCategoryJson(state: JiraState, category: StatusCategory): Record<string, unknown> {
  return { self: `${state.siteUrl}/rest/api/3/statuscategory/${category.id}`, ...category };
}

export function statusJson(state: JiraState, status: Status): Record<string, unknown> {
  return {
    self: `${state.siteUrl}/rest/api/3/status/${status.id}`,
    description: status.description,
    iconUrl: `${state.siteUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    untranslatedName: status.name,
    id: status.id,
    statusCategory: statusCategoryJson(state, statusCategory(status.category)),
    ...(status.projectId === undefined ? {} : { scope: { type: 'PROJECT', project: { id: status.projectId } } }),
  };
}

export function resolutionJson(state: JiraState, resolution: Resolution): Record<string, unknown> {
  return {
    self: `${state.siteUrl}/rest/api/3/resolution/${resolution.id}`,
    id: resolution.id,
    description: resolution.description,
    name: resolution.name,
  };
}

export function registerInstanceRoutes(router: Router, state: JiraState): void {
  // Jira answers server info to anonymous callers too; a present but invalid credential is still 401.
  router.get('/rest/api/3/serverInfo', (req) => {
    if (req.header('authorization') !== undefined) authenticate(req, state);
    return json(200, {
      baseUrl: state.siteUrl,
      displayUrl: state.siteUrl,
      version: '1001.0.0-SNAPSHOT',
      versionNumbers: [1001, 0, 0],
      deploymentType: 'Cloud',
      buildNumber: 100289,
      buildDate: '2026-01-01T00:00:00.000+0000',
      serverTime: jiraTime(state.now()),
      scmInfo: 'sandbox',
      serverTitle: 'Jira',
      defaultLocale: { locale: 'en_US' },
      serverTimeZone: 'Etc/UTC',
    });
  });

  router.get('/_edge/tenant_info', () => json(200, { cloudId: state.cloudId }));

  router.get(
    '/rest/api/3/statuscategory',
    withAuth(state, () => json(200, STATUS_CATEGORIES.map((c) => statusCategoryJson(state, c)))),
  );

  router.get(
    '/rest/api/3/status',
    withAuth(state, () => json(200, [...state.statuses.values()].map((s) => statusJson(state, s)))),
  );

  router.get(
    '/rest/api/3/resolution',
    withAuth(state, () => json(200, [...state.resolutions.values()].map((r) => resolutionJson(state, r)))),
  );
}
