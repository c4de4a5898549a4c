/** `/api/command`: get_api_info, check_health, get_session_attributes, set_session_attributes. */
import { xml, type Router, type SimRequest, type SimResponse } from '../shared/http';
import { EXTERNAL_KEY, sessionCustomParams } from './customAttributes';
import { customFieldDisplayName } from './directory';
import { SimError } from './input';
import type { ApiAccount, SessionRecord } from './model';
import type { SessionService } from './sessions';
import type { PraState } from './state';
import { escapeAttr, escapeText, XML_DECLARATION } from './xml';
import { openXmlApi, xmlErrorReply } from './xmlApi';

/** Product version reported by check_health (PRA 25.2.1 reports API 1.25.0). */
const PRODUCT_VERSION = '25.2.1';

const bit = (flag: boolean) => (flag ? '1' : '0');

function apiInfo(state: PraState, account: ApiAccount, namespace: string): string {
  const p = account.permissions;
  const permission = [
    `perm_backup="${bit(p.backup)}"`,
    `perm_command="${p.command}"`,
    `perm_configuration="${bit(p.configuration)}"`,
    `perm_configuration_vault_account="${bit(p.configurationVaultAccount)}"`,
    `perm_ecm="${bit(p.ecm)}"`,
    `perm_reporting="${bit(p.reporting)}"`,
    `perm_reporting_license="${bit(p.reportingLicense)}"`,
    `perm_reporting_vault="${bit(p.reportingVault)}"`,
    `perm_vault_backup="${bit(p.vaultBackup)}"`,
    `perm_scim="${bit(p.scim)}"`,
  ].join(' ');
  return `${XML_DECLARATION}<get_api_info xmlns="${namespace}">
  <api_version>${escapeText(state.apiVersion)}</api_version>
  <timestamp>${state.nowSeconds()}</timestamp>
  <permissions>
    <permission ${permission}/>
  </permissions>
</get_api_info>
`;
}

function checkHealth(state: PraState, namespace: string): string {
  const healthy = state.knobs.healthy;
  return `${XML_DECLARATION}<check_health xmlns="${namespace}">
  <appliance id="${escapeAttr(state.applianceId)}">${escapeText(state.publicHost)}</appliance>
  <version>${PRODUCT_VERSION}</version>
  <success>${bit(healthy)}</success>
${healthy ? '' : '  <error_message>The appliance reports a problem with one or more services.</error_message>\n'}  <failover_role>none</failover_role>
</check_health>
`;
}

function sessionAttributes(state: PraState, session: SessionRecord, namespace: string): string {
  const entries: [string, string][] = [[EXTERNAL_KEY, session.externalKey], ...Object.entries(session.customAttributes)];
  const lines = entries.map(
    ([code, value]) =>
      `  <custom_attribute display_name="${escapeAttr(customFieldDisplayName(state, code))}" code_name="${escapeAttr(code)}">${escapeText(value)}</custom_attribute>\n`,
  );
  return `${XML_DECLARATION}<custom_attributes xmlns="${namespace}">\n${lines.join('')}</custom_attributes>\n`;
}

function activeSession(sessions: SessionService, params: URLSearchParams): SessionRecord {
  const lsid = params.get('lsid');
  if (!lsid) throw new SimError(200, 'lsid is required.');
  try {
    return sessions.active(lsid, false);
  } catch {
    throw new SimError(200, `There is no active session with lsid ${lsid}.`);
  }
}

function setSessionAttributes(state: PraState, sessions: SessionService, params: URLSearchParams, namespace: string): string {
  const session = activeSession(sessions, params);
  const attributes = sessionCustomParams(params);
  const unknown = Object.keys(attributes).filter((code) => code !== EXTERNAL_KEY && !state.customFields.has(code));
  if (unknown.length > 0) throw new SimError(200, `Unknown custom field code name: ${unknown.join(', ')}`);
  try {
    sessions.setAttributes(session, attributes);
  } catch (error) {
    throw new SimError(200, (error as Error).message);
  }
  return `${XML_DECLARATION}<success xmlns="${namespace}">Session attributes were set</success>\n`;
}

function runAction(state: PraState, sessions: SessionService, account: ApiAccount, params: URLSearchParams, namespace: string): string {
  const action = params.get('action');
  switch (action) {
    case 'get_api_info':
      return apiInfo(state, account, namespace);
    case 'check_health':
      return checkHealth(state, namespace);
    case 'get_session_attributes':
      return sessionAttributes(state, activeSession(sessions, params), namespace);
    case 'set_session_attributes':
      if (account.permissions.command !== 'full_access') {
        throw new SimError(403, 'set_session_attributes requires full command API access.');
      }
      return setSessionAttributes(state, sessions, params, namespace);
    case null:
      throw new SimError(200, 'action is required.');
    default:
      throw new SimError(200, `Invalid action: ${action}`);
  }
}

function handleCommand(state: PraState, sessions: SessionService, req: SimRequest): SimResponse {
  const { account, params, namespace } = openXmlApi(state, req, 'command');
  if (account.permissions.command === 'deny') {
    return xmlErrorReply(403, namespace, 'This API account is not allowed to use the command API.');
  }
  try {
    return xml(200, runAction(state, sessions, account, params, namespace));
  } catch (error) {
    if (error instanceof SimError) return xmlErrorReply(error.status, namespace, error.message);
    throw error;
  }
}

export function registerCommandRoutes(router: Router, state: PraState, sessions: SessionService): void {
  router.on(['GET', 'POST'], '/api/command', (req) => handleCommand(state, sessions, req));
}
