/**
 * One OAuth token per appliance and API account, shared by every invocation through encrypted KVS.
 * PRA keeps at most 30 live tokens per account and a 31st evicts the oldest, so fetching a token per
 * request would break concurrent work: a token is reused until shortly before it expires.
 *
 * The cache key hashes host, client id and secret, so a changed secret never reuses an old token.
 */
import crypto from 'node:crypto';
import { kvs } from '@forge/kvs';

export interface CachedToken {
  accessToken: string;
  /** Epoch ms when the appliance said the token expires. */
  expiresAt: number;
  obtainedAt: number;
}

/** Renew when less than this much life is left: 5 minutes, or a tenth of a short lifetime. */
export function renewalMarginMs(token: CachedToken): number {
  return Math.min(300_000, (token.expiresAt - token.obtainedAt) / 10);
}

export function isFresh(token: CachedToken | undefined, now: number): token is CachedToken {
  return !!token && token.expiresAt - now > renewalMarginMs(token);
}

export function tokenCacheKey(hostName: string, clientId: string, clientSecret: string): string {
  const digest = crypto.createHash('sha256').update(`${hostName}\n${clientId}\n${clientSecret}`).digest('hex');
  return `pra-token:${digest.slice(0, 40)}`;
}

export async function readToken(key: string): Promise<CachedToken | undefined> {
  return kvs.getSecret<CachedToken>(key);
}

export async function writeToken(key: string, token: CachedToken): Promise<void> {
  const seconds = Math.max(1, Math.ceil((token.expiresAt - Date.now()) / 1000));
  await kvs.setSecret(key, token, { ttl: { value: seconds, unit: 'SECONDS' } });
}

/** Forgets the token only if it is still the one that failed (another invocation may have renewed it). */
export async function discardToken(key: string, failed: string): Promise<void> {
  const current = await readToken(key);
  if (current?.accessToken === failed) await kvs.deleteSecret(key);
}
