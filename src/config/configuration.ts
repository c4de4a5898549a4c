/**
 * The configuration page's use cases: show the settings (never the secret), save them (validate
 * input, keep the stored secret when none is typed, then validate against PRA), re-validate, and
 * rotate a web-trigger token.
 */
import { SESSION_EVENT_TYPES } from '../pra/eventTypes';
import { JiraClient } from '../jira/client';
import { DEFAULT_SETTINGS, parseSettings, type FieldErrors, type Settings } from './settings';
import { SETTINGS_MESSAGES } from './settingsMessages';
import { loadClientSecret, loadSavedSettings, loadSettings, loadValidation, saveClientSecret, saveSettings, saveValidation, type ValidationResult } from './store';
import { validateConnection } from './validateConnection';
import { integrationUrls, rotateToken, type IntegrationUrls, type TriggerKind } from './webTriggerTokens';

export interface ConfigView {
  settings: Settings;
  clientSecretSet: boolean;
  eventTypeOptions: string[];
  validation: ValidationResult;
  /** Null until the configuration is first saved. */
  urls: IntegrationUrls | null;
  customLinkUrl: string;
}

export type SaveOutcome =
  | { ok: true; view: ConfigView }
  | { ok: false; error: { code: 'INVALID_INPUT'; message: string }; fieldErrors: FieldErrors };

const MAX_SECRET_LENGTH = 512;

export function customLinkUrl(siteUrl: string): string {
  return `${siteUrl.replace(/\/$/, '')}/browse/%SESSION.CUSTOM.EXTERNAL_KEY%`;
}

export async function configurationView(siteUrl: string): Promise<ConfigView> {
  const [saved, secret, validation] = await Promise.all([loadSavedSettings(), loadClientSecret(), loadValidation()]);
  return {
    settings: saved ?? DEFAULT_SETTINGS,
    clientSecretSet: !!secret,
    eventTypeOptions: [...SESSION_EVENT_TYPES],
    validation,
    urls: saved ? await integrationUrls() : null,
    customLinkUrl: customLinkUrl(siteUrl),
  };
}

export async function saveConfiguration(input: { settings?: unknown; clientSecret?: unknown }, siteUrl: string): Promise<SaveOutcome> {
  const parsed = parseSettings(input.settings);
  const typedSecret = typeof input.clientSecret === 'string' ? input.clientSecret.trim() : '';
  const fieldErrors: FieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
  if (typedSecret.length > MAX_SECRET_LENGTH) fieldErrors.clientSecret = `The Client Secret is at most ${MAX_SECRET_LENGTH} characters.`;
  const storedSecret = await loadClientSecret();
  if (parsed.ok && parsed.settings.enabled && !typedSecret && !storedSecret) {
    fieldErrors.clientSecret = SETTINGS_MESSAGES.clientSecretRequired;
  }
  if (!parsed.ok || Object.keys(fieldErrors).length > 0) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: 'Some settings need attention.' }, fieldErrors };
  }
  await saveSettings(parsed.settings);
  if (typedSecret) await saveClientSecret(typedSecret);
  await saveValidation(await validateConnection(parsed.settings, typedSecret || storedSecret, JiraClient.asApp()));
  return { ok: true, view: await configurationView(siteUrl) };
}

export async function revalidate(siteUrl: string): Promise<ConfigView> {
  const [settings, secret] = await Promise.all([loadSettings(), loadClientSecret()]);
  await saveValidation(await validateConnection(settings, secret, JiraClient.asApp()));
  return configurationView(siteUrl);
}

export async function regenerateUrl(which: TriggerKind, siteUrl: string): Promise<ConfigView> {
  await rotateToken(which);
  return configurationView(siteUrl);
}
