/**
 * The configuration page's use cases: show the settings (never the secret), save them (validate
 * input, keep the stored secret when none is typed and the Host Name is unchanged, then validate
 * against PRA; a connection that validates becomes the one in use, one that does not leaves the last
 * working one in use), re-validate, and rotate a web-trigger token. A stored secret belongs to the host it
 * was saved with: when the Host Name changes, the secret must be typed again and the old one is never sent.
 */
import { SESSION_EVENT_TYPES } from '../pra/eventTypes';
import { JiraClient } from '../jira/client';
import { DEFAULT_SETTINGS, parseSettings, type FieldErrors, type Settings } from './settings';
import { SETTINGS_MESSAGES } from './settingsMessages';
import {
  hasStoredClientSecret,
  loadClientSecret,
  loadConnectionInUse,
  loadSavedSettings,
  loadSettings,
  loadValidation,
  saveClientSecret,
  saveConnectionInUse,
  savedConnectionInUse,
  saveSettings,
  saveValidation,
  type ConnectionInUse,
  type ValidationResult,
} from './store';
import { connectionWorks, validateConnection } from './validateConnection';
import { integrationUrls, rotateToken, type IntegrationUrls, type TriggerKind } from './webTriggerTokens';

export interface ConfigView {
  settings: Settings;
  clientSecretSet: boolean;
  eventTypeOptions: string[];
  validation: ValidationResult;
  /** Null until the configuration is first saved. */
  urls: IntegrationUrls | null;
  customLinkUrl: string;
  /**
   * The last connection that validated, which the integration uses; `isSaved` false when the saved Host
   * Name, Client ID or Client Secret did not validate and this older one is still in use. Null until a
   * connection has validated.
   */
  connectionInUse: (ConnectionInUse & { isSaved: boolean }) | null;
}

export type SaveOutcome =
  | { ok: true; view: ConfigView }
  | { ok: false; error: { code: 'INVALID_INPUT'; message: string }; fieldErrors: FieldErrors };

const MAX_SECRET_LENGTH = 512;

export function customLinkUrl(siteUrl: string): string {
  return `${siteUrl.replace(/\/$/, '')}/browse/%SESSION.CUSTOM.EXTERNAL_KEY%`;
}

export async function configurationView(siteUrl: string): Promise<ConfigView> {
  const [saved, validation, inUse] = await Promise.all([loadSavedSettings(), loadValidation(), loadConnectionInUse()]);
  const secret = saved?.hostName ? await loadClientSecret(saved.hostName) : undefined;
  return {
    settings: saved ?? DEFAULT_SETTINGS,
    clientSecretSet: !!secret,
    eventTypeOptions: [...SESSION_EVENT_TYPES],
    validation,
    urls: saved ? await integrationUrls() : null,
    customLinkUrl: customLinkUrl(siteUrl),
    connectionInUse: inUse ? { ...inUse, isSaved: await savedConnectionInUse(saved ?? DEFAULT_SETTINGS, secret) } : null,
  };
}

/** Stores a validation result; a connection that works becomes the one in use. */
async function recordValidation(result: ValidationResult, settings: Settings, clientSecret: string | undefined): Promise<void> {
  await saveValidation(result);
  if (connectionWorks(result) && clientSecret) {
    await saveConnectionInUse(settings.hostName, settings.clientId, clientSecret, result.checkedAt ?? new Date().toISOString());
  }
}

export async function saveConfiguration(input: { settings?: unknown; clientSecret?: unknown }, siteUrl: string): Promise<SaveOutcome> {
  const parsed = parseSettings(input.settings);
  const typedSecret = typeof input.clientSecret === 'string' ? input.clientSecret.trim() : '';
  const fieldErrors: FieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
  if (typedSecret.length > MAX_SECRET_LENGTH) fieldErrors.clientSecret = `The Client Secret is at most ${MAX_SECRET_LENGTH} characters.`;
  const hostName = parsed.ok ? parsed.settings.hostName : '';
  // Only the secret saved for this very host may be kept; a secret saved for another host is never used.
  const storedSecret = hostName ? await loadClientSecret(hostName) : undefined;
  if (parsed.ok && !typedSecret && !storedSecret) {
    if (hostName && (await hasStoredClientSecret())) fieldErrors.clientSecret = SETTINGS_MESSAGES.clientSecretForNewHost(hostName);
    else if (parsed.settings.enabled) fieldErrors.clientSecret = SETTINGS_MESSAGES.clientSecretRequired;
  }
  if (!parsed.ok || Object.keys(fieldErrors).length > 0) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: 'Some settings need attention.' }, fieldErrors };
  }
  await saveSettings(parsed.settings);
  if (typedSecret) await saveClientSecret(typedSecret, parsed.settings.hostName);
  const secret = typedSecret || storedSecret;
  await recordValidation(await validateConnection(parsed.settings, secret, JiraClient.asApp()), parsed.settings, secret);
  return { ok: true, view: await configurationView(siteUrl) };
}

export async function revalidate(siteUrl: string): Promise<ConfigView> {
  const settings = await loadSettings();
  const secret = settings.hostName ? await loadClientSecret(settings.hostName) : undefined;
  await recordValidation(await validateConnection(settings, secret, JiraClient.asApp()), settings, secret);
  return configurationView(siteUrl);
}

export async function regenerateUrl(which: TriggerKind, siteUrl: string): Promise<ConfigView> {
  await rotateToken(which);
  return configurationView(siteUrl);
}
