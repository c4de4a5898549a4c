/**
 * Issue (entity) properties: list, get, set (201 created / 200 updated; key ≤255 characters, value
 * ≤32,768 bytes of JSON), delete. Also `properties=` on GET issue.
 */
import type { Router } from '../shared/http';
import { json } from '../shared/http';
import { withAuth } from './auth';
import { jiraError } from './errors';
import { requireIssuePermission, requireVisibleIssue } from './permissions';
import { admitIssueWrite, type Issue, type JiraState } from './state';

const MAX_KEY_LENGTH = 255;

const propertyMissing = (key: string) => jiraError(404, [`The property with key '${key}' does not exist.`]);

/** GET issue's `properties=` parameter: listed keys, or `*all`. */
export function selectedProperties(issue: Issue, keys: string[]): Record<string, unknown> {
  const all = keys.includes('*all');
  return Object.fromEntries([...issue.properties].filter(([key]) => all || keys.includes(key)));
}

export function registerPropertyRoutes(router: Router, state: JiraState): void {
  const base = '/rest/api/3/issue/:issueIdOrKey/properties';
  const editDenied = 'You do not have permission to edit issue properties of this issue.';

  router.get(
    base,
    withAuth(state, (req, principal) => {
      const issue = requireVisibleIssue(state, principal, req.params.issueIdOrKey!);
      return json(200, {
        keys: [...issue.properties.keys()].map((key) => ({
          self: `${state.siteUrl}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`,
          key,
        })),
      });
    }),
  );

  router.get(
    `${base}/:propertyKey`,
    withAuth(state, (req, principal) => {
      const issue = requireVisibleIssue(state, principal, req.params.issueIdOrKey!);
      const key = req.params.propertyKey!;
      if (!issue.properties.has(key)) throw propertyMissing(key);
      return json(200, { key, value: issue.properties.get(key) });
    }),
  );

  router.put(
    `${base}/:propertyKey`,
    withAuth(state, (req, principal) => {
      const issue = requireVisibleIssue(state, principal, req.params.issueIdOrKey!);
      requireIssuePermission(state, principal, issue, 'EDIT_ISSUES', editDenied);
      admitIssueWrite(state, issue);
      const key = req.params.propertyKey!;
      if (key.length > MAX_KEY_LENGTH) throw jiraError(400, [`The property key cannot be longer than ${MAX_KEY_LENGTH} characters.`]);
      if (req.rawBody.length === 0) throw jiraError(400, ['The property value cannot be empty.']);
      let value: unknown;
      try {
        value = JSON.parse(req.text());
      } catch {
        throw jiraError(400, ['The property value must be valid JSON.']);
      }
      const limit = state.knobs.propertyValueLimitBytes;
      if (Buffer.byteLength(JSON.stringify(value)) > limit) {
        throw jiraError(400, [`The property value cannot be longer than ${limit} bytes.`]);
      }
      const existed = issue.properties.has(key);
      issue.properties.set(key, value);
      return { status: existed ? 200 : 201 };
    }),
  );

  router.delete(
    `${base}/:propertyKey`,
    withAuth(state, (req, principal) => {
      const issue = requireVisibleIssue(state, principal, req.params.issueIdOrKey!);
      requireIssuePermission(state, principal, issue, 'EDIT_ISSUES', editDenied);
      admitIssueWrite(state, issue);
      const key = req.params.propertyKey!;
      if (!issue.properties.delete(key)) throw propertyMissing(key);
      return { status: 204 };
    }),
  );
}
