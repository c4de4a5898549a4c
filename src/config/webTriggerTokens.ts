/**
 * PRA cannot sign its requests, so each web trigger is protected by a high-entropy per-installation
 * token carried in its URL (`?token=…`, like the `outbound_event_token` of BeyondTrust's ServiceNow
 * integration). Tokens are stored with kvs.setSecret, compared in constant time, and rotated on demand.
 */
import crypto from 'node:crypto';
import { kvs } from '@forge/kvs';
import { webTrigger } from '@forge/api';
import { registerSecret } from '../shared/log';

export type TriggerKind = 'outboundEvent' | 'endpointApproval';

/** Web-trigger module keys in manifest.yml. */
export const TRIGGER_MODULE_KEYS: Record<TriggerKind, string> = {
  outboundEvent: 'outbound-event',
  endpointApproval: 'endpoint-approval',
};

export const TOKEN_QUERY_PARAMETER = 'token';

const tokenKey = (kind: TriggerKind) => `webtrigger-token:${kind}`;

function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

function isConflict(error: unknown): boolean {
  const e = error as { responseDetails?: { status?: number }; code?: string };
  return e?.responseDetails?.status === 409 || /EXISTS/i.test(String(e?.code ?? ''));
}

/** Returns the token for a trigger, creating it once (concurrent first calls agree on one token). */
export async function ensureToken(kind: TriggerKind): Promise<string> {
  const existing = await kvs.getSecret<string>(tokenKey(kind));
  if (existing) {
    registerSecret(existing);
    return existing;
  }
  const token = newToken();
  try {
    await kvs.setSecret(tokenKey(kind), token, { keyPolicy: 'FAIL_IF_EXISTS' });
    registerSecret(token);
    return token;
  } catch (error) {
    if (!isConflict(error)) throw error;
    return ensureToken(kind);
  }
}

/** Replaces the token: the old URL stops working at once. */
export async function rotateToken(kind: TriggerKind): Promise<string> {
  const token = newToken();
  await kvs.setSecret(tokenKey(kind), token);
  registerSecret(token);
  return token;
}

/** Constant-time comparison of a presented token with the stored one (hashing equalises lengths). */
export async function verifyToken(kind: TriggerKind, presented: string | undefined): Promise<boolean> {
  if (!presented) return false;
  const stored = await kvs.getSecret<string>(tokenKey(kind));
  if (!stored) return false;
  const a = crypto.createHash('sha256').update(presented).digest();
  const b = crypto.createHash('sha256').update(stored).digest();
  return crypto.timingSafeEqual(a, b);
}

export interface IntegrationUrls {
  outboundEventUrl: string;
  endpointApprovalUrl: string;
}

async function urlFor(kind: TriggerKind): Promise<string> {
  const [base, token] = await Promise.all([webTrigger.getUrl(TRIGGER_MODULE_KEYS[kind]), ensureToken(kind)]);
  const url = new URL(base);
  url.searchParams.set(TOKEN_QUERY_PARAMETER, token);
  return url.toString();
}

/** The two URLs the admin pastes into PRA (Outbound Events, Jump Policies > Ticket System). */
export async function integrationUrls(): Promise<IntegrationUrls> {
  const [outboundEventUrl, endpointApprovalUrl] = await Promise.all([urlFor('outboundEvent'), urlFor('endpointApproval')]);
  return { outboundEventUrl, endpointApprovalUrl };
}
