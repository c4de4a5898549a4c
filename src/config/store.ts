/**
 * Where the configuration lives in Forge storage:
 *   config:settings          the Settings (plain KVS; no secret in it)
 *   config:client-secret     the PRA OAuth client secret with the host name it was saved for
 *                            (kvs.setSecret: encrypted, never queryable). The secret belongs to that
 *                            host: it is never handed out for another one (a changed or mistyped Host
 *                            Name must not receive it).
 *   config:validation        the last result of validating the connection
 *   config:connection-in-use the Host Name and Client ID of the last connection that validated
 *   config:connection-in-use-secret (secret) its client secret
 * The integration (imports, Jump to Asset, reconciliation, health) uses the connection in use: saving a
 * Host Name, Client ID or Client Secret that does not validate keeps the last working one until new
 * ones validate. Before any connection has validated, the saved one is used.
 */
import { kvs } from '@forge/kvs';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { registerSecret } from '../shared/log';

const SETTINGS_KEY = 'config:settings';
const CLIENT_SECRET_KEY = 'config:client-secret';
const VALIDATION_KEY = 'config:validation';
const IN_USE_KEY = 'config:connection-in-use';
const IN_USE_SECRET_KEY = 'config:connection-in-use-secret';

/** The last connection that validated, without its secret. */
export interface ConnectionInUse {
  hostName: string;
  clientId: string;
  /** When it last validated (ISO-8601). */
  validatedAt: string;
}

/** What an invalid configuration is wrong about, so the page gives advice for that cause only. */
export type ValidationCause = 'missing' | 'egress' | 'unreachable' | 'credentials' | 'api' | 'permissions' | 'assetField' | 'assetsRole' | 'changeWindowFields' | 'unexpected';

export interface ValidationResult {
  status: 'valid' | 'invalid' | 'unchecked';
  message: string;
  /** Set when invalid. */
  cause?: ValidationCause;
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

export async function loadConnectionInUse(): Promise<ConnectionInUse | undefined> {
  return kvs.get<ConnectionInUse>(IN_USE_KEY);
}

/** Makes a connection that just validated the one in use. */
export async function saveConnectionInUse(hostName: string, clientId: string, clientSecret: string, validatedAt: string): Promise<void> {
  registerSecret(clientSecret);
  await kvs.setSecret(IN_USE_SECRET_KEY, clientSecret);
  await kvs.set(IN_USE_KEY, { hostName, clientId, validatedAt } satisfies ConnectionInUse);
}

/** Whether the saved Host Name, Client ID and Client Secret are the ones in use. */
export async function savedConnectionInUse(settings: Settings, clientSecret: string | undefined): Promise<boolean> {
  const [inUse, inUseSecret] = await Promise.all([loadConnectionInUse(), kvs.getSecret<string>(IN_USE_SECRET_KEY)]);
  return !inUse || (inUse.hostName === settings.hostName && inUse.clientId === settings.clientId && inUseSecret === clientSecret);
}

/**
 * The settings the integration runs with: the saved settings, with the last connection that validated in
 * place of the saved Host Name, Client ID and secret (undefined before the first save). Three KVS reads
 * once a connection has validated; a fourth (the secret saved for the saved host, never another host's)
 * only before that.
 */
export async function loadSettingsInUse(): Promise<{ settings: Settings; clientSecret: string | undefined } | undefined> {
  const [saved, inUse, inUseSecret] = await Promise.all([loadSavedSettings(), loadConnectionInUse(), kvs.getSecret<string>(IN_USE_SECRET_KEY)]);
  if (!saved) return undefined;
  if (inUse && inUseSecret) {
    registerSecret(inUseSecret);
    return { settings: { ...saved, hostName: inUse.hostName, clientId: inUse.clientId }, clientSecret: inUseSecret };
  }
  return { settings: saved, clientSecret: saved.hostName ? await loadClientSecret(saved.hostName) : undefined };
}

/** Everything the PRA client needs (the connection in use), or undefined when the integration is not fully configured. */
export async function loadConnection(): Promise<{ settings: Settings; clientSecret: string } | undefined> {
  const inUse = await loadSettingsInUse();
  if (!inUse) return undefined;
  const { settings, clientSecret } = inUse;
  if (!settings.hostName || !settings.clientId || !clientSecret) return undefined;
  return { settings, clientSecret };
}
