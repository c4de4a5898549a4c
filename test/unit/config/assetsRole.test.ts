import { describe, expect, it } from '@jest/globals';
import { ASSETS_ROLE_NOT_NEEDED, ASSETS_ROLE_STEP, assetsRoleStatus } from '../../../src/config/assetsRole';

describe('what the configuration page and Health say about the app reading Jira Assets', () => {
  it('names the missing role, what it breaks and where to grant it', () => {
    expect(assetsRoleStatus({ kind: 'no-role', detail: 'Jira answered HTTP 403' })).toEqual({
      status: 'missing',
      message: `Missing Assets role: the app cannot read Jira Assets, so endpoint approval denies every Jump on a ticket whose asset is in an Assets field. ${ASSETS_ROLE_STEP}`,
    });
    expect(ASSETS_ROLE_STEP).toMatch(/give the app "BeyondTrust Privileged Remote Access" an Assets role/);
  });

  it('tells a site without Assets apart from a missing role', () => {
    const status = assetsRoleStatus({ kind: 'no-workspace' });
    expect(status.status).toBe('missing');
    expect(status.message).toMatch(/^Jira Assets is not available on this site/);
    expect(status.message).not.toMatch(/role/);
  });

  it('does not claim a missing role when it could not tell', () => {
    expect(assetsRoleStatus({ kind: 'unknown', detail: 'Jira did not answer in time.' })).toEqual({
      status: 'unknown',
      message: 'Whether the app can read Jira Assets could not be checked: Jira did not answer in time.',
    });
  });

  it('is ok with a role, and says when no role is needed', () => {
    expect(assetsRoleStatus({ kind: 'ok' }).status).toBe('ok');
    expect(ASSETS_ROLE_NOT_NEEDED.status).toBe('not-needed');
  });
});
