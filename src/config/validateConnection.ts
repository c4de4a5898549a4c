/**
 * "Configuration Valid / Invalid": proves the settings work before anyone relies on them.
 *   1. the appliance host is allowed by the app's egress permissions;
 *   2. the OAuth client credentials get a token (host reachable, credentials right);
 *   3. get_api_info answers (XML API enabled) and the account has Command and Reporting permission;
 *   4. Jira has a field with the configured asset field name, of a supported kind;
 *   5. for a Jira Assets field with asset matching on: the app itself can read Assets (it has an Assets role).
 *   6. (a warning, not a failure) Jira lets the app read hidden email addresses for endpoint approval.
 * Each failure produces its own message saying what to fix and where.
 */
import { PraClient } from '../pra/client';
import { PraError } from '../pra/errors';
import type { ApiInfo } from '../pra/apiInfo';
import type { JiraClient } from '../jira/client';
import { appAssetsAccess } from '../jira/assets';
import { assetsRoleStatus } from './assetsRole';
import { cacheField, chooseField, listFields, similarFieldNames } from '../jira/fields';
import { canLookUpEmails, EMAIL_LOOKUP_REFUSED } from '../jira/users';
import { cacheWindowFields, chooseWindowFields } from '../changeWindow/windowFields';
import type { Settings } from './settings';
import type { ValidationCause, ValidationResult } from './store';

const API_CONFIG_PATH = '/login > Management > API Configuration';

function invalid(cause: ValidationCause, message: string, details: string[] = []): ValidationResult {
  return { status: 'invalid', cause, message, details, checkedAt: new Date().toISOString() };
}

/** Which part of the configuration a PRA error points at. */
export function causeOfPraError(error: PraError): ValidationCause {
  switch (error.kind) {
    case 'not-configured':
      return 'missing';
    case 'egress-denied':
      return 'egress';
    case 'unreachable':
    case 'timeout':
      return 'unreachable';
    case 'invalid-client':
    case 'unauthorized':
      return 'credentials';
    case 'api-disabled':
      return 'api';
    case 'forbidden':
      return 'permissions';
    default:
      return 'unexpected';
  }
}

/** The connection (host, client, secret) works even though the configuration is invalid for another reason. */
export function connectionWorks(result: ValidationResult): boolean {
  return result.status === 'valid' || result.cause === 'assetField' || result.cause === 'assetsRole' || result.cause === 'changeWindowFields';
}

export function describePraError(error: PraError, hostName: string): string {
  switch (error.kind) {
    case 'egress-denied':
      return `Egress not allowed: ${error.message}`;
    case 'unreachable':
      return `Host unreachable: ${error.message} Check the Host Name and that ${hostName} accepts HTTPS (port 443) from the internet (Atlassian's cloud).`;
    case 'timeout':
      return `Host unreachable: ${error.message} Check that ${hostName} accepts HTTPS (port 443) from the internet (Atlassian's cloud).`;
    case 'invalid-client':
      return `Invalid client: ${error.message}`;
    case 'api-disabled':
      return `XML API disabled: ${error.message}`;
    case 'forbidden':
      return `Missing Command API permission: the API account may not call get_api_info. Under ${API_CONFIG_PATH}, give it Command API: Full Access. (${error.message})`;
    case 'bad-response':
      return `Unexpected answer: ${error.message}`;
    default:
      return `The appliance could not be validated: ${error.message}`;
  }
}

function permissionProblems(info: ApiInfo): { blocking: string[]; warnings: string[] } {
  const blocking: string[] = [];
  const warnings: string[] = [];
  if (info.reporting === false) {
    blocking.push(
      `Missing Reporting API permission: the API account cannot read session reports, so session data cannot be imported. Under ${API_CONFIG_PATH}, tick Reporting API: "Allow Access to Access Session Reports and Recordings".`,
    );
  }
  if (info.command === 'deny') {
    blocking.push(`Missing Command API permission: under ${API_CONFIG_PATH}, give the API account Command API: Full Access.`);
  } else if (info.command === 'read_only') {
    warnings.push('The Command API access is read-only; BeyondTrust recommends Full Access for this integration.');
  }
  if (info.configuration === false) {
    warnings.push('The Configuration API is not allowed: Jump to Asset will not list the Jump Items that match an asset (optional).');
  }
  return { blocking, warnings };
}

/** "Change window fields not found", naming what was looked for and any near miss. */
export function windowFieldsProblem(tried: readonly string[], similar: readonly string[]): string {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < tried.length; i += 2) pairs.push(`"${tried[i]}" and "${tried[i + 1]}"`);
  return `Change window fields not found: Jira has no date-time fields named ${pairs.join(', nor ')}. The names must match the fields' names exactly, as Jira shows them (case-sensitive), and the fields must be Date Time Picker fields.${
    similar.length ? ` Did you mean ${similar.map((n) => `"${n}"`).join(' or ')}?` : ''
  }`;
}

export async function validateConnection(settings: Settings, clientSecret: string | undefined, jira: JiraClient): Promise<ValidationResult> {
  const { hostName, clientId, assetFieldName } = settings;
  if (!hostName || !clientId || !clientSecret) {
    const missing = [!hostName && 'Host Name', !clientId && 'Client ID', !clientSecret && 'Client Secret'].filter(Boolean).join(', ');
    return settings.enabled
      ? invalid('missing', `Enter the ${missing} to connect to the PRA appliance.`)
      : { status: 'unchecked', message: `The integration is disabled and not configured (missing: ${missing}).` };
  }

  const pra = new PraClient({ hostName, clientId, clientSecret }, { timeoutMs: 15_000 });
  let info: ApiInfo;
  try {
    info = await pra.apiInfo();
  } catch (error) {
    if (error instanceof PraError) return invalid(causeOfPraError(error), describePraError(error, hostName));
    throw error;
  }
  const { blocking, warnings } = permissionProblems(info);
  if (blocking.length) return invalid('permissions', blocking[0]!, [...blocking.slice(1), ...warnings]);

  const fields = await listFields(jira);
  const field = assetFieldName ? chooseField(fields, assetFieldName) : undefined;
  if (assetFieldName && !field) {
    const similar = similarFieldNames(fields, assetFieldName);
    return invalid(
      'assetField',
      `Asset field not found: Jira has no field named "${assetFieldName}". The Asset Field Name must match the field's name exactly, as Jira shows it (case-sensitive).${
        similar.length ? ` Did you mean ${similar.map((n) => `"${n}"`).join(' or ')}?` : ''
      }`,
    );
  }
  if (field && field.kind === 'unsupported') {
    return invalid('assetField', `Unsupported asset field: "${field.name}" is a ${field.type} field. Use a short text field or a Jira Assets field.`);
  }
  if (field) await cacheField(assetFieldName, field);
  const windowFields = settings.requireChangeWindow ? chooseWindowFields(fields, settings) : undefined;
  if (windowFields && !windowFields.ok) return invalid('changeWindowFields', windowFieldsProblem(windowFields.tried, windowFields.similar));
  if (windowFields?.ok) await cacheWindowFields(settings, windowFields.fields);

  const details = [...warnings];
  if (field?.kind === 'assets' && settings.requireAssetMatch) {
    const assets = assetsRoleStatus(await appAssetsAccess(jira));
    if (assets.status === 'missing') return invalid('assetsRole', assets.message, details);
    if (assets.status === 'unknown') details.push(assets.message);
  }
  if (!(await canLookUpEmails(jira))) details.push(EMAIL_LOOKUP_REFUSED);
  if (!settings.enabled) details.unshift('Enable Integration is off: Jump to Asset, session import and endpoint approval stay inactive until you turn it on.');
  const commandText = info.command === 'full_access' ? 'full access' : info.command === 'read_only' ? 'read-only' : 'allowed';
  return {
    status: 'valid',
    message: `Connected to ${hostName} (API ${info.apiVersion}): Command API ${commandText}, Reporting API allowed.${
      field ? ` Asset field "${field.name}" (${field.kind === 'assets' ? 'Jira Assets' : 'text'}).` : ''
    }${windowFields?.ok ? ` Change window fields "${windowFields.fields.startName}" and "${windowFields.fields.endName}".` : ''}`,
    details,
    checkedAt: new Date().toISOString(),
    apiVersion: info.apiVersion,
  };
}
