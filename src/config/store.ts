/**
 * Where the configuration lives in Forge storage:
 *   config:settings          the Settings (plain KVS; no secret in it)
 *   config:client-secret     the PRA OAuth client secret with the host name it was saved for
 *                            (kvs.setSecret: encrypted, never queryable). The secret belongs to that
 *                            host: it is never handed out for another one (a changed or mistyped Host
 *                            Name must not receive it).
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

/** The stored secret and the host it was saved for (a plain string is a secret saved before hosts were bound). */
type StoredSecret = { secret: string; hostName: string } | string;

const sameHost = (a: string, b: string) => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The client secret saved for `hostName`, or undefined when none is stored or it was saved for another
 * host. A secret stored before the host was recorded with it belongs to the host saved in the settings.
 */
export async function loadClientSecret(hostName: string): Promise<string | undefined> {
  const stored = await kvs.getSecret<StoredSecret>(CLIENT_SECRET_KEY);
  if (!stored) return undefined;
  const secret = typeof stored === 'string' ? stored : stored.secret;
  registerSecret(secret);
  const boundTo = typeof stored === 'string' ? ((await loadSavedSettings())?.hostName ?? '') : stored.hostName;
  return secret && sameHost(boundTo, hostName) ? secret : undefined;
}

/** Whether a secret is stored at all, whichever host it belongs to. */
export async function hasStoredClientSecret(): Promise<boolean> {
  const stored = await kvs.getSecret<StoredSecret>(CLIENT_SECRET_KEY);
  return !!(typeof stored === 'string' ? stored : stored?.secret);
}

/** Stores the secret for `hostName`; it will be handed out for that host only. */
export async function saveClientSecret(secret: string, hostName: string): Promise<void> {
  registerSecret(secret);
  await kvs.setSecret(CLIENT_SECRET_KEY, { secret, hostName: hostName.trim().toLowerCase() } satisfies StoredSecret);
}

export async function loadValidation(): Promise<ValidationResult> {
  return (await kvs.get<ValidationResult>(VALIDATION_KEY)) ?? { status: 'unchecked', message: 'The configuration has not been validated yet.' };
}

export async function saveValidation(result: ValidationResult): Promise<void> {
  await kvs.set(VALIDATION_KEY, result);
}

/** Everything the PRA client needs, or undefined when the integration is not fully configured. */
export async function loadConnection(): Promise<{ settings: Settings; clientSecret: string } | undefined> {
  const settings = await loadSettings();
  const clientSecret = settings.hostName ? await loadClientSecret(settings.hostName) : undefined;
  if (!settings.hostName || !settings.clientId || !clientSecret) return undefined;
  return { settings, clientSecret };
}
