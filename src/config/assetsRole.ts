/**
 * Whether the app can read Jira Assets as itself, in the words of the configuration page and the Health
 * tab. Endpoint approval reads a ticket's Assets objects as the app, and Atlassian gives the app account
 * no access to Assets data until a Jira administrator grants the app an Assets role. Pure: the check
 * itself is `appAssetsAccess` (src/jira/assets.ts).
 */
import type { AppAssetsAccess } from '../jira/assets';

/** Where the admin grants it (Atlassian: "Grant roles to Forge apps using 2LO"). */
export const ASSETS_ROLE_STEP =
  'In Jira Assets, give the app "BeyondTrust Privileged Remote Access" an Assets role that can view objects (for example Users) on the object schemas that hold your assets.';

export interface AssetsRoleStatus {
  status: 'ok' | 'missing' | 'unknown' | 'not-needed';
  message: string;
}

/** What the check found, for an Assets asset field with asset matching on. */
export function assetsRoleStatus(access: AppAssetsAccess): AssetsRoleStatus {
  switch (access.kind) {
    case 'ok':
      return { status: 'ok', message: 'The app can read Jira Assets objects (it has an Assets role).' };
    case 'no-role':
      return {
        status: 'missing',
        message: `Missing Assets role: the app cannot read Jira Assets, so endpoint approval denies every Jump on a ticket whose asset is in an Assets field. ${ASSETS_ROLE_STEP}`,
      };
    case 'no-workspace':
      return { status: 'missing', message: 'Jira Assets is not available on this site (no Assets workspace): the asset field cannot be read. Use a short text field instead.' };
    case 'unknown':
      return { status: 'unknown', message: `Whether the app can read Jira Assets could not be checked: ${access.detail}` };
  }
}

/** When the app does not read Assets as itself: a text asset field, or asset matching off. */
export const ASSETS_ROLE_NOT_NEEDED: AssetsRoleStatus = {
  status: 'not-needed',
  message: 'Not needed: endpoint approval does not read Jira Assets (the asset field is not an Assets field, or asset matching is off).',
};
