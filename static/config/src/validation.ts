/**
 * Client-side checks that mirror the server's validation of `saveConfiguration`. The host-name rules
 * and every message come from the same modules the backend uses (src/config), so the page and the
 * server cannot drift apart. The server stays the authority: its `fieldErrors` are shown the same way.
 */
import { hostNameProblem } from '../../../src/config/hostName';
import { CHANGE_WINDOW_GRACE_LIMIT, RECORDING_MAX_MB_LIMIT, SETTINGS_MESSAGES } from '../../../src/config/settingsMessages';
import type { FieldErrors, Settings } from './types';

export { CHANGE_WINDOW_GRACE_LIMIT, RECORDING_MAX_MB_LIMIT };

/**
 * Field errors for settings about to be saved (strings already trimmed). Required fields are only
 * required while the integration is enabled; a host name that is filled in is always checked. A stored
 * secret belongs to the host it was saved with (`savedHostName`): a new Host Name needs the secret again.
 */
export function validateSettings(settings: Settings, clientSecret: string, clientSecretSet: boolean, savedHostName = settings.hostName): FieldErrors {
  const errors: FieldErrors = {};
  const hostChanged = !!settings.hostName && settings.hostName.toLowerCase() !== savedHostName.toLowerCase();
  if (!clientSecret && clientSecretSet && hostChanged) {
    errors.clientSecret = SETTINGS_MESSAGES.clientSecretForNewHost(settings.hostName.toLowerCase());
  }
  if (settings.hostName || settings.enabled) {
    const error = hostNameProblem(settings.hostName);
    if (error) errors.hostName = error;
  }
  if (settings.enabled) {
    if (!settings.clientId) errors.clientId = SETTINGS_MESSAGES.clientIdRequired;
    if (!clientSecret && !clientSecretSet && !errors.clientSecret) errors.clientSecret = SETTINGS_MESSAGES.clientSecretRequired;
    if (!settings.assetFieldName) errors.assetFieldName = SETTINGS_MESSAGES.assetFieldNameRequired;
  }
  const mb = settings.recordingMaxMb;
  if (!Number.isInteger(mb) || mb < 1 || mb > RECORDING_MAX_MB_LIMIT) errors.recordingMaxMb = SETTINGS_MESSAGES.recordingMaxMb;
  const grace = settings.changeWindowGraceMinutes;
  if (!Number.isInteger(grace) || grace < 0 || grace > CHANGE_WINDOW_GRACE_LIMIT) errors.changeWindowGraceMinutes = SETTINGS_MESSAGES.changeWindowGraceMinutes;
  if (!settings.changeWindowStartField !== !settings.changeWindowEndField) {
    errors[settings.changeWindowStartField ? 'changeWindowEndField' : 'changeWindowStartField'] = SETTINGS_MESSAGES.changeWindowFieldPair;
  }
  if (settings.requireChangeWindow && settings.changeWindowIssueTypes.length === 0) errors.changeWindowIssueTypes = SETTINGS_MESSAGES.changeWindowIssueTypes;
  return errors;
}
