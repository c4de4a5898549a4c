/**
 * Where the configuration lives in Forge storage:
 *   config:settings          the Settings (plain KVS; no secret in it)
 *   config:client-secret     the PRA OAuth client secret (kvs.setSecret: encrypted, never queryable)
 *   config:validation        the last result of validating the connection
 */
import { kvs } from '@forge/kvs';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { registerSecret } from '../shared/log';

const SETTINGS_KEY = 'config:settings';
const CLIENT_SECRET_KEY = 'config:client-secret';
const VALIDATION_KEY = 'config:validation';

export interface ValidationResult {
  status: 'valid' | 'invalid' | 'unchecked';
  message: string;
  details?: string[];
  checkedAt?: string;
  /** The appliance's API version when it answered. */
  apiVersion?: string;
}

/** The saved settings, or undefined before the first save. */
export async function loadSavedSettings(): Promise<Settings | undefined> {
  const stored = await kvs.get<Partial<Settings>>(SETTINGS_KEY);
  return stored ? { ...DEFAULT_SETTINGS, ...stored } : undefined;
}

export async function loadSettings(): Promise<Settings> {
  return (await loadSavedSettings()) ?? DEFAULT_SETTINGS;
}

export async function saveSettings(settings: Settings): Promise<void> {
  await kvs.set(SETTINGS_KEY, settings);
}

export async function loadClientSecret(): Promise<string | undefined> {
  const secret = await kvs.getSecret<string>(CLIENT_SECRET_KEY);
  registerSecret(secret);
  return secret || undefined;
}

export async function saveClientSecret(secret: string): Promise<void> {
  registerSecret(secret);
  await kvs.setSecret(CLIENT_SECRET_KEY, secret);
}

export async function loadValidation(): Promise<ValidationResult> {
  return (await kvs.get<ValidationResult>(VALIDATION_KEY)) ?? { status: 'unchecked', message: 'The configuration has not been validated yet.' };
}

export async function saveValidation(result: ValidationResult): Promise<void> {
  await kvs.set(VALIDATION_KEY, result);
}

/** Everything the PRA client needs, or undefined when the integration is not fully configured. */
export async function loadConnection(): Promise<{ settings: Settings; clientSecret: string } | undefined> {
  const [settings, clientSecret] = await Promise.all([loadSettings(), loadClientSecret()]);
  if (!settings.hostName || !settings.clientId || !clientSecret) return undefined;
  return { settings, clientSecret };
}
