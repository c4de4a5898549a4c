/**
 * The integration's health for the configuration page: when the last outbound event and the last
 * import happened, imports waiting and failed, the last reconciliation, PRA reachability (API version,
 * a token), the Jira permissions the app needs, whether it can read Jira Assets as itself (when endpoint
 * approval needs to), and the warnings those add up to.
 */
import { route } from '@forge/api';
import { JiraClient, JiraError } from '../jira/client';
import { canLookUpEmails, EMAIL_LOOKUP_REFUSED } from '../jira/users';
import { PraClient } from '../pra/client';
import { PraError } from '../pra/errors';
import { loadConnection, loadSettings } from '../config/store';
import { ASSETS_ROLE_NOT_NEEDED, assetsRoleStatus, type AssetsRoleStatus } from '../config/assetsRole';
import { appAssetsAccess } from '../jira/assets';
import { resolveField, type ResolvedField } from '../jira/fields';
import { describePraError } from '../config/validateConnection';
import { recentRecords } from '../import/ledger';
import { loadReconcileState, type ReconcileResult } from '../reconcile/reconcile';
import { lastSeen, type LastSeen } from '../shared/heartbeat';
import { healthWarnings } from './warnings';

/** Jira permissions the app uses as itself, with what each is for. */
export const NEEDED_JIRA_PERMISSIONS: Record<string, string> = {
  BROWSE_PROJECTS: 'Browse projects (read tickets)',
  ADD_COMMENTS: 'Add comments (session data)',
  CREATE_ATTACHMENTS: 'Create attachments (logs and recordings)',
  ASSIGN_ISSUES: 'Assign issues (Auto Associate With User)',
  DELETE_OWN_COMMENTS: "Delete own comments (a re-import replaces the app's earlier comments)",
  DELETE_OWN_ATTACHMENTS: "Delete own attachments (a re-import replaces the app's earlier files)",
};

export interface Health {
  checkedAt: string;
  lastEvent?: LastSeen;
  lastImport?: LastSeen;
  importsWaiting: number;
  importsFailed: number;
  reconcile?: ReconcileResult & { watermark?: string };
  pra: { status: 'ok' | 'error' | 'not-configured'; message: string; apiVersion?: string; tokenValid: boolean };
  jiraPermissions: Array<{ key: string; label: string; granted: boolean }>;
  /** Whether the app can read Jira Assets as itself (endpoint approval with an Assets asset field). */
  assets: AssetsRoleStatus;
  warnings: string[];
}

async function praStatus(): Promise<Health['pra']> {
  const connection = await loadConnection();
  if (!connection) return { status: 'not-configured', message: 'Host Name, Client ID or Client Secret is not set.', tokenValid: false };
  const { hostName, clientId } = connection.settings;
  const pra = new PraClient({ hostName, clientId, clientSecret: connection.clientSecret }, { timeoutMs: 10_000 });
  try {
    const info = await pra.apiInfo();
    return { status: 'ok', message: `Reachable; API ${info.apiVersion}.`, apiVersion: info.apiVersion, tokenValid: true };
  } catch (error) {
    if (!(error instanceof PraError)) throw error;
    return { status: 'error', message: describePraError(error, hostName), tokenValid: !['invalid-client', 'unauthorized', 'egress-denied', 'unreachable', 'timeout'].includes(error.kind) };
  }
}

/** The email lookup for apps, listed with the permissions (it is a scope the site may refuse, not a permission). */
export const EMAIL_LOOKUP_CHECK = { key: 'READ_EMAIL_ADDRESSES', label: "Read users' email addresses (hidden emails in endpoint approval)" } as const;

async function jiraPermissions(): Promise<Health['jiraPermissions']> {
  const keys = Object.keys(NEEDED_JIRA_PERMISSIONS);
  const query = new URLSearchParams({ permissions: keys.join(',') });
  const jira = JiraClient.asApp({ timeoutMs: 10_000 });
  const [result, emails] = await Promise.all([
    jira.json<{ permissions?: Record<string, { havePermission?: boolean }> }>(route`/rest/api/3/mypermissions?${query}`),
    canLookUpEmails(jira),
  ]);
  return [
    ...keys.map((key) => ({ key, label: NEEDED_JIRA_PERMISSIONS[key]!, granted: result.permissions?.[key]?.havePermission === true })),
    { ...EMAIL_LOOKUP_CHECK, granted: emails },
  ];
}

async function assetsRole(): Promise<AssetsRoleStatus> {
  const settings = await loadSettings();
  if (!settings.requireAssetMatch || !settings.assetFieldName) return ASSETS_ROLE_NOT_NEEDED;
  const jira = JiraClient.asApp({ timeoutMs: 10_000 });
  let field: ResolvedField | undefined;
  try {
    field = await resolveField(jira, settings.assetFieldName);
  } catch (error) {
    // One line of the Health tab: it says it could not tell rather than failing the whole view.
    if (error instanceof JiraError) return assetsRoleStatus({ kind: 'unknown', detail: error.message });
    throw error;
  }
  if (field?.kind !== 'assets') return ASSETS_ROLE_NOT_NEEDED;
  return assetsRoleStatus(await appAssetsAccess(jira));
}

export async function integrationHealth(): Promise<Health> {
  const now = Date.now();
  const [seen, records, state, pra, permissions, assets] = await Promise.all([
    lastSeen(),
    recentRecords(100),
    loadReconcileState(),
    praStatus(),
    jiraPermissions(),
    assetsRole(),
  ]);
  const waiting = records.filter((r) => r.status === 'queued' || r.status === 'running' || r.status === 'waiting');
  const failed = records.filter((r) => r.status === 'failed');
  const oldestWaiting = waiting.map((r) => r.receivedAt).sort()[0];
  const reconcile = state.lastResult ? { ...state.lastResult, watermark: state.watermark ? new Date(state.watermark * 1000).toISOString() : undefined } : undefined;
  return {
    checkedAt: new Date(now).toISOString(),
    lastEvent: seen.event,
    lastImport: seen.import,
    importsWaiting: waiting.length,
    importsFailed: failed.length,
    reconcile,
    pra,
    jiraPermissions: permissions,
    assets,
    warnings: healthWarnings({
      now,
      lastEventAt: seen.event?.at,
      reconcile: state.lastResult,
      importsFailed: failed.length,
      importsWaiting: waiting.length,
      oldestWaitingSince: oldestWaiting,
      praProblem:
        pra.status === 'error'
          ? pra.message
          : pra.status === 'not-configured'
            ? 'The PRA appliance is not configured yet: enter the Host Name, Client ID and Client Secret on the Settings tab.'
            : undefined,
      missingJiraPermissions: permissions.filter((p) => !p.granted && p.key !== EMAIL_LOOKUP_CHECK.key).map((p) => p.label),
      assetsProblem: assets.status === 'missing' ? assets.message : undefined,
    }).concat(permissions.some((p) => p.key === EMAIL_LOOKUP_CHECK.key && !p.granted) ? [EMAIL_LOOKUP_REFUSED] : []),
  };
}
